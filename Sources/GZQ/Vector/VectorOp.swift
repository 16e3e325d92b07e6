/// The batch engine's instruction set. Registers hold batches of up to 2048 values (Int64
/// or Double lanes) with a validity byte per lane. `VectorOp.table` is the one description
/// of every opcode — synopsis, operand shape, notes — and the disassembler prints from it.
///
/// Null rules follow `Arithmetic`: arithmetic and ordering give null when an operand is
/// null; `==`/`!=` treat null as a value; division by zero gives null. Integer overflow in a
/// checked opcode is the error `Arithmetic.overflow` raises, at the instruction's span.
enum VectorOp: UInt8, CaseIterable {
    case loadInt, loadFloat, intToFloat
    case addInt, subInt, mulInt, floorDivInt, modInt, negInt
    case addFloat, subFloat, mulFloat, divFloat, floorDivFloat, modFloat, negFloat
    case compareInt, compareFloat, compareIntFloat
    case equalInt, equalFloat, equalIntFloat
    case inSet, and, or, not, coalesce
    case rate, change, pp

    /// How an instruction's operands read (and print).
    enum Shape {
        /// `d, column a`
        case load
        /// `d, a`
        case unary
        /// `d, a, b`
        case binary
        /// `d, a, b` with the ordering in `extra` (0 <, 1 <=, 2 >, 3 >=)
        case ordering
        /// `d, a, b` with `extra` = 1 for `!=`
        case equality
        /// `d, a` tested against `sets[extra]` (`b` = 1 when the list holds null)
        case membership
    }

    struct Description {
        let synopsis: String
        let shape: Shape
        /// Can raise integer overflow (never compiled where the tree might not evaluate it).
        let checked: Bool
        let notes: String
    }

    /// The opcode table.
    static let table: [VectorOp: Description] = [
        .loadInt: .init(synopsis: "r[d] = column[a]", shape: .load, checked: false, notes: "ints, dates, bools 0/1, string dictionary codes as Int lanes"),
        .loadFloat: .init(synopsis: "r[d] = column[a]", shape: .load, checked: false, notes: "floats"),
        .intToFloat: .init(synopsis: "r[d] = float(r[a])", shape: .unary, checked: false, notes: ""),
        .addInt: .init(synopsis: "r[d] = r[a] + r[b]", shape: .binary, checked: true, notes: "ints"),
        .subInt: .init(synopsis: "r[d] = r[a] - r[b]", shape: .binary, checked: true, notes: "ints"),
        .mulInt: .init(synopsis: "r[d] = r[a] * r[b]", shape: .binary, checked: true, notes: "ints"),
        .floorDivInt: .init(synopsis: "r[d] = r[a] // r[b]", shape: .binary, checked: true, notes: "floored; b == 0 gives null; Int.min // -1 overflows"),
        .modInt: .init(synopsis: "r[d] = r[a] mod r[b]", shape: .binary, checked: false, notes: "floored (sign of b); b == 0 gives null"),
        .negInt: .init(synopsis: "r[d] = -r[a]", shape: .unary, checked: true, notes: "-Int.min overflows"),
        .addFloat: .init(synopsis: "r[d] = r[a] + r[b]", shape: .binary, checked: false, notes: "floats"),
        .subFloat: .init(synopsis: "r[d] = r[a] - r[b]", shape: .binary, checked: false, notes: "floats"),
        .mulFloat: .init(synopsis: "r[d] = r[a] * r[b]", shape: .binary, checked: false, notes: "floats"),
        .divFloat: .init(synopsis: "r[d] = r[a] / r[b]", shape: .binary, checked: false, notes: "b == 0 gives null"),
        .floorDivFloat: .init(synopsis: "r[d] = r[a] // r[b]", shape: .binary, checked: false, notes: "floor(a / b); b == 0 gives null"),
        .modFloat: .init(synopsis: "r[d] = r[a] mod r[b]", shape: .binary, checked: false, notes: "floored; b == 0 gives null"),
        .negFloat: .init(synopsis: "r[d] = -r[a]", shape: .unary, checked: false, notes: ""),
        .compareInt: .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "ints, dates, bools; null if either is null"),
        .compareFloat: .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "NaN sorts last, as in Value.compare"),
        .compareIntFloat: .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "int with float, exact"),
        .equalInt: .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "null == null is true; never null"),
        .equalFloat: .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "never null"),
        .equalIntFloat: .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "int with float, exact; never null"),
        .inSet: .init(synopsis: "r[d] = r[a] in set", shape: .membership, checked: false, notes: "ints or codes; never null"),
        .and: .init(synopsis: "r[d] = r[a] and r[b]", shape: .binary, checked: false, notes: "null/false decide, else r[b]"),
        .or: .init(synopsis: "r[d] = r[a] or r[b]", shape: .binary, checked: false, notes: "true decides, else r[b]"),
        .not: .init(synopsis: "r[d] = not r[a]", shape: .unary, checked: false, notes: "not truthy(a); never null"),
        .coalesce: .init(synopsis: "r[d] = r[a] ?? r[b]", shape: .binary, checked: false, notes: "same lane type"),
        .rate: .init(synopsis: "r[d] = rate(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.rate: null for a zero or null whole"),
        .change: .init(synopsis: "r[d] = change(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.change: (b - a) / a"),
        .pp: .init(synopsis: "r[d] = pp(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.percentagePoints: (b - a) * 100, 12 decimals"),
    ]

    var description: Description { VectorOp.table[self] ?? Description(synopsis: "?", shape: .binary, checked: false, notes: "") }
    var synopsis: String { description.synopsis }
}

/// One instruction: destination and operand registers, an op-specific extra, and the span
/// of the expression it computes (where its errors point).
struct VectorInstruction {
    let op: VectorOp
    let d: Int
    let a: Int
    let b: Int
    let extra: Int
    let span: Span
}

/// The batch engine's instruction set. Registers hold batches of up to 2048 values (Int64
/// or Double lanes) with a validity byte per lane. `VectorOp.description` is the one description
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
    case equalInt, equalFloat, equalIntFloat, equalCode
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
        /// `d, column a, code b` with `extra` = 1 for `!=`
        case codeEquality
    }

    struct Description {
        let synopsis: String
        let shape: Shape
        /// Can raise integer overflow (never compiled where the tree might not evaluate it).
        let checked: Bool
        let notes: String
    }

    /// The opcode table (a switch: no dictionary to build at run time).
    var description: Description {
        switch self {
        case .loadInt: return .init(synopsis: "r[d] = column[a]", shape: .load, checked: false, notes: "ints, dates, bools 0/1, string dictionary codes as Int lanes")
        case .loadFloat: return .init(synopsis: "r[d] = column[a]", shape: .load, checked: false, notes: "floats")
        case .intToFloat: return .init(synopsis: "r[d] = float(r[a])", shape: .unary, checked: false, notes: "")
        case .addInt: return .init(synopsis: "r[d] = r[a] + r[b]", shape: .binary, checked: true, notes: "ints")
        case .subInt: return .init(synopsis: "r[d] = r[a] - r[b]", shape: .binary, checked: true, notes: "ints")
        case .mulInt: return .init(synopsis: "r[d] = r[a] * r[b]", shape: .binary, checked: true, notes: "ints")
        case .floorDivInt: return .init(synopsis: "r[d] = r[a] // r[b]", shape: .binary, checked: true, notes: "floored; b == 0 gives null; Int.min // -1 overflows")
        case .modInt: return .init(synopsis: "r[d] = r[a] mod r[b]", shape: .binary, checked: false, notes: "floored (sign of b); b == 0 gives null")
        case .negInt: return .init(synopsis: "r[d] = -r[a]", shape: .unary, checked: true, notes: "-Int.min overflows")
        case .addFloat: return .init(synopsis: "r[d] = r[a] + r[b]", shape: .binary, checked: false, notes: "floats")
        case .subFloat: return .init(synopsis: "r[d] = r[a] - r[b]", shape: .binary, checked: false, notes: "floats")
        case .mulFloat: return .init(synopsis: "r[d] = r[a] * r[b]", shape: .binary, checked: false, notes: "floats")
        case .divFloat: return .init(synopsis: "r[d] = r[a] / r[b]", shape: .binary, checked: false, notes: "b == 0 gives null")
        case .floorDivFloat: return .init(synopsis: "r[d] = r[a] // r[b]", shape: .binary, checked: false, notes: "floor(a / b); b == 0 gives null")
        case .modFloat: return .init(synopsis: "r[d] = r[a] mod r[b]", shape: .binary, checked: false, notes: "floored; b == 0 gives null")
        case .negFloat: return .init(synopsis: "r[d] = -r[a]", shape: .unary, checked: false, notes: "")
        case .compareInt: return .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "ints, dates, bools; null if either is null")
        case .compareFloat: return .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "NaN sorts last, as in Value.compare")
        case .compareIntFloat: return .init(synopsis: "r[d] = r[a] <op> r[b]", shape: .ordering, checked: false, notes: "int with float, exact")
        case .equalInt: return .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "null == null is true; never null")
        case .equalFloat: return .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "never null")
        case .equalIntFloat: return .init(synopsis: "r[d] = r[a] ==/!= r[b]", shape: .equality, checked: false, notes: "int with float, exact; never null")
        case .equalCode: return .init(synopsis: "r[d] = column[a] ==/!= code b", shape: .codeEquality, checked: false, notes: "text column against a constant, on dictionary codes in place (code -1: not in the dictionary); never null")
        case .inSet: return .init(synopsis: "r[d] = r[a] in set", shape: .membership, checked: false, notes: "ints or codes; never null")
        case .and: return .init(synopsis: "r[d] = r[a] and r[b]", shape: .binary, checked: false, notes: "null/false decide, else r[b]")
        case .or: return .init(synopsis: "r[d] = r[a] or r[b]", shape: .binary, checked: false, notes: "true decides, else r[b]")
        case .not: return .init(synopsis: "r[d] = not r[a]", shape: .unary, checked: false, notes: "not truthy(a); never null")
        case .coalesce: return .init(synopsis: "r[d] = r[a] ?? r[b]", shape: .binary, checked: false, notes: "same lane type")
        case .rate: return .init(synopsis: "r[d] = rate(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.rate: null for a zero or null whole")
        case .change: return .init(synopsis: "r[d] = change(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.change: (b - a) / a")
        case .pp: return .init(synopsis: "r[d] = pp(r[a], r[b])", shape: .binary, checked: false, notes: "Arithmetic.percentagePoints: (b - a) * 100, 12 decimals")
        }
    }

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

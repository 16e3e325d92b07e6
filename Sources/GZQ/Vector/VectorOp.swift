/// The fast path's instruction set. Registers hold batches of up to 2048 values
/// (Int64 or Double lanes) with a validity byte per lane. Each opcode is documented
/// where it is defined, with the synopsis the disassembler prints (SQLite's VDBE style).
///
/// Null rules follow `Arithmetic`: arithmetic and ordering give null when an operand
/// is null; `==`/`!=` treat null as a value; division by zero gives null. Integer
/// overflow sets the VM's error flag: the stage then reruns on the tree path, which
/// raises the exact error the reference semantics define.
enum VectorOp: UInt8 {
    /// `r[d] = column[a]` (ints, dates, bools 0/1, string dictionary codes as Int lanes).
    case loadInt
    /// `r[d] = column[a]` (floats).
    case loadFloat
    /// `r[d] = r[a] as Double` (int to float).
    case intToFloat
    /// `r[d] = r[a] + r[b]` on ints; overflow is an error.
    case addInt
    /// `r[d] = r[a] - r[b]` on ints; overflow is an error.
    case subInt
    /// `r[d] = r[a] * r[b]` on ints; overflow is an error.
    case mulInt
    /// `r[d] = r[a] // r[b]` floored; b == 0 gives null; Int.min // -1 is an error.
    case floorDivInt
    /// `r[d] = r[a] mod r[b]` floored (sign of b); b == 0 gives null.
    case modInt
    /// `r[d] = -r[a]` on ints; -Int.min is an error.
    case negInt
    /// `r[d] = r[a] + r[b]` on floats.
    case addFloat
    /// `r[d] = r[a] - r[b]` on floats.
    case subFloat
    /// `r[d] = r[a] * r[b]` on floats.
    case mulFloat
    /// `r[d] = r[a] / r[b]` on floats; b == 0 gives null.
    case divFloat
    /// `r[d] = floor(r[a] / r[b])` on floats; b == 0 gives null.
    case floorDivFloat
    /// `r[d] = r[a] mod r[b]` on floats, floored; b == 0 gives null.
    case modFloat
    /// `r[d] = -r[a]` on floats.
    case negFloat
    /// `r[d] = compare(r[a], r[b]) OP 0` on ints (`extra` = 0 <, 1 <=, 2 >, 3 >=); null if either is null.
    case compareInt
    /// `r[d] = compare(r[a], r[b]) OP 0` on floats (NaN sorts last, as in `Value.compare`).
    case compareFloat
    /// `r[d] = compare(r[a] int, r[b] float) OP 0`, exact (no rounding of the int).
    case compareIntFloat
    /// `r[d] = r[a] == r[b]` on ints (`extra` = 1 for !=); null == null is true; never null.
    case equalInt
    /// `r[d] = r[a] == r[b]` on floats (`extra` = 1 for !=); never null.
    case equalFloat
    /// `r[d] = r[a] == r[b]` int with float, exact (`extra` = 1 for !=); never null.
    case equalIntFloat
    /// `r[d] = r[a] in set[extra]` (ints or codes; `b` = 1 when the list holds null); never null.
    case inSet
    /// `r[d] = r[a] and r[b]` on bools: null/false decide, else r[b].
    case and
    /// `r[d] = r[a] or r[b]` on bools: true decides, else r[b].
    case or
    /// `r[d] = not truthy(r[a])`; never null.
    case not
    /// `r[d] = r[a] ?? r[b]` (same lane type).
    case coalesce
    /// `r[d] = rate(r[a], r[b])`: float division, null for a zero or null whole.
    case rate
    /// `r[d] = change(r[a], r[b])`: (b - a) / a, null for a zero or null old value.
    case change
    /// `r[d] = pp(r[a], r[b])`: (b - a) * 100 rounded to 12 decimals.
    case pp

    /// The one-line synopsis the disassembler prints.
    var synopsis: String {
        switch self {
        case .loadInt, .loadFloat: return "r[d] = column[a]"
        case .intToFloat: return "r[d] = float(r[a])"
        case .addInt, .addFloat: return "r[d] = r[a] + r[b]"
        case .subInt, .subFloat: return "r[d] = r[a] - r[b]"
        case .mulInt, .mulFloat: return "r[d] = r[a] * r[b]"
        case .divFloat: return "r[d] = r[a] / r[b]"
        case .floorDivInt, .floorDivFloat: return "r[d] = r[a] // r[b]"
        case .modInt, .modFloat: return "r[d] = r[a] mod r[b]"
        case .negInt, .negFloat: return "r[d] = -r[a]"
        case .compareInt, .compareFloat, .compareIntFloat: return "r[d] = r[a] <op> r[b]"
        case .equalInt, .equalFloat, .equalIntFloat: return "r[d] = r[a] ==/!= r[b]"
        case .inSet: return "r[d] = r[a] in set"
        case .and: return "r[d] = r[a] and r[b]"
        case .or: return "r[d] = r[a] or r[b]"
        case .not: return "r[d] = not r[a]"
        case .coalesce: return "r[d] = r[a] ?? r[b]"
        case .rate: return "r[d] = rate(r[a], r[b])"
        case .change: return "r[d] = change(r[a], r[b])"
        case .pp: return "r[d] = pp(r[a], r[b])"
        }
    }
}

/// One instruction: destination and operand registers, and an op-specific extra.
struct VectorInstruction {
    let op: VectorOp
    let d: Int
    let a: Int
    let b: Int
    let extra: Int
}

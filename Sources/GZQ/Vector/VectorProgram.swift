/// A compiled stage expression: instructions over typed registers, the constants
/// to broadcast before the first batch, and the span of the expression (for the
/// disassembler and error fallback).
final class VectorProgram {
    enum Lane { case int, float }

    /// What a register holds, statically.
    enum RegisterType: Hashable {
        case int, float, bool, date
        /// String dictionary codes of `column` (equality with codes of the same dictionary only).
        case code(column: Int)

        var lane: Lane { self == .float ? .float : .int }
    }

    var instructions: [VectorInstruction] = []
    var registerTypes: [RegisterType] = []
    /// Registers filled once with a constant (lane value, valid?).
    var constants: [(register: Int, bits: UInt64, valid: Bool)] = []
    /// Sets for `inSet` (ints or codes).
    var sets: [Set<Int>] = []
    /// Columns the program reads, by register (for loads).
    var result: Int = 0
    let span: Span

    init(span: Span) { self.span = span }

    var resultType: RegisterType { registerTypes[result] }

    func newRegister(_ type: RegisterType) -> Int {
        registerTypes.append(type)
        return registerTypes.count - 1
    }

    func emit(_ op: VectorOp, _ d: Int, _ a: Int, _ b: Int = 0, _ extra: Int = 0, span: Span) {
        instructions.append(VectorInstruction(op: op, d: d, a: a, b: b, extra: extra, span: span))
    }

    /// One line per instruction: address, opcode, operands, synopsis (all from `VectorOp.description`).
    func disassemble(schema: Schema) -> String {
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var lines: [String] = []
        for (register, bits, valid) in constants {
            let type = registerTypes[register]
            let shown = !valid ? "null" : type == .float ? ValueFormatter.float(Double(bitPattern: bits)) : String(Int(bitPattern: UInt(bits)))
            lines.append("      " + pad("const", 14) + "r\(register), \(shown)")
        }
        let orderings = ["<", "<=", ">", ">="]
        for (address, i) in instructions.enumerated() {
            let description = i.op.description
            let operands: String
            switch description.shape {
            case .load: operands = "r\(i.d), \(schema.names.indices.contains(i.a) ? schema.names[i.a] : "?")"
            case .unary, .membership: operands = "r\(i.d), r\(i.a)"
            case .binary: operands = "r\(i.d), r\(i.a), r\(i.b)"
            case .ordering: operands = "r\(i.d), r\(i.a), r\(i.b) " + (orderings.indices.contains(i.extra) ? orderings[i.extra] : "?")
            case .equality: operands = "r\(i.d), r\(i.a), r\(i.b)" + (i.extra == 1 ? " !=" : " ==")
            case .codeEquality:
                operands = "r\(i.d), \(schema.names.indices.contains(i.a) ? schema.names[i.a] : "?")" + (i.extra == 1 ? " != " : " == ") + "code \(i.b)"
            }
            let number = String(address)
            lines.append(String(repeating: "0", count: max(0, 4 - number.count)) + number + "  " + pad("\(i.op)", 14) + pad(operands, 19) + " ; " + description.synopsis)
        }
        lines.append("      " + pad("result", 14) + "r\(result) (\(registerTypes.isEmpty ? "?" : "\(resultType)"))")
        return lines.joined(separator: "\n")
    }
}

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

    func emit(_ op: VectorOp, _ d: Int, _ a: Int, _ b: Int = 0, _ extra: Int = 0) {
        instructions.append(VectorInstruction(op: op, d: d, a: a, b: b, extra: extra))
    }

    /// One line per instruction: address, opcode, operands, synopsis.
    func disassemble(schema: Schema) -> String {
        func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }
        var lines: [String] = []
        for (register, bits, valid) in constants {
            let type = registerTypes[register]
            let shown = !valid ? "null" : type == .float ? ValueFormatter.float(Double(bitPattern: bits)) : String(Int(bitPattern: UInt(bits)))
            lines.append("      " + pad("const", 14) + "r\(register), \(shown)")
        }
        for (address, i) in instructions.enumerated() {
            var operands = "r\(i.d), r\(i.a)"
            if i.op == .loadInt || i.op == .loadFloat {
                operands = "r\(i.d), \(schema.names.indices.contains(i.a) ? schema.names[i.a] : "?")"
            } else if ![.intToFloat, .negInt, .negFloat, .not, .inSet].contains(i.op) {
                operands += ", r\(i.b)"
            }
            if [.compareInt, .compareFloat, .compareIntFloat].contains(i.op) {
                operands += " " + (["<", "<=", ">", ">="].indices.contains(i.extra) ? ["<", "<=", ">", ">="][i.extra] : "?")
            } else if [.equalInt, .equalFloat, .equalIntFloat].contains(i.op) {
                operands += i.extra == 1 ? " !=" : " =="
            }
            let number = String(address)
            lines.append(String(repeating: "0", count: max(0, 4 - number.count)) + number + "  " + pad("\(i.op)", 14) + pad(operands, 20) + "; " + i.op.synopsis)
        }
        lines.append("      " + pad("result", 14) + "r\(result) (\(registerTypes.isEmpty ? "?" : "\(resultType)"))")
        return lines.joined(separator: "\n")
    }
}

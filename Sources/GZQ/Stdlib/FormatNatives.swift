/// Exact decimal helpers for the formatting functions written in gzq (Stdlib/format.gzq).
extension Builtins {
    static let formatting: [Builtin] = [
        Builtin("fmt_fixed", ["x", "digits"], defaults: [nil, .int(2)],
                doc: "x as a string with exactly `digits` decimals, rounded half away from zero as written in decimal.",
                example: "fmt_fixed(2.675, 2)") { call in
            if call[0].isNull { return .null }
            if case .int(let i) = call[0] {
                // Exact for every int: going through Double would lose digits beyond 2^53.
                let digits = try call.int(1)
                guard digits <= 100 else { throw call.error("fmt_fixed(): at most 100 digits") }
                if digits >= 0 { return .str(String(i) + (digits > 0 ? "." + String(repeating: "0", count: digits) : "")) }
                guard let rounded = Rounding.round(i, places: digits < -40 ? 40 : -digits) else { throw call.error("integer overflow") }
                return .str(String(rounded))
            }
            let x = try call.number(0), digits = try call.int(1)
            guard x.isFinite else { return .str(ValueFormatter.float(x)) }
            guard digits <= 100 else { throw call.error("fmt_fixed(): at most 100 digits") }
            let text = Rounding.roundedString(Swift.abs(x), digits: digits)
            let isZero = !text.contains { $0 != "0" && $0 != "." }
            return .str(x < 0 && !isZero ? "-" + text : text)
        },
        Builtin("scale10", ["x", "n"], doc: "x × 10^n computed exactly in decimal (scale10(0.5882, 2) is 58.82, not 58.819999…). Ints scaled up stay ints.",
                example: "scale10(0.6581, 2)") { call in
            let n = try call.int(1)
            guard n.magnitude <= 400 else { throw call.error("scale10(): n must be between -400 and 400") }
            switch call[0] {
            case .null: return .null
            case .int(let i) where n >= 0:
                var result = i
                for _ in 0..<n {
                    let (r, o) = result.multipliedReportingOverflow(by: 10)
                    if o { throw call.error("integer overflow") }
                    result = r
                }
                return .int(result)
            default:
                return .float(Rounding.scale(try call.number(0), by: n))
            }
        },
    ]
}

extension Rounding {
    /// x × 10^n by moving the decimal point of x's shortest decimal form.
    static func scale(_ x: Double, by n: Int) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let (digits, exponent) = shortestDecimal(Swift.abs(x))
        let text = "0." + digits.map(String.init).joined() + "e\(exponent + n)"
        let magnitude = Double(text) ?? Swift.abs(x)
        return x < 0 ? -magnitude : magnitude
    }
}

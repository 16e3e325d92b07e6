/// Formatting numbers for reports (REFERENCE §6). All round half away from zero, as written in
/// decimal. The text comes from `FigureText`, which the display formats of the `format`
/// stage use too, so `fmt_pct(x, 2)` and a `pct(2)` column read the same.
extension Builtins {
    static let formatting: [Builtin] = [
        Builtin("fmt_fixed", ["x", "digits"], defaults: [nil, .int(2)],
                doc: "x as a string with exactly `digits` decimals, rounded half away from zero as written in decimal.",
                example: "fmt_fixed(2.675, 2)") { call in
            try formatNumber(call) { x, digits throws(FigureText.Failure) in try FigureText.fixed(x, digits: digits) }
        },
        Builtin("fmt_pct", ["x", "digits", "trim"], defaults: [nil, .int(2), .bool(false)],
                doc: """
                A fraction as a percentage with `digits` decimals: fmt_pct(0.6581) is "65.81%". With trim: true, \
                trailing zeros of the figure are dropped (fmt_pct(0.401, trim: true) is "40.1%"). Null for null.
                """,
                example: "fmt_pct(0.401, 2, trim: true)") { call in
            let trim = try call.bool(2)
            return try formatNumber(call) { x, digits throws(FigureText.Failure) in
                let figure = try FigureText.percent(x, digits: digits)
                return trim ? FigureText.trimZeros(String(figure.dropLast())) + "%" : figure
            }
        },
        Builtin("fmt_num", ["x", "digits"], defaults: [nil, .int(0)],
                doc: "A number with thousands separators and `digits` decimals: fmt_num(18088) is \"18,088\". Null for null.",
                example: "fmt_num(1234567.891, 2)") { call in
            try formatNumber(call) { x, digits throws(FigureText.Failure) in try FigureText.grouped(x, digits: digits) }
        },
        Builtin("fmt_cn", ["x", "digits"], defaults: [nil, .int(2)],
                doc: """
                A number in Chinese magnitudes: "1.43亿", "610万", plain below 1万; `digits` decimals with trailing \
                zeros trimmed. Rounding carries into the next unit: 9999.5万 with 0 digits is "1亿". Null for null.
                """,
                example: "fmt_cn(143000000)") { call in
            try formatNumber(call) { x, digits throws(FigureText.Failure) in try FigureText.chinese(x, digits: digits) }
        },
        Builtin("trim_zeros", ["text"],
                doc: "A decimal string without trailing zeros after the point (\"1.50\" → \"1.5\", \"2.00\" → \"2\").",
                example: "trim_zeros(\"1.50\")") { call in
            .str(FigureText.trimZeros(try call.string(0)))
        },
        Builtin("scale10", ["x", "n"], doc: "x × 10^n computed exactly in decimal (scale10(0.5882, 2) is 58.82, not 58.819999…). Ints scaled up stay ints.",
                example: "scale10(0.6581, 2)") { call in
            let n = try call.int(1)
            guard n.magnitude <= 400 else { throw call.error(.scale10OutOfRange) }
            if call[0].isNull { return .null }
            guard call[0].numberValue != nil else { throw call.typeError(0, expected: Message(.expectsNumber)) }
            do throws(FigureText.Failure) {
                return try FigureText.scaled(call[0], by: n)
            } catch {
                throw call.error(error.message)
            }
        },
    ]

    /// A `fmt_*` builtin: null for null, the number's text, or an error naming the function.
    private static func formatNumber(_ call: NativeCall, _ text: (Value, Int) throws(FigureText.Failure) -> String) throws -> Value {
        if call[0].isNull { return .null }
        guard call[0].numberValue != nil else { throw call.typeError(0, expected: Message(.expectsNumber)) }
        let digits = try call.int(1)
        do throws(FigureText.Failure) {
            return .str(try text(call[0], digits))
        } catch {
            throw call.error(error.message.entry == .integerOverflow ? error.message : Message(.inFunction, call.function.name, error.message))
        }
    }
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

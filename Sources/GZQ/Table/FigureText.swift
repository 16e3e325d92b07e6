/// The text of report figures: fixed decimals, percents, thousands separators and Chinese
/// magnitudes, all rounded half away from zero as the number is written in decimal. One
/// implementation behind both the `fmt_*` builtins and the display formats of the `format`
/// stage, so `fmt_pct(x, 2)` and a `pct(2)` column always show the same text.
enum FigureText {
    struct Failure: Error {
        let message: Message
    }

    /// `x` with exactly `digits` decimals (`digits` < 0 rounds to tens, hundreds…).
    static func fixed(_ x: Value, digits: Int) throws(Failure) -> String {
        guard digits <= 100 else { throw Failure(message: Message(.tooManyDigits)) }
        if case .int(let i) = x {
            // Exact for every int: going through Double would lose digits beyond 2^53.
            if digits >= 0 { return String(i) + (digits > 0 ? "." + String(repeating: "0", count: digits) : "") }
            guard let rounded = Rounding.round(i, places: digits < -40 ? 40 : -digits) else { throw Failure(message: Message(.integerOverflow)) }
            return String(rounded)
        }
        guard let d = x.numberValue else { throw Failure(message: Message(.figureNotANumber)) }
        guard d.isFinite else { return ValueFormatter.float(d) }
        let text = Rounding.roundedString(Swift.abs(d), digits: digits)
        let isZero = !text.contains { $0 != "0" && $0 != "." }
        return d < 0 && !isZero ? "-" + text : text
    }

    /// `x` × 10^n, exactly in decimal; ints scaled up stay ints.
    static func scaled(_ x: Value, by n: Int) throws(Failure) -> Value {
        if case .int(let i) = x, n >= 0 {
            var result = i
            for _ in 0..<n {
                let (r, o) = result.multipliedReportingOverflow(by: 10)
                if o { throw Failure(message: Message(.integerOverflow)) }
                result = r
            }
            return .int(result)
        }
        guard let d = x.numberValue else { throw Failure(message: Message(.figureNotANumber)) }
        return .float(Rounding.scale(d, by: n))
    }

    /// A fraction as a percent: `0.1881` → `18.81%`.
    static func percent(_ x: Value, digits: Int) throws(Failure) -> String {
        if case .int(let i) = x, digits >= 0, digits <= 100 {
            // Exact text for every int, even where i × 100 is beyond the int range.
            let whole = i == 0 ? "0" : String(i) + "00"
            return whole + (digits > 0 ? "." + String(repeating: "0", count: digits) : "") + "%"
        }
        return try fixed(try scaled(x, by: 2), digits: digits) + "%"
    }

    /// Thousands separators: `18088` → `18,088`.
    static func grouped(_ x: Value, digits: Int) throws(Failure) -> String {
        let text = try fixed(x, digits: digits)
        let negative = text.hasPrefix("-")
        let unsigned = negative ? String(text.dropFirst()) : text
        let parts = unsigned.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let whole = Array(parts[0])
        var out = negative ? "-" : ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        if parts.count > 1 { out += "." + parts[1] }
        return out
    }

    /// Chinese magnitudes: `143000000` → `1.43亿`, `6100000` → `610万`, plain below 1万;
    /// `digits` decimals with trailing zeros trimmed. A figure that rounds up to the next
    /// unit carries into it (9999.5万 with 0 digits is `1亿`).
    static func chinese(_ x: Value, digits: Int) throws(Failure) -> String {
        guard let d = x.numberValue else { throw Failure(message: Message(.figureNotANumber)) }
        let size: Value
        switch x {
        case .int(let i):
            // |Int.min| is beyond the int range; as a float it is exact (a power of two).
            size = i == Int.min ? .float(Swift.abs(d)) : .int(Swift.abs(i))
        default: size = .float(Swift.abs(d))
        }
        let magnitude = Swift.abs(d)
        let plain = try rounded(size, digits: digits)
        let wan = try rounded(try scaled(size, by: -4), digits: digits)
        let yi = try rounded(try scaled(size, by: -8), digits: digits)
        let text: String
        if magnitude < 10000, (plain.numberValue ?? 0) < 10000 {
            text = trimZeros(try fixed(plain, digits: digits))
        } else if magnitude < 100_000_000, (wan.numberValue ?? 0) < 10000 {
            text = trimZeros(try fixed(wan, digits: digits)) + "万"
        } else {
            text = trimZeros(try fixed(yi, digits: digits)) + "亿"
        }
        // A negative figure that rounds to zero is "0", not "-0" (as `fixed` does).
        return text == "0" || d >= 0 ? text : "-" + text
    }

    /// `round(x, digits)`: ints stay ints.
    static func rounded(_ x: Value, digits: Int) throws(Failure) -> Value {
        switch x {
        case .int(let i) where digits >= 0: return .int(i)
        case .int(let i):
            guard let r = Rounding.round(i, places: digits < -40 ? 40 : -digits) else { throw Failure(message: Message(.integerOverflow)) }
            return .int(r)
        case .float(let d): return .float(Rounding.round(d, digits: digits))
        default: throw Failure(message: Message(.figureNotANumber))
        }
    }

    /// A decimal string without trailing zeros after the point (`1.50` → `1.5`, `2.00` → `2`).
    static func trimZeros(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var out = Substring(text)
        while out.hasSuffix("0") { out = out.dropLast() }
        if out.hasSuffix(".") { out = out.dropLast() }
        return String(out)
    }
}

extension DisplayFormat {
    /// The cell text of `value` in this format; nil when the value is not a number (or the
    /// figure cannot be formatted), so the caller shows it as it would without a format.
    func text(_ value: Value) -> String? {
        guard value.numberValue != nil else { return nil }
        do throws(FigureText.Failure) {
            switch self {
            case .pct(let d): return try FigureText.percent(value, digits: d)
            case .num(let d): return try FigureText.grouped(value, digits: d)
            case .cn(let d): return try FigureText.chinese(value, digits: d)
            case .fixed(let d): return try FigureText.fixed(value, digits: d)
            }
        } catch {
            return nil
        }
    }

    /// How the format is written in a script: `pct(2)`.
    var description: String {
        switch self {
        case .pct(let d): return "pct(\(d))"
        case .num(let d): return "num(\(d))"
        case .cn(let d): return "cn(\(d))"
        case .fixed(let d): return "fixed(\(d))"
        }
    }
}

import Foundation

/// Cell text → typed values, exactly (no whitespace trimming, decimal notation only).
enum NumberText {
    enum IntResult { case value(Int), overflow, invalid }

    /// `[+-]?[0-9]+`; `.overflow` when it does not fit in 64 bits.
    @inline(__always)
    static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> IntResult {
        guard n > 0 else { return .invalid }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
            if n == 1 { return .invalid }
        }
        if n - i <= 18 {
            // Eighteen digits cannot overflow.
            var v = 0
            while i < n {
                let d = p[i] &- 48
                if d > 9 { return .invalid }
                v = v &* 10 &+ Int(d)
                i += 1
            }
            return .value(negative ? -v : v)
        }
        var v: UInt64 = 0
        var overflow = false
        while i < n {
            let d = p[i] &- 48
            if d > 9 { return .invalid }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            overflow = overflow || o1 || o2
            v = s
            i += 1
        }
        if overflow { return .overflow }
        if negative {
            if v > UInt64(Int.max) + 1 { return .overflow }
            return .value(v == UInt64(Int.max) + 1 ? Int.min : -Int(v))
        }
        if v > UInt64(Int.max) { return .overflow }
        return .value(Int(v))
    }

    private static let powersOf10: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`, correctly rounded; also the
    /// non-finite words the CSV writer uses.
    static func parseFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var digits = 0
        while i < n, p[i] &- 48 <= 9 {
            addDigit(p[i] &- 48, &mantissa, &significant, &truncated, &exponent, fraction: false)
            digits += 1
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, p[i] &- 48 <= 9 {
                addDigit(p[i] &- 48, &mantissa, &significant, &truncated, &exponent, fraction: true)
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return special(p, n) }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < n, p[i] &- 48 <= 9 {
                e = min(e * 10 + Int(p[i] &- 48), 1_000_000)
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        // Clinger's fast path: both the mantissa and the power of ten are exact doubles.
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let d = exponent >= 0 ? m * powersOf10[exponent] : m / powersOf10[-exponent]
            return negative ? -d : d
        }
        return Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    /// `nan`, `NaN`, `inf`, `+inf`, `-inf`: what the CSV writer writes for non-finite floats.
    private static func special(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n >= 3, n <= 4 else { return nil }
        let s = UnsafeBufferPointer(start: p, count: n)
        if s.elementsEqual("nan".utf8) || s.elementsEqual("NaN".utf8) { return .nan }
        if s.elementsEqual("inf".utf8) || s.elementsEqual("+inf".utf8) { return .infinity }
        if s.elementsEqual("-inf".utf8) { return -.infinity }
        return nil
    }

    @inline(__always)
    private static func addDigit(_ d: UInt8, _ mantissa: inout UInt64, _ significant: inout Int, _ truncated: inout Bool,
                                 _ exponent: inout Int, fraction: Bool) {
        if significant < 19 {
            mantissa = mantissa * 10 + UInt64(d)
            if mantissa != 0 { significant += 1 }
            if fraction { exponent -= 1 }
        } else {
            if d != 0 { truncated = true }
            if !fraction { exponent += 1 }
        }
    }

    /// `true`/`false` (also `True`/`False`, `TRUE`/`FALSE`).
    @inline(__always)
    static func parseBool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard n == 4 || n == 5 else { return nil }
        let s = UnsafeBufferPointer(start: p, count: n)
        if n == 4 {
            return s.elementsEqual("true".utf8) || s.elementsEqual("True".utf8) || s.elementsEqual("TRUE".utf8) ? true : nil
        }
        return s.elementsEqual("false".utf8) || s.elementsEqual("False".utf8) || s.elementsEqual("FALSE".utf8) ? false : nil
    }

    /// `YYYY-MM-DD`, a real calendar date.
    @inline(__always)
    static func parseDate(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for k in from..<to {
                let d = p[k] &- 48
                if d > 9 { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }
}

/// Rounding half away from zero *as the number is written*: the shortest decimal
/// form of the double is rounded digit by digit, so 2.675 becomes 2.68 (binary
/// rounding would give 2.67 because 2.675 is stored as 2.67499…).
enum Rounding {
    /// `i` rounded to a multiple of 10^places (places ≥ 1), half away from zero, exactly;
    /// nil when the result does not fit in an int.
    static func round(_ i: Int, places: Int) -> Int? {
        // 10^19 is beyond every int: only |i| ≥ 5·10^18 rounds up to it, and overflows.
        if places >= 20 { return 0 }
        if places == 19 { return i.magnitude >= 5_000_000_000_000_000_000 ? nil : 0 }
        var p = 1
        for _ in 0..<places { p *= 10 } // at most 10^18
        var q = i / p
        if (i % p).magnitude * 2 >= UInt(p) { q += i < 0 ? -1 : 1 }
        let (r, o) = q.multipliedReportingOverflow(by: p)
        return o ? nil : r
    }

    static func round(_ x: Double, digits: Int) -> Double {
        guard x.isFinite, digits < 300 else { return x }
        let digits = max(digits, -400) // every double rounds to 0 long before this
        let magnitude = Double(roundedString(Swift.abs(x), digits: digits)) ?? Swift.abs(x)
        return x < 0 && magnitude != 0 ? -magnitude : magnitude
    }

    /// The decimal string of a non-negative finite `x` rounded to `digits` places (digits ≥ 0),
    /// or to tens/hundreds for negative digits; no exponent.
    static func roundedString(_ x: Double, digits: Int) -> String {
        var (mantissa, exponent) = shortestDecimal(x) // x = 0.mantissa × 10^exponent
        // Position of the rounding digit within mantissa (digits clamped: |exponent| < 400,
        // and beyond ±400 places the answer no longer changes, while the sum could overflow).
        let keep = exponent + min(max(digits, -400), 400)
        if keep < 0 { return format("0", exponent: 1, digits: max(0, digits)) }
        if keep < mantissa.count {
            let roundUp = mantissa[keep] >= 5
            mantissa = Array(mantissa[0..<keep])
            if roundUp {
                var k = mantissa.count - 1
                while k >= 0 {
                    if mantissa[k] == 9 { mantissa[k] = 0; k -= 1 } else { mantissa[k] += 1; break }
                }
                if k < 0 { mantissa.insert(1, at: 0); exponent += 1 }
            }
        }
        let text = mantissa.isEmpty ? "0" : mantissa.map(String.init).joined()
        return format(text, exponent: mantissa.isEmpty ? 1 : exponent, digits: max(0, digits))
    }

    /// Digits d1 d2 … and exponent e with x = 0.d1d2… × 10^e, from Swift's shortest round-trip form.
    static func shortestDecimal(_ x: Double) -> ([Int], Int) {
        if x == 0 { return ([], 1) }
        let s = x.description
        var mantissaPart = Substring(s)
        var exp = 0
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissaPart = s[s.startIndex..<e]
            exp = Int(s[s.index(after: e)...]) ?? 0
        }
        var digits: [Int] = []
        var pointAt: Int?
        for ch in mantissaPart {
            if ch == "." { pointAt = digits.count; continue }
            if let d = ch.wholeNumberValue { digits.append(d) }
        }
        var exponent = (pointAt ?? digits.count) + exp
        while let first = digits.first, first == 0 { digits.removeFirst(); exponent -= 1 }
        while let last = digits.last, last == 0 { digits.removeLast() }
        return (digits, exponent)
    }

    /// Lays out 0.text × 10^exponent as a plain decimal with exactly `digits` fraction digits.
    private static func format(_ text: String, exponent: Int, digits: Int) -> String {
        var integer: String, fraction: String
        let chars = Array(text)
        if exponent <= 0 {
            integer = "0"
            fraction = String(repeating: "0", count: -exponent) + text
        } else if exponent >= chars.count {
            integer = text + String(repeating: "0", count: exponent - chars.count)
            fraction = ""
        } else {
            integer = String(chars[0..<exponent])
            fraction = String(chars[exponent...])
        }
        if text == "0" { integer = "0"; fraction = "" }
        if fraction.count < digits { fraction += String(repeating: "0", count: digits - fraction.count) }
        if fraction.count > digits { fraction = String(fraction.prefix(digits)) }
        return digits > 0 ? integer + "." + fraction : integer
    }
}

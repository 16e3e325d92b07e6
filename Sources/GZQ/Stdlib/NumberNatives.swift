/// Numbers (REFERENCE §7, Numbers). A null argument gives null.
extension Builtins {
    static let numbers: [Builtin] = [
        Builtin("abs", ["x"], doc: "The absolute value (abs of the smallest int is an overflow error).", example: "abs(-7.27)") { call in
            switch call[0] {
            case .null: return .null
            case .int(let i):
                let (r, o) = 0.subtractingReportingOverflow(i)
                if o { throw call.error("integer overflow") }
                return .int(i < 0 ? r : i)
            case .float(let d): return .float(Swift.abs(d))
            default: throw call.typeError(0, expected: "a number")
            }
        },
        floatFunction("sqrt", doc: "The square root (null for negative numbers, which have no real one).", example: "sqrt(2)") {
            $0 < 0 ? nil : Math.sqrt($0)
        },
        floatFunction("ln", doc: "The natural logarithm (null for numbers that are not positive).", example: "ln(2.718281828459045)") {
            $0 <= 0 ? nil : Math.log($0)
        },
        floatFunction("exp", doc: "e raised to x.", example: "exp(1)") { Math.exp($0) },
        intRounding("floor", .down, doc: "The largest int not above x.", example: "floor(-2.5)"),
        intRounding("ceil", .up, doc: "The smallest int not below x.", example: "ceil(2.1)"),
        Builtin("round", ["x", "digits"], defaults: [nil, .int(0)],
                doc: "x rounded to digits decimal places, half away from zero, as the number is written in decimal (2.675 → 2.68). Ints stay ints.",
                example: "round(95.0625, 2)") { call in
            let digits = try call.int(1)
            switch call[0] {
            case .null: return .null
            case .int(let i) where digits >= 0: return .int(i)
            case .int(let i):
                guard let r = Rounding.round(i, places: digits < -40 ? 40 : -digits) else { throw call.error("integer overflow") }
                return .int(r)
            case .float(let d): return .float(Rounding.round(d, digits: digits))
            default: throw call.typeError(0, expected: "a number")
            }
        },
        extremum("min", sign: -1, doc: "The smaller of two values, or the smallest item of a list (nulls skipped).", example: "min([2017, 2021, 2019])"),
        extremum("max", sign: 1, doc: "The larger of two values, or the largest item of a list (nulls skipped).", example: "max(3412, 3635)"),
    ]

    /// A function of one number giving a float, or null where it has no real value.
    private static func floatFunction(_ name: String, doc: String, example: String, _ f: @escaping (Double) -> Double?) -> Builtin {
        Builtin(name, ["x"], doc: doc, example: example) { call in
            if call[0].isNull { return .null }
            return f(try call.number(0)).map(Value.float) ?? .null
        }
    }

    private static func intRounding(_ name: String, _ rule: FloatingPointRoundingRule, doc: String, example: String) -> Builtin {
        Builtin(name, ["x"], doc: doc, example: example) { call in
            switch call[0] {
            case .null: return .null
            case .int: return call[0]
            case .float(let d):
                guard let i = Conversion.exactInt(d.rounded(rule)) else {
                    throw call.error("\(name)(): \(ValueFormatter.float(d)) is outside the int range")
                }
                return .int(i)
            default: throw call.typeError(0, expected: "a number")
            }
        }
    }

    /// `min`/`max`: of two values, or of a list; nulls are skipped, no values give null.
    private static func extremum(_ name: String, sign: Int, doc: String, example: String) -> Builtin {
        Builtin(name, ["a", "b"], defaults: [nil, .null], doc: doc, example: example) { call in
            let items: [Value]
            if call.args.count >= 2, !(call[1].isNull && isList(call[0])) {
                items = [call[0], call[1]]
            } else if case .list(let l) = call[0] {
                items = l.items
            } else {
                items = [call[0]]
            }
            return try Aggregation.extremum(items, sign: sign, span: call.span)
        }
    }

    private static func isList(_ v: Value) -> Bool {
        if case .list = v { return true }
        return false
    }
}

enum Aggregation {
    /// The smallest (sign -1) or largest (sign 1) non-null value; null when there is none.
    static func extremum(_ items: [Value], sign: Int, span: Span) throws -> Value {
        var best: Value = .null
        for item in items where !item.isNull {
            if best.isNull { best = item; continue }
            guard let c = Value.compare(item, best) else {
                throw RuntimeError("cannot compare \(item.typeName) with \(best.typeName)", at: span)
            }
            if c * sign > 0 { best = item }
        }
        return best
    }
}

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

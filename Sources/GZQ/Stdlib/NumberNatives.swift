/// Numbers (REFERENCE §7, Numbers). A null argument gives null.
extension Builtins {
    static let numbers: [Builtin] = [
        Builtin("abs", ["x"], doc: "The absolute value (abs of the smallest int is an overflow error).", example: "abs(-7.27)") { call in
            switch call[0] {
            case .null: return .null
            case .int(let i):
                let (r, o) = 0.subtractingReportingOverflow(i)
                if o { throw call.error(.integerOverflow) }
                return .int(i < 0 ? r : i)
            case .float(let d): return .float(Swift.abs(d))
            default: throw call.typeError(0, expected: Message(.expectsNumber))
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
                guard let r = Rounding.round(i, places: digits < -40 ? 40 : -digits) else { throw call.error(.integerOverflow) }
                return .int(r)
            case .float(let d): return .float(Rounding.round(d, digits: digits))
            default: throw call.typeError(0, expected: Message(.expectsNumber))
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
                    throw call.error(.outsideIntRange, name, ValueFormatter.float(d))
                }
                return .int(i)
            default: throw call.typeError(0, expected: Message(.expectsNumber))
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
                throw RuntimeError(.cannotCompareWith, item.typeName, best.typeName, at: span)
            }
            if c * sign > 0 { best = item }
        }
        return best
    }
}

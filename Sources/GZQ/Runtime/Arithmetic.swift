/// THE semantics of gzq's operators (REFERENCE §3): null propagation, division by
/// zero giving null, Int64 overflow as a runtime error. Both engines use or
/// mirror these functions; no Swift trap is reachable from here.
enum Arithmetic {
    static func typeError(_ verb: String, _ a: Value, _ b: Value, _ span: Span) -> RuntimeError {
        RuntimeError(.cannotCombine, Message(operation(verb)), a.typeName, b.typeName, at: span)
    }

    /// The catalogue's word for an operation ("add" → 加法).
    private static func operation(_ verb: String) -> Msg {
        switch verb {
        case "add": return .operationAdd
        case "subtract": return .operationSubtract
        case "multiply": return .operationMultiply
        case "divide": return .operationDivide
        case "raise": return .operationRaise
        default: return .operationRemainder
        }
    }

    static func overflow(_ span: Span) -> RuntimeError {
        RuntimeError(.integerOverflow, at: span)
    }

    @inline(__always)
    static func add(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.addingReportingOverflow(y)
            if o { throw overflow(span) }
            return .int(r)
        case (.float(let x), .float(let y)): return .float(x + y)
        case (.int(let x), .float(let y)): return .float(Double(x) + y)
        case (.float(let x), .int(let y)): return .float(x + Double(y))
        case (.null, _), (_, .null): return .null
        case (.string(let x), .string(let y)): return .str(x.value + y.value)
        case (.list(let x), .list(let y)): return try Value.list(x.items + y.items).checkedNesting(at: span)
        default: throw typeError("add", a, b, span)
        }
    }

    @inline(__always)
    static func subtract(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.subtractingReportingOverflow(y)
            if o { throw overflow(span) }
            return .int(r)
        case (.float(let x), .float(let y)): return .float(x - y)
        case (.int(let x), .float(let y)): return .float(Double(x) - y)
        case (.float(let x), .int(let y)): return .float(x - Double(y))
        case (.null, _), (_, .null): return .null
        // No date arithmetic (docs/DECISIONS.md): `days_between` measures, `date(y, m, d)` builds.
        default: throw typeError("subtract", a, b, span)
        }
    }

    @inline(__always)
    static func multiply(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if o { throw overflow(span) }
            return .int(r)
        case (.float(let x), .float(let y)): return .float(x * y)
        case (.int(let x), .float(let y)): return .float(Double(x) * y)
        case (.float(let x), .int(let y)): return .float(x * Double(y))
        case (.null, _), (_, .null): return .null
        default: throw typeError("multiply", a, b, span)
        }
    }

    /// `/` always gives a float; dividing by zero gives null.
    static func divide(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        guard let x = a.numberValue, let y = b.numberValue else {
            if a.isNull || b.isNull { return .null }
            throw typeError("divide", a, b, span)
        }
        return y == 0 ? .null : .float(x / y)
    }

    /// `//` rounds toward negative infinity, like Python and Lua.
    static func floorDivide(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .null }
            let (q, o) = flooredQuotient(x, y)
            if o { throw overflow(span) }
            return .int(q)
        default:
            guard let x = a.numberValue, let y = b.numberValue else {
                if a.isNull || b.isNull { return .null }
                throw typeError("divide", a, b, span)
            }
            return y == 0 ? .null : .float(flooredQuotient(x, y))
        }
    }

    /// `mod` takes the sign of the divisor (floored), like Python and Lua.
    static func modulo(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(let x), .int(let y)):
            if y == 0 { return .null }
            return .int(flooredRemainder(x, y))
        default:
            guard let x = a.numberValue, let y = b.numberValue else {
                if a.isNull || b.isNull { return .null }
                throw typeError("take the remainder of", a, b, span)
            }
            if y == 0 { return .null }
            return .float(flooredRemainder(x, y))
        }
    }

    /// int ^ non-negative int stays an int (overflow is an error); otherwise a float.
    static func power(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch (a, b) {
        case (.int(var base), .int(var exponent)) where exponent >= 0:
            var result = 1
            while exponent > 0 {
                if exponent & 1 == 1 {
                    let (r, o) = result.multipliedReportingOverflow(by: base)
                    if o { throw overflow(span) }
                    result = r
                }
                exponent >>= 1
                if exponent > 0 {
                    let (sq, o) = base.multipliedReportingOverflow(by: base)
                    if o { throw overflow(span) }
                    base = sq
                }
            }
            return .int(result)
        default:
            guard let x = a.numberValue, let y = b.numberValue else {
                if a.isNull || b.isNull { return .null }
                throw typeError("raise", a, b, span)
            }
            // `0 ^ -1` divides by zero and `(-8) ^ 0.5` has no real value: null, as `1 / 0` is.
            if x == 0 && y < 0 { return .null }
            let r = Math.pow(x, y)
            return r.isNaN ? .null : .float(r)
        }
    }

    static func negate(_ a: Value, _ span: Span) throws -> Value {
        switch a {
        case .int(let x):
            let (r, o) = 0.subtractingReportingOverflow(x)
            if o { throw overflow(span) }
            return .int(r)
        case .float(let x): return .float(-x)
        case .null: return .null
        default: throw RuntimeError(.cannotNegate, a.typeName, at: span)
        }
    }

    /// Ordering comparison: null with anything gives null; different types are an error.
    static func compare(_ a: Value, _ b: Value, _ span: Span, _ op: BinaryOperator) throws -> Value {
        if a.isNull || b.isNull { return .null }
        guard let c = Value.compare(a, b) else {
            throw RuntimeError(.cannotCompareWithOperator, a.typeName, b.typeName, op.rawValue, at: span)
        }
        switch op {
        case .less: return .bool(c < 0)
        case .lessEqual: return .bool(c <= 0)
        case .greater: return .bool(c > 0)
        default: return .bool(c >= 0)
        }
    }

    /// `x in xs`: membership in a list, key in a record, substring in a string, column in a table.
    static func contains(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch b {
        case .list(let xs): return .bool(xs.items.contains { Value.equal($0, a) })
        case .record(let r):
            guard case .string(let key) = a else { return .bool(false) }
            return .bool(r.keys.containsByScalars(key.value))
        case .string(let s):
            guard case .string(let part) = a else {
                throw RuntimeError(.inStringNeedsString, a.typeName, at: span)
            }
            return .bool(TextSearch.contains(s.value, part.value))
        case .table(let t):
            guard case .string(let key) = a else { return .bool(false) }
            return .bool(t.schema.index(of: key.value) != nil)
        case .remoteTable(let r):
            guard case .string(let key) = a else { return .bool(false) }
            return .bool(r.schema.index(of: key.value) != nil)
        case .null:
            return .null
        default:
            throw RuntimeError(.inNeedsCollection, b.typeName, at: span)
        }
    }

    /// Longest list `..` builds; `for i in a..b` iterates lazily and has no such limit.
    static let maxRangeLength = 10_000_000

    static func range(_ a: Value, _ b: Value, _ span: Span) throws -> Value {
        guard case .int(let lo) = a, case .int(let hi) = b else {
            if a.isNull || b.isNull { return .null }
            throw RuntimeError(.rangeNeedsInts, a.typeName, b.typeName, at: span)
        }
        if hi < lo { return .list([]) }
        let (count, o) = hi.subtractingReportingOverflow(lo)
        if o || count >= maxRangeLength {
            throw RuntimeError(.rangeTooLong, lo, hi, maxRangeLength, at: span)
        }
        var items: [Value] = []
        items.reserveCapacity(count + 1)
        for i in lo...hi { items.append(.int(i)) }
        return .list(items)
    }
}

/// The scalar formulas of `//` and `mod`, shared by the operators above and the batch
/// engine's kernels (VectorVM), so the two engines cannot drift. Divisors are non-zero.
extension Arithmetic {
    /// Floored int quotient; `overflow` for Int.min // -1.
    @inline(__always)
    static func flooredQuotient(_ x: Int, _ y: Int) -> (quotient: Int, overflow: Bool) {
        let (q, o) = x.dividedReportingOverflow(by: y)
        if o { return (0, true) }
        // Truncated quotient; step down when the signs differ and there is a remainder.
        return ((x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q, false)
    }

    @inline(__always)
    static func flooredQuotient(_ x: Double, _ y: Double) -> Double { (x / y).rounded(.down) }

    /// Floored remainder (the sign of the divisor); Int.min mod -1 is 0.
    @inline(__always)
    static func flooredRemainder(_ x: Int, _ y: Int) -> Int {
        let (r, _) = x.remainderReportingOverflow(dividingBy: y)
        return r != 0 && ((r < 0) != (y < 0)) ? r + y : r
    }

    @inline(__always)
    static func flooredRemainder(_ x: Double, _ y: Double) -> Double {
        let r = x.truncatingRemainder(dividingBy: y)
        return r != 0 && ((r < 0) != (y < 0)) ? r + y : r
    }
}

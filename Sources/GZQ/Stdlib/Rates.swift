/// The rate arithmetic of REFERENCE §6, defined once for natives, windows and (later) kernels.
enum Rates {
    /// `part / whole`; null when whole is 0 or either is null.
    static func rate(_ part: Value, _ whole: Value, _ span: Span) throws -> Value {
        if part.isNull || whole.isNull { return .null }
        guard part.numberValue != nil, whole.numberValue != nil else {
            throw RuntimeError(.rateNeedsNumbers, part.numberValue == nil ? part.typeName : whole.typeName, at: span)
        }
        return try Arithmetic.divide(part, whole, span)
    }

    /// `(new - old) / old`; null when old is 0 or null.
    static func change(_ old: Value, _ new: Value, _ span: Span) throws -> Value {
        if old.isNull || new.isNull { return .null }
        guard let o = old.numberValue, let n = new.numberValue else {
            throw RuntimeError(.changeNeedsNumbers, old.numberValue == nil ? old.typeName : new.typeName, at: span)
        }
        return o == 0 ? .null : .float(changeRatio(o, n))
    }

    /// `(new - old) * 100`, the change of a rate in percentage points.
    static func pp(_ old: Value, _ new: Value, _ span: Span) throws -> Value {
        if old.isNull || new.isNull { return .null }
        guard let o = old.numberValue, let n = new.numberValue else {
            throw RuntimeError(.ppNeedsNumbers, old.numberValue == nil ? old.typeName : new.typeName, at: span)
        }
        return .float(points(o, n))
    }

    /// The formulas of `change` (old non-zero) and `pp`, shared with the batch kernels.
    @inline(__always)
    static func changeRatio(_ old: Double, _ new: Double) -> Double { (new - old) / old }

    /// Decimal-exact: 65.81% − 33.1% is 32.71 points, not 32.709999999999994.
    @inline(__always)
    static func points(_ old: Double, _ new: Double) -> Double { Rounding.round((new - old) * 100, digits: 12) }
}

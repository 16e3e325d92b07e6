/// `==` and `!=` between a number and a string, or a date and a string, are an error (REFERENCE §3
/// v0.2): the usual cause is a column read as text, and `where year == "2021"` must not
/// silently keep no rows. Other mixed types stay unequal. One message for both engines and
/// for the stage check that reports it before any row runs (`EqualityCheck`).
extension Arithmetic {
    /// `a == b` (or `!=`), raising for a number or date compared with a string.
    @inline(__always)
    static func equal(_ a: Value, _ b: Value, _ span: Span, _ op: BinaryOperator) throws -> Value {
        if isMixedEquality(a, b) { throw RuntimeError(mixedEqualityMessage(a.typeName, b.typeName, op) ?? Message(.cannotCompareWithOperator, a.typeName, b.typeName, op.rawValue), at: span) }
        let same = Value.equal(a, b)
        return .bool(op == .notEqual ? !same : same)
    }

    @inline(__always)
    static func isMixedEquality(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.string, .int), (.string, .float), (.string, .date), (.int, .string), (.float, .string), (.date, .string): return true
        default: return false
        }
    }

    /// The error for `left op right` (type names), or nil when that comparison is allowed.
    static func mixedEqualityMessage(_ left: String, _ right: String, _ op: BinaryOperator) -> Message? {
        let numbers: Set<String> = ["int", "float"]
        let other: String
        switch (left, right) {
        case ("string", let t) where numbers.contains(t) || t == "date": other = t
        case (let t, "string") where numbers.contains(t) || t == "date": other = t
        default: return nil
        }
        return Message(other == "date" ? .mixedEqualityDate : .mixedEqualityNumber, left, right, op.rawValue)
    }
}

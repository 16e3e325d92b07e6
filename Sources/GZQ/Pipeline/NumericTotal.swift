/// The exact total behind `sum`, `cumsum` and `share` (and the batch engine's sums): ints add
/// in an Int128, so only a total outside Int64 is an overflow (`sum` of [Int.max, 1, -1] is
/// Int.max in any order); once a float is among the values the result is the correctly rounded
/// sum of all of them, ints included exactly (`ExactSum`), so no order or split of the values
/// changes a bit of it.
struct NumericTotal {
    private var ints: Int128 = 0
    private var floats = ExactSum()
    private var sawFloat = false

    /// Adds a number; false (nothing added) for any other value.
    @inline(__always)
    mutating func add(_ v: Value) -> Bool {
        switch v {
        case .int(let i): ints += Int128(i)
        case .float(let d):
            floats.add(d)
            sawFloat = true
        default: return false
        }
        return true
    }

    /// An int while every value was one (the error `integer overflow` when the total does not
    /// fit), else the rounded float total; no values give the int 0.
    func value(_ span: Span) throws -> Value {
        try NumericTotal.value(ints: ints, floats: sawFloat ? floats : nil, span)
    }

    /// The one place a total becomes a value: the tree's reducers and the batch engine's sums.
    static func value(ints: Int128, floats: ExactSum?, _ span: Span) throws -> Value {
        guard var total = floats else {
            guard let i = Int(exactly: ints) else { throw Arithmetic.overflow(span) }
            return .int(i)
        }
        total.add(ints)
        return .float(total.value)
    }
}

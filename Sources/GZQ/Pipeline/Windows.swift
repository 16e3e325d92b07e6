/// Window functions of REFERENCE §5: computed over the partition in its current row order.
enum WindowKind: String, CaseIterable {
    case lag, lead, diff, yoy, cumsum
    case movingAvg = "moving_avg"
    case rowNumber = "row_number"
    case rank, share

    var name: String { rawValue }

    /// Parameter names and defaults (nil = required).
    var parameters: [(name: String, defaultValue: Value?)] {
        switch self {
        case .lag, .lead: return [("x", nil), ("n", .int(1))]
        case .diff, .cumsum, .share: return [("x", nil)]
        case .yoy: return [("x", nil), ("period", .null)]
        case .movingAvg: return [("x", nil), ("n", nil)]
        case .rowNumber: return []
        case .rank: return [("x", nil), ("desc", .bool(false))]
        }
    }

    /// Values for every row of the current partition, in partition order.
    func compute(_ arguments: [Node?], row: RowContext, _ ctx: Context, _ frame: Frame, span: Span) throws -> [Value] {
        let count = row.group.count
        func column(_ i: Int) throws -> [Value] {
            guard i < arguments.count, let node = arguments[i] else { return Array(repeating: .null, count: count) }
            return try row.evaluateOverGroup(node, ctx, frame)
        }
        /// A parameter that must be the same for every row (an offset, a window size, a flag).
        func constant(_ i: Int) throws -> Value {
            guard i < arguments.count, let node = arguments[i] else { return parameters[i].defaultValue ?? .null }
            return try node.eval(ctx, frame)
        }
        func offset(_ i: Int, _ what: String) throws -> Int {
            guard case .int(let n) = try constant(i), n >= 0 else {
                throw RuntimeError(.windowCountNegative, name, what, at: span)
            }
            return n
        }
        switch self {
        case .lag, .lead:
            let xs = try column(0), n = try offset(1, "n")
            return (0..<count).map { p in
                // n may be as large as Int.max: an offset past either end is null, never an overflow.
                let (q, overflow) = self == .lag ? p.subtractingReportingOverflow(n) : p.addingReportingOverflow(n)
                return !overflow && q >= 0 && q < count ? xs[q] : .null
            }
        case .diff:
            let xs = try column(0)
            return try (0..<count).map { p in p == 0 ? .null : try Arithmetic.subtract(xs[p], xs[p - 1], span) }
        case .yoy:
            return try yearOnYear(try column(0), periods: arguments.count > 1 && arguments[1] != nil ? try column(1) : nil, span: span)
        case .cumsum:
            // Each running total is exact, as `sum` is: the last row is the column's sum.
            var total = NumericTotal()
            return try column(0).map { x in
                // A value that is not a number fails the way `+` fails on it (and, should `+`
                // ever accept it, as `sum` does: the total never skips a value silently).
                if !x.isNull && !total.add(x) {
                    _ = try Arithmetic.add(try total.value(span), x, span)
                    throw RuntimeError(.sumNeedsNumbers, x.typeName, at: span)
                }
                return try total.value(span)
            }
        case .movingAvg:
            let xs = try column(0), n = try offset(1, "n")
            guard n >= 1 else { throw RuntimeError(.movingAvgWindowTooSmall, at: span) }
            return try (0..<count).map { p in
                guard p >= n - 1 else { return .null }
                return try Statistics.mean(Array(xs[(p - n + 1)...p]).filter { !$0.isNull }, span: span).map(Value.float) ?? .null
            }
        case .rowNumber:
            return (0..<count).map { .int($0 + 1) }
        case .rank:
            guard case .bool(let descending) = try constant(1) else {
                throw RuntimeError(.rankDescNotBool, at: span)
            }
            return try rank(try column(0), descending: descending, span: span)
        case .share:
            let xs = try column(0)
            let total = try Statistics.sum(xs.filter { !$0.isNull }, span: span)
            return try xs.map { try Arithmetic.divide($0, total, span) }
        }
    }

    /// `yoy(x)` compares with the previous row; `yoy(x, period)` with the row whose period is
    /// exactly one less (a missing period gives null).
    private func yearOnYear(_ xs: [Value], periods: [Value]?, span: Span) throws -> [Value] {
        guard let periods else {
            return try xs.indices.map { p in p == 0 ? .null : try Rates.change(xs[p - 1], xs[p], span) }
        }
        var byPeriod: [Int: Int] = [:]
        for (p, period) in periods.enumerated() {
            guard case .int(let year) = period else {
                if period.isNull { continue }
                throw RuntimeError(.yoyPeriodNotInt, period.typeName, at: span)
            }
            if byPeriod[year] != nil {
                throw RuntimeError(.yoyPeriodRepeated, year, at: span)
            }
            byPeriod[year] = p
        }
        return try xs.indices.map { p in
            guard case .int(let year) = periods[p] else { return .null }
            let (previousYear, overflow) = year.subtractingReportingOverflow(1)
            guard !overflow, let q = byPeriod[previousYear] else { return .null }
            return try Rates.change(xs[q], xs[p], span)
        }
    }

    /// 1 = smallest (or largest with desc); ties share the lowest rank; null stays null.
    private func rank(_ xs: [Value], descending: Bool, span: Span) throws -> [Value] {
        let present = xs.filter { !$0.isNull }
        let sorted = try Ordering.sorted(present, descending: descending, span: span)
        return xs.map { x in
            guard !x.isNull else { return .null }
            // Binary search for the first position whose value is not before x.
            var lo = 0, hi = sorted.count
            while lo < hi {
                let mid = (lo + hi) / 2
                let c = Value.compare(sorted[mid], x) ?? 0
                if descending ? c > 0 : c < 0 { lo = mid + 1 } else { hi = mid }
            }
            return .int(lo + 1)
        }
    }
}

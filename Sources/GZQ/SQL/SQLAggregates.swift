/// Aggregates (summarize, and derive over a partition) and the window functions of derive.
extension SQLExpressionCompiler {
    /// An aggregate's argument: a plain row expression.
    private func argument(_ node: Node?) -> Compiled? {
        guard let node else { return nil }
        var inner = self
        inner.insideAggregate = true
        guard let c = inner.expression(node).map(inner.finished), !c.hasAggregate, !c.hasWindow, !c.readsComputed else { return nil }
        return c
    }

    /// `OVER (PARTITION BY … ORDER BY … frame)` of the derive's partition.
    private func over(ordered: Bool, frame: String = "") -> SQLFragment? {
        guard case .window(let partition, let order) = mode else { return nil }
        if ordered && order.isEmpty { return nil }  // a row-order window needs a sort first
        var parts: [SQLFragment] = []
        if !partition.isEmpty { parts.append("PARTITION BY " + SQLFragment.join(partition, ", ")) }
        if ordered {
            parts.append("ORDER BY " + SQLFragment.join(order.map { t in
                dialect.ordered(t.sql, type: t.type) + (t.descending ? " DESC" : " ASC") + " NULLS LAST"
            }, ", "))
        }
        if !frame.isEmpty { parts.append(SQLFragment(frame)) }
        return " OVER (" + SQLFragment.join(parts, " ") + ")"
    }

    func aggregate(_ node: AggregateNode) -> Compiled? {
        let windowed: Bool
        switch mode {
        case .row: return nil
        case .aggregate: windowed = false
        case .window: windowed = true
        }
        if insideAggregate { return nil }
        let suffix = windowed ? (over(ordered: false) ?? SQLFragment("")) : SQLFragment("")
        func done(_ sql: SQLFragment, _ type: ColumnType?, _ parts: [Compiled]) -> Compiled {
            var c = combine(parts, sql, type)
            c.hasAggregate = !windowed
            c.hasWindow = windowed
            return c
        }
        if node.kind == .count && node.arguments.isEmpty { return done("COUNT(*)" + suffix, .int, []) }
        guard node.arguments.count == 1, let x = argument(node.arguments[0]) else { return nil }
        switch node.kind {
        case .count: return done("COUNT(" + x.sql + ")" + suffix, .int, [x])
        case .sum:
            if x.type == .int {
                var c = done(dialect.sumInt(x.sql, window: suffix), .int, [x])
                c.mayFail = true
                return c
            }
            guard x.type == .float else { return nil }
            return done("COALESCE(SUM(" + x.sql + ")" + suffix + ", 0)", .float, [x])
        case .avg, .mean:
            guard isNumber(x.type) else { return nil }
            return done("AVG(" + dialect.float(x.sql) + ")" + suffix, .float, [x])
        case .min, .max:
            guard let t = x.type, [.int, .float, .string, .date].contains(t) || (t == .bool && dialect == .sqlite) else { return nil }
            return done((node.kind == .min ? "MIN(" : "MAX(") + dialect.ordered(x.sql, type: t) + ")" + suffix, t, [x])
        case .countDistinct:
            guard !windowed else { return nil }
            return done("COUNT(DISTINCT " + x.sql + ")", .int, [x])
        case .stddev, .variance:
            guard dialect == .postgres, isNumber(x.type) else { return nil }
            return done((node.kind == .stddev ? "STDDEV_SAMP(" : "VAR_SAMP(") + dialect.float(x.sql) + ")" + suffix, .float, [x])
        default:
            return nil
        }
    }

    /// An int parameter of a window function (an offset or a size), fixed for the stage.
    private func constantInt(_ node: Node?, default value: Int) -> Int? {
        guard let node else { return value }
        guard case .int(let n)? = try? node.eval(ctx, frame), n >= 0 else { return nil }
        return n
    }

    func window(_ node: WindowNode) -> Compiled? {
        guard case .window = mode, !insideAggregate else { return nil }
        let args = node.arguments
        func done(_ sql: SQLFragment, _ type: ColumnType?, _ parts: [Compiled], unchecked: Bool = false) -> Compiled {
            var c = combine(parts, sql, type)
            c.hasWindow = true
            c.uncheckedInt = unchecked
            // Int sums (diff, cumsum, share) can overflow.
            if parts.contains(where: { $0.type == .int }) && [.diff, .cumsum, .share].contains(node.kind) { c.mayFail = true }
            return c
        }
        func offset(_ n: Int) -> SQLFragment {
            dialect == .postgres ? "CAST(" + SQLFragment.parameter(.int(n)) + " AS INTEGER)" : .parameter(.int(n))
        }
        switch node.kind {
        case .rowNumber:
            guard let w = over(ordered: true) else { return nil }
            return done("ROW_NUMBER()" + w, .int, [])
        case .lag, .lead:
            guard let x = argument(args.first ?? nil), let n = constantInt(args.count > 1 ? args[1] : nil, default: 1),
                  let w = over(ordered: true) else { return nil }
            return done((node.kind == .lag ? "LAG(" : "LEAD(") + x.sql + ", " + offset(n) + ")" + w, x.type, [x])
        case .diff:
            guard let x = argument(args.first ?? nil), isNumber(x.type), let w = over(ordered: true) else { return nil }
            return done(x.sql + " - LAG(" + x.sql + ", 1)" + w, x.type, [x], unchecked: x.type == .int && dialect == .sqlite)
        case .cumsum:
            guard let x = argument(args.first ?? nil), let w = over(ordered: true, frame: "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW") else { return nil }
            if x.type == .int { return done(dialect.sumInt(x.sql, window: w), .int, [x]) }
            guard x.type == .float else { return nil }
            return done("COALESCE(SUM(" + x.sql + ")" + w + ", 0)", .float, [x])
        case .movingAvg:
            guard let x = argument(args.first ?? nil), isNumber(x.type), args.count > 1,
                  let n = constantInt(args[1], default: 1), n >= 1, let w = over(ordered: true),
                  let frame = over(ordered: true, frame: "ROWS BETWEEN \(n - 1) PRECEDING AND CURRENT ROW") else { return nil }
            return done("CASE WHEN ROW_NUMBER()" + w + " >= " + dialect.integer(n) + " THEN AVG(" + dialect.float(x.sql) + ")" + frame + " END", .float, [x])
        case .rank:
            guard let x = argument(args.first ?? nil), let t = x.type, [.int, .float, .string, .date, .bool].contains(t),
                  case .window(let partition, _) = mode else { return nil }
            var descending = false
            if args.count > 1, let flag = args[1] {
                guard case .bool(let d)? = try? flag.eval(ctx, frame) else { return nil }
                descending = d
            }
            let byPartition = partition.isEmpty ? SQLFragment("") : "PARTITION BY " + SQLFragment.join(partition, ", ") + " "
            let w = " OVER (" + byPartition + "ORDER BY " + dialect.ordered(x.sql, type: t) + (descending ? " DESC" : " ASC") + " NULLS LAST)"
            return done("CASE WHEN " + x.sql + " IS NULL THEN NULL ELSE RANK()" + w + " END", .int, [x])
        case .share:
            guard let x = argument(args.first ?? nil), isNumber(x.type), let w = over(ordered: false) else { return nil }
            let total = x.type == .int ? dialect.sumInt(x.sql, window: w) : "SUM(" + x.sql + ")" + w
            return done(dialect.float(x.sql) + " / NULLIF(" + total + ", 0)", .float, [x])
        case .yoy:
            guard args.count < 2 || args[1] == nil, let x = argument(args.first ?? nil), isNumber(x.type), let w = over(ordered: true) else { return nil }
            let previous = "LAG(" + x.sql + ", 1)" + w
            return done((dialect.float(x.sql) + " - " + dialect.float(previous)).parenthesized + " / NULLIF(" + previous + ", 0)", .float, [x])
        }
    }
}

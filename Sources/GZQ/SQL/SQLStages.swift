/// Stages → SQL: each pushable stage extends the remote table's query; nil means the stage has
/// no SQL form here and the caller pulls the rows and runs it locally. Kept apart from the
/// expression compiler so that it can be driven by plan steps instead of stage nodes later.
enum SQLStages {
    static func apply(_ operation: StageOperation, to remote: RemoteTable, _ ctx: Context, _ frame: Frame) -> RemoteTable? {
        var q = remote.query
        let ok: Bool
        switch operation {
        case let s as WhereStage: ok = filter(&q, s.predicate.node, ctx, frame)
        case let s as SelectStage: ok = select(&q, s.items.map { ($0.name.text, $0.expr?.node) }, ctx, frame)
        case let s as DeriveStage: ok = derive(&q, s.items, by: s.by, ctx, frame)
        case let s as SummarizeStage: ok = s.total == nil && summarize(&q, s.items, by: s.by, ctx, frame)
        case let s as SortStage: ok = sort(&q, s.keys.map { ($0.expr.node, $0.descending) }, ctx, frame)
        case let s as TakeStage: ok = s.by.isEmpty && take(&q, s.count, ctx, frame)
        case let s as DistinctStage: ok = s.columns.isEmpty && distinct(&q)
        case let s as RenameStage: ok = rename(&q, s.pairs.map { ($0.new.text, $0.old.text) })
        case let s as DropStage: ok = drop(&q, s.columns.map(\.text))
        case let s as JoinStage: return join(remote, s, ctx, frame)
        default: ok = false
        }
        return ok ? RemoteTable(remote.handle, q) : nil
    }

    private static func compiler(_ q: SQLQuery, _ mode: SQLExpressionCompiler.Mode, _ ctx: Context, _ frame: Frame) -> SQLExpressionCompiler {
        SQLExpressionCompiler(query: q, mode: mode, ctx: ctx, frame: frame)
    }

    static func filter(_ q: inout SQLQuery, _ predicate: Node, _ ctx: Context, _ frame: Frame) -> Bool {
        if q.mayFail { return false }
        if q.isShaped { q = q.wrapped() }
        guard let p = compiler(q, .row, ctx, frame).compile(predicate), p.type == .bool || p.type == nil,
              !p.hasAggregate, !p.hasWindow, !p.readsComputed else { return false }
        q.filters.append(p.sql)
        return true
    }

    static func select(_ q: inout SQLQuery, _ items: [(name: String, expr: Node?)], _ ctx: Context, _ frame: Frame) -> Bool {
        if q.distinct || q.groupBy != nil { q = q.wrapped() }
        let kept = items.filter { $0.expr == nil }.map(\.name)
        if q.columns.contains(where: { c in c.mayFail && !kept.contains { ScalarString.equal($0, c.name) } }) { return false }
        var columns: [SQLQuery.Column] = []
        for (name, expr) in items {
            if columns.contains(where: { ScalarString.equal($0.name, name) }) { return false }
            if let expr {
                guard let c = compiler(q, .row, ctx, frame).compile(expr), !c.hasAggregate, !c.hasWindow else { return false }
                columns.append(SQLQuery.Column(name: name, sql: c.sql, type: c.type, isComputedOverRows: c.readsComputed, mayFail: c.mayFail))
            } else {
                guard var column = q.column(named: name) else { return false }
                column.name = name
                columns.append(column)
            }
        }
        guard !columns.isEmpty else { return false }
        q.columns = columns
        return true
    }

    static func derive(_ q: inout SQLQuery, _ items: [StageColumn], by: [StageColumn], _ ctx: Context, _ frame: Frame) -> Bool {
        if q.groupBy != nil || q.limit != nil || q.distinct { q = q.wrapped() }
        var partition: [SQLFragment] = []
        for key in by {
            guard let k = compiler(q, .row, ctx, frame).compile(key.expr.node), !k.hasAggregate, !k.hasWindow, !k.readsComputed else { return false }
            partition.append(k.sql)
        }
        for item in items {
            let mode = SQLExpressionCompiler.Mode.window(partition: partition, order: q.orderBy)
            guard let c = compiler(q, mode, ctx, frame).compile(item.expr.node) else { return false }
            // A window over a column that is itself computed over rows cannot be nested in SQL.
            if (c.hasWindow || c.hasAggregate) && c.readsComputed { return false }
            let column = SQLQuery.Column(name: item.name, sql: c.sql, type: c.type, isComputedOverRows: c.hasWindow || c.hasAggregate || c.readsComputed,
                                         mayFail: c.mayFail)
            if q.column(named: item.name)?.mayFail == true { return false }  // replacing it would discard it unread
            if c.hasWindow || c.hasAggregate { q.hasWindow = true }
            if let i = q.columns.firstIndex(where: { ScalarString.equal($0.name, item.name) }) { q.columns[i] = column } else { q.columns.append(column) }
        }
        return true
    }

    /// Groups ordered by the keys, ascending, nulls last (a remote table has no first appearance).
    static func summarize(_ q: inout SQLQuery, _ items: [StageColumn], by: [StageColumn], _ ctx: Context, _ frame: Frame) -> Bool {
        if q.mayFail { return false }
        if q.isShaped { q = q.wrapped() }
        var columns: [SQLQuery.Column] = [], keys: [SQLFragment] = [], order: [SQLQuery.OrderTerm] = []
        for key in by {
            guard let k = compiler(q, .row, ctx, frame).compile(key.expr.node), !k.hasAggregate, !k.hasWindow, !k.readsComputed else { return false }
            columns.append(SQLQuery.Column(name: key.name, sql: k.sql, type: k.type))
            // A key holding a bound parameter is grouped and ordered by its position: each copy of
            // the expression binds its own parameter, and PostgreSQL would not see them as one.
            let term = k.sql.hasParameters ? SQLFragment(String(keys.count + 1)) : k.sql
            if k.sql.hasParameters && k.type == .string { return false }  // (a position cannot take COLLATE "C")
            keys.append(term)
            order.append(SQLQuery.OrderTerm(sql: term, type: k.type, descending: false))
        }
        // Key columns read bare in an item stand for the key (as the local summarize allows).
        var keyed = q
        for (k, key) in by.enumerated() {
            let column = SQLQuery.Column(name: key.name, sql: keys[k], type: columns[k].type)
            if let i = keyed.columns.firstIndex(where: { ScalarString.equal($0.name, key.name) }) { keyed.columns[i] = column } else { keyed.columns.append(column) }
        }
        for item in items {
            if columns.contains(where: { ScalarString.equal($0.name, item.name) }) { return false }
            guard let c = compiler(keyed, .aggregate(keys: by.map(\.name)), ctx, frame).compile(item.expr.node), !c.hasWindow, !c.readsComputed else { return false }
            columns.append(SQLQuery.Column(name: item.name, sql: c.sql, type: c.type, isComputedOverRows: true, mayFail: c.mayFail))
        }
        q.columns = columns
        q.groupBy = keys
        q.orderBy = order
        return true
    }

    /// Stable: the new keys first, then the order the rows had.
    static func sort(_ q: inout SQLQuery, _ keys: [(node: Node, descending: Bool)], _ ctx: Context, _ frame: Frame) -> Bool {
        // After a window, wrap: a later window's ORDER BY could otherwise hold a window function.
        if q.isShaped { q = q.wrapped() }
        var terms: [SQLQuery.OrderTerm] = []
        for key in keys {
            guard let k = compiler(q, .row, ctx, frame).compile(key.node), !k.hasAggregate, !k.hasWindow,
                  let t = k.type, t != .list, t != .record else { return false }
            terms.append(SQLQuery.OrderTerm(sql: k.sql, type: t, descending: key.descending))
        }
        q.orderBy = terms + q.orderBy
        return true
    }

    static func take(_ q: inout SQLQuery, _ count: Node, _ ctx: Context, _ frame: Frame) -> Bool {
        guard case .int(let n)? = try? count.eval(ctx, frame), n >= 0, !q.mayFail else { return false }
        if q.limit != nil { q = q.wrapped() }
        q.limit = .parameter(.int(n))
        return true
    }

    /// Unique rows; after a sort, each kept row where it first appeared.
    static func distinct(_ q: inout SQLQuery) -> Bool {
        if q.isShaped { q = q.wrapped() }
        if q.orderBy.isEmpty {
            q.distinct = true
            return true
        }
        if q.orderBy.count > 1 || q.columns.contains(where: \.isComputedOverRows) { q = q.wrapped() }
        guard let first = q.orderBy.first, q.orderBy.count == 1 else { return false }
        q.groupBy = q.columns.enumerated().map { i, c in c.sql.hasParameters ? SQLFragment(String(i + 1)) : c.sql }
        q.orderBy = [SQLQuery.OrderTerm(sql: "MIN(" + first.sql + ")", type: .int, descending: false)]
        return true
    }

    static func rename(_ q: inout SQLQuery, _ pairs: [(new: String, old: String)]) -> Bool {
        for (new, old) in pairs {
            guard let i = q.columns.firstIndex(where: { ScalarString.equal($0.name, old) }) else { return false }
            if let clash = q.columns.firstIndex(where: { ScalarString.equal($0.name, new) }), clash != i { return false }
            q.columns[i].name = new
        }
        return true
    }

    static func drop(_ q: inout SQLQuery, _ names: [String]) -> Bool {
        if q.distinct { q = q.wrapped() }
        for name in names where q.column(named: name)?.mayFail ?? true { return false }
        let kept = q.columns.filter { c in !names.contains { ScalarString.equal($0, c.name) } }
        guard !kept.isEmpty else { return false }
        q.columns = kept
        return true
    }

    /// `join [left] other on k, …` of two remote tables of one database. The other side must be
    /// a variable (or a table of a variable's database), so that declining never evaluates it twice.
    static func join(_ remote: RemoteTable, _ s: JoinStage, _ ctx: Context, _ frame: Frame) -> RemoteTable? {
        guard s.kind == .inner || s.kind == .left, isPlainRead(s.other),
              case .remoteTable(let other)? = try? s.other.eval(ctx, frame), other.handle === remote.handle,
              !remote.query.mayFail, !other.query.mayFail else { return nil }
        let l = remote.query.wrapped(aliasPrefix: "l"), r = other.query.wrapped(aliasPrefix: "r")
        var conditions: [SQLFragment] = [], rightKeys: [String] = []
        for key in s.keys {
            guard let a = l.column(named: key.left.text), let b = r.column(named: key.right.text), let ta = a.type, let tb = b.type,
                  ta == tb || ([.int, .float].contains(ta) && [.int, .float].contains(tb)), [.int, .float, .string, .date, .bool].contains(ta)
            else { return nil }
            conditions.append(a.sql + " = " + b.sql)
            rightKeys.append(b.name)
        }
        var q = l
        q.depth = max(l.depth, r.depth)
        q.source = l.source + (s.kind == .left ? " LEFT JOIN " : " INNER JOIN ") + r.source + " ON " + SQLFragment.join(conditions, " AND ")
        for var column in r.columns where !rightKeys.contains(where: { ScalarString.equal($0, column.name) }) {
            if q.column(named: column.name) != nil { column.name += "_right" }
            if q.column(named: column.name) != nil { return nil }
            q.columns.append(column)
        }
        q.orderBy = l.orderBy + r.orderBy
        return RemoteTable(remote.handle, q)
    }

    private static func isPlainRead(_ node: Node) -> Bool {
        switch node {
        case is LocalGet, is GlobalGet, is UpvalueGet: return true
        case let ref as ColumnRef: return ref.variable.map(isPlainRead) ?? false
        case let field as FieldNode: return isPlainRead(field.target)
        default: return false
        }
    }
}

/// Stages that keep, reorder or cut rows: where, sort, take, distinct.
final class WhereStage: StageOperation {
    let predicate: StageExpr
    var name: String { "where" }
    init(predicate: StageExpr) { self.predicate = predicate }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        try run(try ColumnBinder.bind(predicate, table), ctx, frame, table)
    }

    /// Runs a predicate already bound to `table`'s schema.
    func run(_ bound: BoundExpr, _ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        var keep: [Int] = []
        switch BatchEngine.decide(bound, table, what: "where", ctx, frame) {
        case .batch(let program):
            keep = try BatchEngine.selection(program, table, ctx, span: bound.span)
        case .tree:
            for (i, v) in try ctx.evaluateRows(bound, table, frame).enumerated() where v.isTruthy { keep.append(i) }
        }
        return keep.count == table.rowCount ? table : table.gather(keep, threads: ctx.host.threads)
    }
}

final class SortStage: StageOperation {
    let keys: [(expr: StageExpr, descending: Bool)]
    var name: String { "sort" }
    init(keys: [(expr: StageExpr, descending: Bool)]) { self.keys = keys }

    /// Stable; nulls last whatever the direction.
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let bound = try keys.map { try ColumnBinder.bind($0.expr, table) }
        let columns = try bound.map { try ctx.evaluateRows($0, table, frame) }
        var failure: RuntimeError?
        let order = (0..<table.rowCount).sorted { a, b in
            for (k, key) in keys.enumerated() {
                let x = columns[k][a], y = columns[k][b]
                switch (x.isNull, y.isNull) {
                case (true, true): continue
                case (true, false): return false
                case (false, true): return true
                default: break
                }
                guard let c = Value.compare(x, y) else {
                    if failure == nil {
                        failure = RuntimeError(.sortCannotCompare, x.typeName, y.typeName, at: key.expr.span)
                    }
                    return a < b
                }
                if c != 0 { return key.descending ? c > 0 : c < 0 }
            }
            return a < b
        }
        if let failure { throw failure }
        return table.gather(order)
    }
}

final class TakeStage: StageOperation {
    let count: Node
    /// `take n by k, …`: the first n rows of each partition (TakeBy.swift).
    let by: [StageColumn]
    var name: String { "take" }
    init(count: Node, by: [StageColumn] = []) {
        self.count = count
        self.by = by
    }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        guard case .int(let n) = try count.eval(ctx, frame), n >= 0 else {
            throw RuntimeError(.takeNeedsCount, at: count.span)
        }
        if !by.isEmpty { return try takePerPartition(n, ctx, frame, table) }
        return n >= table.rowCount ? table : table.gather(Array(0..<n))
    }
}

final class DistinctStage: StageOperation {
    let columns: [Name]
    var name: String { "distinct" }
    init(columns: [Name]) { self.columns = columns }

    /// Unique rows (or unique by these columns), first occurrence kept, order kept.
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let indices = try columns.isEmpty ? Array(0..<table.schema.count) : columns.map { try table.require($0) }
        var seen: Set<GroupKey> = []
        var keep: [Int] = []
        for i in 0..<table.rowCount {
            let key = GroupKey(values: indices.map { table.columns[$0].value(at: i) })
            if seen.insert(key).inserted { keep.append(i) }
        }
        return keep.count == table.rowCount ? table : table.gather(keep)
    }
}

extension Table {
    /// The index of a named column, or an "unknown column" error at the name.
    func require(_ name: Name) throws -> Int {
        guard let i = schema.index(of: name.text) else { throw ColumnRef.unknown(name.text, in: schema, at: name.span) }
        return i
    }
}

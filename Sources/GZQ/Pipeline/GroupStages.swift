/// derive and summarize: per-row and per-group computation with partitions.
final class DeriveStage: StageOperation {
    let items: [StageColumn]
    let by: [StageColumn]
    var name: String { "derive" }
    init(items: [StageColumn], by: [StageColumn]) {
        self.items = items
        self.by = by
    }

    /// Items apply in order, so a later item may use an earlier one. Rows keep their order;
    /// aggregates and window functions see the row's partition (in current row order). Every
    /// item is bound before any runs; each computed column has one engine decision, made
    /// when its input (the table the items before it leave) exists.
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let bound = try ColumnBinder.bindDerive(self, table)
        let partitions = try partition(bound.partition, ctx, frame, table)
        var current = table
        for (item, expr) in zip(items, bound.items) {
            let decision = BatchEngine.decide(expr, current, what: "column \(item.name)", inRowOrder: by.isEmpty, ctx, frame)
            if case .batch(let program) = decision {
                current = current.replacing(item.name, with: try BatchEngine.column(program, current, ctx, span: expr.span))
                continue
            }
            let row = RowContext(table: current)
            row.enter(expr)
            ctx.row = row
            var values = [Value](repeating: .null, count: current.rowCount)
            for rows in partitions {
                row.group = rows
                row.startGroup()
                for (position, i) in rows.enumerated() {
                    row.index = i
                    row.position = position
                    values[i] = try expr.node.eval(ctx, frame)
                }
            }
            ctx.host.planStatistics.treeRows += current.rowCount
            current = current.replacing(item.name, with: try makeColumn(values, name: item.name, span: expr.span))
        }
        return current
    }

    private func partition(_ keys: [BoundExpr], _ ctx: Context, _ frame: Frame, _ table: Table) throws -> [[Int]] {
        if keys.isEmpty { return [Array(0..<table.rowCount)] }
        let values = try keys.map { try ctx.evaluateRows($0, table, frame) }
        return Grouping.groups(values, rowCount: table.rowCount).map(\.rows)
    }
}

final class SummarizeStage: StageOperation {
    let items: [StageColumn]
    let by: [StageColumn]
    /// `total "label"`: the label's expression and span (TotalRow.swift appends the row).
    let total: (node: Node, span: Span)?
    var name: String { "summarize" }
    init(items: [StageColumn], by: [StageColumn], total: (node: Node, span: Span)? = nil) {
        self.items = items
        self.by = by
        self.total = total
    }

    /// One row per distinct key, in order of first appearance, key columns first;
    /// without `by`, exactly one row (also for an empty table). `run` (TotalRow.swift) adds
    /// the total row when the stage asks for one.
    func runGroups(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let bound = try ColumnBinder.bindSummarize(self, table)
        switch decideBatch(bound, filter: nil, table, ctx, frame) {
        case .batch(let plan): return try runBatch(plan, bound, table, ctx, frame, span: by.first?.expr.span ?? .none)
        case .tree: return try runTree(bound, table, ctx, frame)
        }
    }

    /// The fused step `where p | summarize …` (Planner): both bind before any row; the batch
    /// engine runs them as one program, or the tree engine filters, then summarizes.
    func runFused(_ filter: WhereStage, filterSpan: Span, _ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let predicate = try ColumnBinder.bind(filter.predicate, table)
        let bound = try ColumnBinder.bindSummarize(self, table)
        switch decideBatch(bound, filter: predicate, table, ctx, frame) {
        case .batch(let plan):
            return try runBatch(plan, bound, table, ctx, frame, span: predicate.span)
        case .tree:
            let filtered = try filter.run(predicate, ctx, frame, table)
            if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(filtered.byteSize, filterSpan) }
            return try run(bound, ctx, frame, filtered)
        }
    }

    /// The non-fused part of the fused step after the tree engine filtered (its own decision).
    private func run(_ bound: (keys: [BoundExpr], items: [BoundExpr]), _ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        switch decideBatch(bound, filter: nil, table, ctx, frame) {
        case .batch(let plan): return try runBatch(plan, bound, table, ctx, frame, span: by.first?.expr.span ?? .none)
        case .tree: return try runTree(bound, table, ctx, frame)
        }
    }

    /// The tree engine: keys row by row, then each item per group.
    func runTree(_ bound: (keys: [BoundExpr], items: [BoundExpr]), _ table: Table, _ ctx: Context, _ frame: Frame) throws -> Table {
        let keys = try bound.keys.map { try ctx.evaluateRows($0, table, frame) }
        let groups = by.isEmpty ? [(key: [Value](), rows: Array(0..<table.rowCount))] : Grouping.groups(keys, rowCount: table.rowCount)
        let row = RowContext(table: table)
        ctx.row = row
        var outputs = [[Value]](repeating: [], count: by.count + items.count)
        for group in groups {
            for (k, v) in group.key.enumerated() { outputs[k].append(v) }
            row.group = group.rows
            row.index = group.rows.first ?? table.rowCount
            for (j, item) in bound.items.enumerated() {
                row.enter(item)
                outputs[by.count + j].append(try item.node.eval(ctx, frame))
            }
        }
        ctx.host.planStatistics.treeRows += table.rowCount
        let all = by + items
        let columns = try all.enumerated().map { k, column in try makeColumn(outputs[k], name: column.name, span: column.expr.span) }
        return build(columns, groups: groups.count)
    }

    /// The output table from key and item columns (key columns first; a later name replaces an earlier one).
    func build(_ built: [Column], groups: Int) -> Table {
        var names: [String] = [], columns: [Column] = []
        for (column, item) in zip(built, by + items) {
            if let existing = names.firstIndexByScalars(of: item.name) {
                names.remove(at: existing)
                columns.remove(at: existing)
            }
            names.append(item.name)
            columns.append(column)
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: groups)
    }
}

extension Table {
    /// This table with a column replaced (same position) or appended. The new column has no
    /// display format (it is recomputed); the others keep theirs.
    func replacing(_ name: String, with column: Column) -> Table {
        var names = schema.names, columns = self.columns
        var formats = (0..<columns.count).map { displayFormat(ofColumn: $0) }
        if let i = schema.index(of: name) {
            columns[i] = column
            formats[i] = nil
        } else {
            names.append(name)
            columns.append(column)
            formats.append(nil)
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: rowCount, displayFormats: formats)
    }
}

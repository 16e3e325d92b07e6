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
    /// aggregates and window functions see the row's partition (in current row order).
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let partitions = try partition(ctx, frame, table)
        var current = table
        for item in items {
            try item.expr.validate(current)
            if VectorEngine.applies(ctx, rows: current.rowCount), let column = try VectorEngine.column(item.expr, current, ctx, frame) {
                current = current.replacing(item.name, with: column)
                continue
            }
            let row = RowContext(table: current)
            ctx.row = row
            var values = [Value](repeating: .null, count: current.rowCount)
            for rows in partitions {
                row.group = rows
                row.cache = [:]
                for (position, i) in rows.enumerated() {
                    row.index = i
                    row.position = position
                    values[i] = try item.expr.node.eval(ctx, frame)
                }
            }
            let column = try makeColumn(values, name: item.name, span: item.expr.span)
            current = current.replacing(item.name, with: column)
        }
        return current
    }

    private func partition(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> [[Int]] {
        if by.isEmpty { return [Array(0..<table.rowCount)] }
        let keys = try by.map { try ctx.evaluateRows($0.expr, table, frame) }
        return Grouping.groups(keys, rowCount: table.rowCount).map(\.rows)
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
        if VectorEngine.applies(ctx, rows: table.rowCount), let result = try runVector(ctx, frame, table, predicate: nil) {
            return result
        }
        let keys = try by.map { try ctx.evaluateRows($0.expr, table, frame) }
        let keyNames = Set(by.map { ScalarKey($0.name) })
        for item in items {
            try item.expr.validate(table)
            for ref in item.expr.refs where !ref.insideAggregate && ref.isColumn(in: table.schema) && !keyNames.contains(ScalarKey(ref.name)) {
                throw RuntimeError(.columnOutsideAggregate, ref.name, ref.name, at: ref.span)
            }
        }
        let groups = by.isEmpty ? [(key: [Value](), rows: Array(0..<table.rowCount))] : Grouping.groups(keys, rowCount: table.rowCount)
        let row = RowContext(table: table)
        ctx.row = row
        var outputs = [[Value]](repeating: [], count: by.count + items.count)
        for group in groups {
            for (k, v) in group.key.enumerated() { outputs[k].append(v) }
            row.group = group.rows
            row.index = group.rows.first ?? table.rowCount
            row.cache = [:]
            for (j, item) in items.enumerated() {
                outputs[by.count + j].append(try item.expr.node.eval(ctx, frame))
            }
        }
        return try build(outputs, groups: groups.count)
    }

    /// The output table from key and item values (key columns first; a later name replaces an earlier one).
    func build(_ outputs: [[Value]], groups: Int) throws -> Table {
        let all = by + items
        var names: [String] = [], columns: [Column] = []
        for (k, column) in all.enumerated() {
            if let existing = names.firstIndexByScalars(of: column.name) {
                names.remove(at: existing)
                columns.remove(at: existing)
            }
            names.append(column.name)
            columns.append(try makeColumn(outputs[k], name: column.name, span: column.expr.span))
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

/// `complete c = values by k, …`: every partition (rows with equal keys, in order of first
/// appearance) gets a row for every value of `c` in `values`. A row added for a missing
/// value holds the partition's keys, the value, and null in every other column. Each
/// partition's rows come in the order of `values` (rows sharing a value keep their order);
/// rows whose `c` is not among `values` (null included) are kept, after the listed values,
/// in their order — completing never drops data. Without `by` the table is one partition.
final class CompleteStage: StageOperation {
    let column: Name
    let values: Node
    let by: [Name]
    var name: String { "complete" }

    init(column: Name, values: Node, by: [Name]) {
        self.column = column
        self.values = values
        self.by = by
    }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let target = try table.require(column)
        let keys = try by.map { try table.require($0) }
        if let k = by.first(where: { $0.text == column.text }) {
            throw RuntimeError(.completeColumnIsKey, k.text, at: k.span)
        }
        let value = try values.eval(ctx, frame)
        guard case .list(let list) = value else {
            throw RuntimeError(.completeNeedsList, value.typeName, at: values.span)
        }
        let partitions = keys.isEmpty
            ? [(key: [Value](), rows: Array(0..<table.rowCount))]
            : Grouping.groups(keys.map { table.columns[$0].values }, rowCount: table.rowCount)
        // Many partitions times many values can ask for a huge table: under a memory limit it
        // is refused before anything is built (8 bytes a cell is the least a column takes).
        let (added, overflow) = partitions.count.multipliedReportingOverflow(by: list.items.count)
        let (cells, overflow2) = (table.rowCount &+ added).multipliedReportingOverflow(by: max(1, table.schema.count) &* 8)
        try ctx.checkValueSize(overflow || overflow2 ? Int.max : cells, .expectsTable, values.span)
        let wanted = try checkedValues(list.items, fitting: table.columns[target])
        var position: [GroupKey: Int] = [:]
        for (p, v) in wanted.enumerated() { position[GroupKey(values: [v])] = p }
        // Output rows: an input row, or (nil, value) for an added row of the partition.
        var source: [Int?] = [], partitionOf: [Int] = [], completed: [Value] = []
        for (p, partition) in partitions.enumerated() {
            var byValue = [[Int]](repeating: [], count: wanted.count)
            var rest: [Int] = []
            for i in partition.rows {
                if let slot = position[GroupKey(values: [table.columns[target].value(at: i)])] { byValue[slot].append(i) } else { rest.append(i) }
            }
            for (slot, rows) in byValue.enumerated() {
                if rows.isEmpty {
                    source.append(nil); partitionOf.append(p); completed.append(wanted[slot])
                }
                for i in rows { source.append(i); partitionOf.append(p); completed.append(table.columns[target].value(at: i)) }
            }
            for i in rest { source.append(i); partitionOf.append(p); completed.append(table.columns[target].value(at: i)) }
        }
        if source.count == table.rowCount, source.enumerated().allSatisfy({ $0.element == $0.offset }) { return table }

        var columns: [Column] = []
        for (c, name) in table.schema.names.enumerated() {
            if c == target {
                columns.append(try makeColumn(completed, name: name, span: column.span))
            } else if keys.contains(c) {
                // An added row takes the keys of its partition.
                columns.append(table.columns[c].gather(zip(source, partitionOf).map { $0 ?? partitions[$1].rows[0] }))
            } else {
                columns.append(table.columns[c].gatherOptional(source))
            }
        }
        return table.with(names: table.schema.names, columns: columns, formats: table.displayFormats)
    }

    /// The values, checked: distinct, non-null, of the completed column's type.
    private func checkedValues(_ items: [Value], fitting existing: Column) throws -> [Value] {
        var seen: Set<GroupKey> = []
        for v in items {
            if v.isNull { throw RuntimeError(.completeNullValue, at: values.span) }
            if !seen.insert(GroupKey(values: [v])).inserted {
                throw RuntimeError(.completeValueTwice, ValueFormatter.literal(v), at: values.span)
            }
        }
        if existing.count > 0, !existing.isAllNull, let first = items.first(where: { !Self.fits($0, existing.type) }) {
            throw RuntimeError(.completeValueType, ValueFormatter.literal(first), first.typeName == "int" ? "an" : "a", first.typeName, column.text, existing.type.rawValue, at: values.span)
        }
        return items
    }

    private static func fits(_ v: Value, _ type: ColumnType) -> Bool {
        switch (v, type) {
        case (.int, .int), (.int, .float), (.float, .float), (.string, .string), (.date, .date), (.bool, .bool): return true
        default: return false
        }
    }
}

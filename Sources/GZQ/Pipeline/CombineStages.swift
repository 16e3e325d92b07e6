/// Stages that combine tables: append, pivot (join, of every kind, is in JoinKinds.swift).

final class AppendStage: StageOperation {
    let other: Node
    var name: String { "append" }
    init(other: Node) { self.other = other }

    /// Rows of the other table after these, matched by column name; a column missing on
    /// one side is null there (columns only in the other table are added at the end).
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let value = try other.eval(ctx, frame)
        guard let bottom = try value.rows(ctx, at: other.span) else {
            throw RuntimeError(.appendNeedsTable, value.typeName, at: other.span)
        }
        var names = table.schema.names
        for n in bottom.schema.names where !names.containsByScalars(n) { names.append(n) }
        var columns: [Column] = [], formats: [DisplayFormat?] = []
        for name in names {
            formats.append(AppendStage.format(of: name, table, bottom))
            let top = table.column(named: name)?.values ?? Array(repeating: .null, count: table.rowCount)
            let rest = bottom.column(named: name)?.values ?? Array(repeating: .null, count: bottom.rowCount)
            var column = try makeColumn(top + rest, name: name, span: other.span)
            if column.count == 0 || column.isAllNull {
                // No value to infer a type from: keep the type an input declares, so an empty
                // int column stays int (an all-null input column has no type to offer).
                let typed = [table.column(named: name), bottom.column(named: name)].compactMap { $0 }.first { !$0.isAllNull }
                if let typed { column = Column.nulls(column.count, like: typed) }
            }
            columns.append(column)
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: table.rowCount + bottom.rowCount,
                     displayFormats: formats)
    }

    /// A column keeps its display format when both tables agree on it; a column only one
    /// table has (null in the other's rows) keeps that table's.
    static func format(of name: String, _ top: Table, _ bottom: Table) -> DisplayFormat? {
        let a = top.schema.index(of: name), b = bottom.schema.index(of: name)
        switch (a, b) {
        case (let a?, let b?): return top.displayFormat(ofColumn: a) == bottom.displayFormat(ofColumn: b) ? top.displayFormat(ofColumn: a) : nil
        case (let a?, nil): return top.displayFormat(ofColumn: a)
        case (nil, let b?): return bottom.displayFormat(ofColumn: b)
        default: return nil
        }
    }
}

final class PivotStage: StageOperation {
    let key: Name, value: Name
    var name: String { "pivot" }
    init(key: Name, value: Name) {
        self.key = key
        self.value = value
    }

    /// One column per distinct key value (named by its text, first-appearance order) holding
    /// `value`; rows grouped by the remaining columns. Two values for one cell are an error.
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let k = try table.require(key), v = try table.require(value)
        let rest = (0..<table.schema.count).filter { $0 != k && $0 != v }
        let restValues = rest.map { table.columns[$0].values }
        let groups = Grouping.groups(restValues, rowCount: table.rowCount)
        var keyNames: [String] = []
        var keyPosition: [ScalarKey: Int] = [:]
        let keyColumn = table.columns[k]
        for i in 0..<table.rowCount {
            let name = ValueFormatter.display(keyColumn.value(at: i))
            if keyPosition[ScalarKey(name)] == nil {
                keyPosition[ScalarKey(name)] = keyNames.count
                keyNames.append(name)
            }
        }
        var cells = [[Value]](repeating: Array(repeating: .null, count: groups.count), count: keyNames.count)
        var filled = Set<[Int]>()
        for (g, group) in groups.enumerated() {
            for i in group.rows {
                let name = ValueFormatter.display(keyColumn.value(at: i))
                let p = keyPosition[ScalarKey(name)] ?? 0
                if !filled.insert([g, p]).inserted {
                    throw RuntimeError(.pivotDuplicateCell, value.text, key.text, name, at: key.span)
                }
                cells[p][g] = table.columns[v].value(at: i)
            }
        }
        var names = rest.map { table.schema.names[$0] }
        var columns = rest.map { table.columns[$0].gather(groups.map { $0.rows[0] }) }
        // The new columns hold the value column's values, so they show in its format.
        var formats = rest.map { table.displayFormat(ofColumn: $0) }
        for (p, name) in keyNames.enumerated() {
            if names.containsByScalars(name) {
                throw RuntimeError(.pivotColumnExists, name, at: key.span)
            }
            names.append(name)
            columns.append(try makeColumn(cells[p], name: name, span: value.span))
            formats.append(table.displayFormat(ofColumn: v))
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: groups.count, displayFormats: formats)
    }
}

extension Column {
    /// Gathers rows, with nil giving a null cell (left joins).
    func gatherOptional(_ indices: [Int?]) -> Column {
        if indices.allSatisfy({ $0 != nil }) { return gather(indices.map { $0 ?? 0 }) }
        // No row to stand in for the nils (a left join with an empty right table): all null,
        // keeping this column's type, as when the right table has rows but none match.
        if count == 0 { return Column.nulls(indices.count, like: self) }
        let base = gather(indices.map { $0 ?? 0 })
        var validity = BitVector(count: indices.count, value: true)
        for (k, i) in indices.enumerated() where i == nil || !isValid(i ?? 0) { validity[k] = false }
        return Column(storage: base.storage, validity: validity)
    }
}

extension Column {
    /// `count` null cells in a column of the same type as `column`.
    static func nulls(_ count: Int, like column: Column) -> Column {
        let storage: Storage
        switch column.storage {
        case .int: storage = .int(Array(repeating: 0, count: count))
        case .float: storage = .float(Array(repeating: 0, count: count))
        case .bool: storage = .bool(BitVector(count: count, value: false))
        case .date: storage = .date(Array(repeating: 0, count: count))
        case .string(_, let dictionary): storage = .string(codes: Array(repeating: 0, count: count), dictionary: dictionary)
        case .boxed: storage = .boxed(Array(repeating: .null, count: count))
        }
        return Column(storage: storage, validity: BitVector(count: count, value: false))
    }
}

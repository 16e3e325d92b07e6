/// `unpivot c, … into name, value` and `unpivot except k, … into name, value` (REFERENCE §13):
/// long form from a wide report table. Each input row gives one row per unpivoted column (in
/// the order listed, or in table order for `except`); the other columns are kept, in table
/// order, followed by `name` and `value`. Nulls are kept. The name column is int when every
/// unpivoted column's name is a whole number written plainly (`2017`, not `007`), else string.
/// The stage evaluates no expressions, so both engines run this same code.
final class UnpivotStage: StageOperation {
    let columns: [Name]
    let except: Bool
    let nameColumn: Name, valueColumn: Name
    var name: String { "unpivot" }

    init(columns: [Name], except: Bool, nameColumn: Name, valueColumn: Name) {
        self.columns = columns
        self.except = except
        self.nameColumn = nameColumn
        self.valueColumn = valueColumn
    }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let listed = try unpivoted(table)
        let kept = (0..<table.schema.count).filter { !listed.contains($0) }
        let keptNames = kept.map { table.schema.names[$0] }
        if ScalarString.equal(nameColumn.text, valueColumn.text) {
            throw RuntimeError(.unpivotSameNames, nameColumn.text, at: valueColumn.span)
        }
        for new in [nameColumn, valueColumn] where keptNames.containsByScalars(new.text) {
            throw RuntimeError(.unpivotColumnExists, new.text, at: new.span)
        }
        let valueType = try commonType(table, listed)
        let width = listed.count
        let (rows, overflow) = table.rowCount.multipliedReportingOverflow(by: width)
        guard !overflow, rows <= Int(Int32.max) else { throw RuntimeError(.unpivotTooManyRows, at: columns[0].span) }
        if rows > 0 { try ctx.noteTableBytes(table.byteSize / max(table.schema.count, 1) * (kept.count + 2) * width, columns[0].span) }
        var source: [Int] = []
        source.reserveCapacity(rows)
        for i in 0..<table.rowCount { for _ in 0..<width { source.append(i) } }
        var outColumns = kept.map { table.columns[$0].gather(source) }
        outColumns.append(nameValues(table, listed, rows: table.rowCount))
        var values: [Value] = []
        values.reserveCapacity(rows)
        let sources = listed.map { table.columns[$0] }
        for i in 0..<table.rowCount {
            if i & 1023 == 1023 { try ctx.poll(columns[0].span) }
            for column in sources { values.append(column.value(at: i)) }
        }
        let valueColumnData: Column
        if rows == 0 {
            valueColumnData = Column.nulls(0, like: valueType)
        } else {
            valueColumnData = try makeColumn(values, name: valueColumn.text, span: valueColumn.span)
        }
        outColumns.append(valueColumnData)
        let formats = listed.map { table.displayFormat(ofColumn: $0) }
        let valueFormat = formats.allSatisfy { $0 == formats[0] } ? formats[0] : nil
        return Table(schema: Schema(names: keptNames + [nameColumn.text, valueColumn.text], types: outColumns.map(\.type)),
                     columns: outColumns, rowCount: rows,
                     displayFormats: kept.map { table.displayFormat(ofColumn: $0) } + [nil, valueFormat])
    }

    /// The indexes of the columns to unpivot.
    private func unpivoted(_ table: Table) throws -> [Int] {
        var named: [Int] = []
        for column in columns {
            let i = try table.require(column)
            if named.contains(i) { throw RuntimeError(.unpivotColumnTwice, column.text, at: column.span) }
            named.append(i)
        }
        guard except else { return named }
        let rest = (0..<table.schema.count).filter { !named.contains($0) }
        guard !rest.isEmpty else {
            throw RuntimeError(.unpivotNothingLeft, at: columns[0].span)
        }
        return rest
    }

    /// A column of the same type the value column will have (for an empty result), after
    /// checking the unpivoted columns can share one column.
    private func commonType(_ table: Table, _ listed: [Int]) throws -> Column {
        var first: Int?
        var sawFloat = false
        for i in listed where !table.columns[i].isAllNull || table.rowCount == 0 {
            let type = table.columns[i].type
            if type == .float { sawFloat = true }
            guard let f = first else { first = i; continue }
            let t0 = table.columns[f].type
            let numeric: Set<ColumnType> = [.int, .float]
            if t0 != type && !(numeric.contains(t0) && numeric.contains(type)) {
                throw RuntimeError(.unpivotValueTypesDiffer, table.schema.names[f], t0.rawValue, table.schema.names[i], type.rawValue, valueColumn.text, at: valueColumn.span)
            }
        }
        guard let f = first else { return ColumnBuilder.nulls(0) }
        return sawFloat ? Column(storage: .float([]), validity: nil) : Column.nulls(0, like: table.columns[f])
    }

    /// The unpivoted columns' names, repeated for every input row.
    private func nameValues(_ table: Table, _ listed: [Int], rows: Int) -> Column {
        let names = listed.map { table.schema.names[$0] }
        let asInts = names.map { name in Int(name).flatMap { String($0) == name ? $0 : nil } }
        let count = rows * listed.count
        if asInts.allSatisfy({ $0 != nil }) {
            let ints = asInts.map { $0 ?? 0 }
            var out: [Int] = []
            out.reserveCapacity(count)
            for _ in 0..<rows { out += ints }
            return Column(storage: .int(out), validity: nil)
        }
        var codes: [UInt32] = []
        codes.reserveCapacity(count)
        let pattern = (0..<names.count).map { UInt32($0) }
        for _ in 0..<rows { codes += pattern }
        return Column(storage: .string(codes: codes, dictionary: names), validity: nil)
    }
}

/// An ordered set of named, typed columns of equal length (REFERENCE §5).
/// Immutable: stages build new tables.
public final class Table {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int
    /// One display format per column (REFERENCE §15), nil where the column has none.
    public let displayFormats: [DisplayFormat?]

    public init(schema: Schema, columns: [Column], rowCount: Int, displayFormats: [DisplayFormat?]? = nil) {
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
        self.displayFormats = displayFormats ?? Array(repeating: nil, count: columns.count)
    }

    /// The display format of column `i`, if the table has one for it.
    public func displayFormat(ofColumn i: Int) -> DisplayFormat? {
        i < displayFormats.count ? displayFormats[i] : nil
    }

    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// Row `i` as a record.
    public func row(_ i: Int) -> Value {
        .record(RecordBox(keys: schema.names, values: columns.map { $0.value(at: i) }))
    }

    func isEqual(to other: Table) -> Bool {
        if self === other { return true }
        guard schema.names.equalsByScalars(other.schema.names), rowCount == other.rowCount else { return false }
        for (a, b) in zip(columns, other.columns) {
            for i in 0..<rowCount where !Value.equal(a.value(at: i), b.value(at: i)) { return false }
        }
        return true
    }

    var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }
}

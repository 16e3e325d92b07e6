/// Building tables from Swift arrays and reading them back, for hosts (REFERENCE §12).
///
///     let cases = try Table(columns: [
///         ("region", ["贵阳市", "遵义市"]),
///         ("concluded", [1200, 980]),
///     ])
///     interpreter.setGlobal("cases", .table(cases))
///     let rates = try interpreter.evaluate("cases | derive r = rate(1, concluded)").asTable
///     rates?.column(named: "r")?.values    // [.float(0.000833…), .float(0.00102…)]
///
/// Column types are inferred as `table()` does in gzq: ints and floats mixed make a float
/// column, null may appear anywhere, other mixes are an error; a column of nulls only is
/// a string column.
extension Table {
    /// A table from named columns of values, in order.
    /// - Throws: `TableBuildError` when names repeat or are empty, lengths differ, a column
    ///   mixes types, or a cell holds a function or a table.
    public convenience init(columns: [(String, [Value])]) throws {
        var seen: Set<ScalarKey> = []
        for (name, _) in columns {
            guard !name.isEmpty else { throw TableBuildError("a column name is empty") }
            guard seen.insert(ScalarKey(name)).inserted else { throw TableBuildError("column '\(name)' appears twice") }
        }
        if let first = columns.first {
            for (name, values) in columns where values.count != first.1.count {
                throw TableBuildError("column '\(name)' has \(values.count) values, column '\(first.0)' has \(first.1.count)")
            }
        }
        let built: Table
        do {
            built = try Table.build(names: columns.map(\.0), columns: columns.map(\.1))
        } catch {
            throw TableBuildError(error.message.description)
        }
        self.init(schema: built.schema, columns: built.columns, rowCount: built.rowCount)
    }

    /// A table from records (rows): columns in the order keys first appear, a key missing
    /// from a row is null there. Values that are not records are an error.
    public convenience init(rows: [Value]) throws {
        var names: [String] = []
        var index: [ScalarKey: Int] = [:]
        for row in rows {
            guard case .record(let r) = row else { throw TableBuildError("a row must be a record, not a \(row.typeName)") }
            for key in r.keys where index[ScalarKey(key)] == nil {
                index[ScalarKey(key)] = names.count
                names.append(key)
            }
        }
        var columns = names.map { _ in [Value](repeating: .null, count: rows.count) }
        for (i, row) in rows.enumerated() {
            guard case .record(let r) = row else { continue }
            for (key, value) in zip(r.keys, r.values) {
                if let column = index[ScalarKey(key)] { columns[column][i] = value }
            }
        }
        try self.init(columns: Array(zip(names, columns)))
    }

    /// The column names, in order.
    public var columnNames: [String] { schema.names }

    /// Every row as a record, in order (convenient for small results; use
    /// `column(named:)?.values` to read a column without boxing every row as a record).
    public var rows: [Value] { (0..<rowCount).map { row($0) } }
}

/// Builds a table column by column, with typed conveniences for Swift arrays.
///
///     var builder = TableBuilder()
///     builder.addColumn("region", strings: ["贵阳市", "遵义市"])
///     builder.addColumn("concluded", ints: [1200, 980])
///     builder.addColumn("rate", doubles: [0.31, nil])
///     let table = try builder.build()
public struct TableBuilder {
    private var columns: [(String, [Value])] = []

    /// An empty builder.
    public init() {}

    /// Adds a column of any values (types inferred at `build`).
    public mutating func addColumn(_ name: String, _ values: [Value]) {
        columns.append((name, values))
    }

    /// Adds an int column; nil is null.
    public mutating func addColumn(_ name: String, ints: [Int?]) {
        columns.append((name, ints.map { $0.map(Value.int) ?? .null }))
    }

    /// Adds a float column; nil is null.
    public mutating func addColumn(_ name: String, doubles: [Double?]) {
        columns.append((name, doubles.map { $0.map(Value.float) ?? .null }))
    }

    /// Adds a string column; nil is null.
    public mutating func addColumn(_ name: String, strings: [String?]) {
        columns.append((name, strings.map { $0.map(Value.str) ?? .null }))
    }

    /// Adds a bool column; nil is null.
    public mutating func addColumn(_ name: String, bools: [Bool?]) {
        columns.append((name, bools.map { $0.map(Value.bool) ?? .null }))
    }

    /// The table.
    /// - Throws: `TableBuildError` as `Table(columns:)`.
    public func build() throws -> Table {
        try Table(columns: columns)
    }
}

/// Why a table could not be built from host values.
public struct TableBuildError: Error, CustomStringConvertible, Sendable {
    /// What is wrong (`column 'n' has 2 values, column 'region' has 3`).
    public let message: String

    init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }
}

/// A database that gzq reads tables from and sends pipelines to as SQL (REFERENCE §14).
/// Each dialect is one conforming type in its own file (`SQLiteDatabase`, `PostgresDatabase`),
/// so a third database is one new file plus a case of `SQLDialect`.
///
/// Methods throw `DatabaseError`; the natives that call them turn it into a gzq error at the
/// span of the call, keeping the server's own message.
protocol Database: AnyObject {
    /// How SQL is spelled for this database.
    var dialect: SQLDialect { get }
    /// For messages and `print(db)`: `sqlite:cases.db`, `postgres://host:5432/db` (never a password).
    var displayName: String { get }
    /// The names of the user's tables, sorted by code point.
    func tableNames() throws -> [String]
    /// The columns of a table with their gzq types (§14 mapping), or nil when it does not exist.
    func schema(ofTable name: String) throws -> Schema?
    /// Runs one statement whose parameters are bound, never interpolated, and returns its rows
    /// as a local table with the §14 type mapping. `timeout` (seconds, nil = none) bounds the
    /// statement on the server side.
    func query(_ sql: String, parameters: [Value], timeout: Double?) throws -> Table
    /// Stores a local table in one transaction: all rows or none.
    func write(_ table: Table, named name: String, mode: TableWriteMode) throws
    /// Asks the server to stop the statement running on another thread (Ctrl-C, `--timeout`).
    /// Safe to call from any thread and when nothing runs.
    func cancel()
    /// Closes the connection; later calls throw.
    func close()
}

/// The SQL spellings gzq knows.
enum SQLDialect: String, Sendable {
    case sqlite, postgres

    /// The text of the n-th (1-based) bound parameter.
    func placeholder(_ n: Int) -> String {
        switch self {
        case .sqlite: return "?"
        case .postgres: return "$\(n)"
        }
    }

    /// A quoted identifier: any name, Chinese and quotes included, stays one identifier.
    func quoteIdentifier(_ name: String) -> String {
        "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

/// `write_table(db, name, t, mode)`.
enum TableWriteMode: String, Sendable {
    /// Fails when the table exists.
    case create
    /// Drops and recreates it.
    case replace
    /// Adds rows to an existing table whose columns match.
    case append
}

/// A failure reported by a database or its client library, with the server's message.
struct DatabaseError: Error {
    enum Kind: Sendable { case connection, query, timeout, cancelled, unsupportedType, usage }
    let kind: Kind
    /// The server's or library's own message, kept as it is.
    let message: String
}

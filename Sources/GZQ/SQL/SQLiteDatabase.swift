import CSQLite
import Foundation

/// `sqlite(path)`: a database in one file (or `":memory:"`) through the system libsqlite3.
/// Statements are prepared and their parameters bound, never interpolated.
final class SQLiteDatabase: Database {
    /// Always `.sqlite`, except in the compiler's golden tests, which read a real SQLite schema
    /// and look at the PostgreSQL text the same pipeline compiles to (never run here).
    let dialect: SQLDialect
    let displayName: String
    private var handle: OpaquePointer?
    /// Guards `handle` for `cancel()`, which may come from another thread.
    private let lock = NSLock()
    /// Timeouts and interrupts (lives as long as the connection, which points at it).
    let watch = SQLiteWatch()

    /// Opens (or creates) the file; `":memory:"` is a private database that lives as long as this object.
    /// `shownAs`: the path as the program wrote it, for messages (the opened one is canonical).
    init(path: String, shownAs: String? = nil, spelledAs dialect: SQLDialect = .sqlite) throws {
        self.dialect = dialect
        displayName = "sqlite:" + (shownAs ?? path)
        var db: OpaquePointer?
        let status = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX, nil)
        guard status == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            sqlite3_close(db)
            throw DatabaseError(kind: .connection, message: "cannot open \(path): \(message)")
        }
        handle = db
        watch.install(on: db)
    }

    deinit { close() }

    func tableNames() throws -> [String] {
        let t = try query("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%'", parameters: [], timeout: nil)
        let names = t.columns.first?.values.compactMap(\.stringValue) ?? []
        return names.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
    }

    func schema(ofTable name: String) throws -> Schema? {
        guard try tableNames().contains(where: { ScalarString.equal($0, name) }) else { return nil }
        let statement = try SQLiteStatement(try open(), "SELECT * FROM \(dialect.quoteIdentifier(name)) LIMIT 0")
        defer { statement.finish() }
        let count = Int(sqlite3_column_count(statement.pointer))
        var names: [String] = [], types: [ColumnType] = []
        for i in 0..<count {
            let columnName = String(cString: sqlite3_column_name(statement.pointer, Int32(i)))
            let declared = sqlite3_column_decltype(statement.pointer, Int32(i)).map { String(cString: $0) }
            guard let type = SQLiteTypes.columnType(declared: declared) else {
                throw DatabaseError(kind: .unsupportedType, message: "column '\(columnName)' of '\(name)' has type \(declared ?? "BLOB"), which gzq cannot read")
            }
            names.append(columnName)
            types.append(type)
        }
        return Schema(names: names, types: types)
    }

    func query(_ sql: String, parameters: [Value], timeout: Double?) throws -> Table {
        let db = try open()
        let statement = try SQLiteStatement(db, sql)
        defer { statement.finish() }
        try statement.bind(parameters)
        watch.start(timeout: timeout)
        defer { watch.start(timeout: nil) }
        return try SQLiteResultReader.read(statement, db: db, timedOut: { watch.timedOut })
    }

    func write(_ table: Table, named name: String, mode: TableWriteMode) throws {
        let db = try open()
        try exec(db, "BEGIN IMMEDIATE")
        do {
            try SQLiteTableWriter.write(table, named: name, mode: mode, db: db, dialect: dialect)
            try exec(db, "COMMIT")
        } catch {
            try? exec(db, "ROLLBACK")
            throw error
        }
    }

    func cancel() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { sqlite3_interrupt(handle) }
    }

    func close() {
        lock.lock()
        defer { lock.unlock() }
        if let handle { sqlite3_close_v2(handle) }
        handle = nil
    }

    private func open() throws -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        guard let handle else { throw DatabaseError(kind: .connection, message: "the database \(displayName) is closed") }
        return handle
    }

    private func exec(_ db: OpaquePointer, _ sql: String) throws {
        let statement = try SQLiteStatement(db, sql)
        defer { statement.finish() }
        try statement.run()
    }
}

/// The §14 type mapping on the SQLite side: declared column types and storage classes.
enum SQLiteTypes {
    /// The gzq type of a declared column type (SQLite's affinity rules, plus BOOLEAN and DATE,
    /// which gzq writes); nil for BLOB columns, which gzq cannot read.
    static func columnType(declared: String?) -> ColumnType? {
        let d = (declared ?? "").uppercased()
        if d.isEmpty { return .string }
        if d == "DATE" { return .date }
        if d.contains("BOOL") { return .bool }
        if d.contains("INT") { return .int }
        if d.contains("CHAR") || d.contains("CLOB") || d.contains("TEXT") { return .string }
        if d.contains("BLOB") { return nil }
        if d.contains("REAL") || d.contains("FLOA") || d.contains("DOUB") { return .float }
        if d.contains("TIME") { return .string }  // DATETIME, TIMESTAMP: text such as 2021-06-30 10:00 in practice
        return .float  // NUMERIC, DECIMAL(10,2): numbers
    }

    /// The declared type gzq writes for a column type.
    static func declaration(_ type: ColumnType) -> String? {
        switch type {
        case .int: return "INTEGER"
        case .float: return "REAL"
        case .bool: return "BOOLEAN"
        case .string: return "TEXT"
        case .date: return "DATE"
        case .list, .record: return nil
        }
    }
}

let sqliteTransient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// One prepared statement; `finish()` releases it.
struct SQLiteStatement {
    let pointer: OpaquePointer
    private let db: OpaquePointer

    init(_ db: OpaquePointer, _ sql: String) throws {
        var statement: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        let status = sql.withCString { text -> Int32 in
            let s = sqlite3_prepare_v2(db, text, -1, &statement, &tail)
            // Text after the first statement (`SELECT 1; DROP TABLE t`) is refused, not ignored.
            if s == SQLITE_OK, let tail, tail.pointee != 0,
               !String(cString: tail).allSatisfy({ $0.isWhitespace || $0 == ";" }) {
                sqlite3_finalize(statement)
                statement = nil
                return SQLITE_MISUSE
            }
            return s
        }
        if status == SQLITE_MISUSE {
            throw DatabaseError(kind: .usage, message: "query() runs one SQL statement; this text has more than one")
        }
        guard status == SQLITE_OK, let statement else {
            throw DatabaseError(kind: .query, message: String(cString: sqlite3_errmsg(db)))
        }
        self.pointer = statement
        self.db = db
    }

    func finish() { sqlite3_finalize(pointer) }

    func bind(_ parameters: [Value]) throws {
        let expected = Int(sqlite3_bind_parameter_count(pointer))
        guard expected == parameters.count else {
            throw DatabaseError(kind: .usage, message: "the SQL has \(expected) parameter\(expected == 1 ? "" : "s") but \(parameters.count) value\(parameters.count == 1 ? " was" : "s were") given")
        }
        for (k, value) in parameters.enumerated() { try bind(value, at: Int32(k + 1)) }
    }

    func bind(_ value: Value, at i: Int32) throws {
        let status: Int32
        switch value {
        case .null: status = sqlite3_bind_null(pointer, i)
        case .bool(let b): status = sqlite3_bind_int64(pointer, i, b ? 1 : 0)
        case .int(let n): status = sqlite3_bind_int64(pointer, i, Int64(n))
        case .float(let d): status = sqlite3_bind_double(pointer, i, d)
        case .date(let d): status = sqlite3_bind_text(pointer, i, CivilDate.format(d), -1, sqliteTransient)
        case .string(let s): status = sqlite3_bind_text(pointer, i, s.value, -1, sqliteTransient)
        default:
            throw DatabaseError(kind: .unsupportedType, message: "a \(value.typeName) cannot be sent to SQL (only int, float, bool, string, date and null)")
        }
        guard status == SQLITE_OK else { throw DatabaseError(kind: .query, message: String(cString: sqlite3_errmsg(db))) }
    }

    /// Steps to the end, ignoring rows (DDL, INSERT).
    func run() throws {
        while true {
            let status = sqlite3_step(pointer)
            if status == SQLITE_DONE { return }
            if status != SQLITE_ROW { throw SQLiteStatement.failure(db, status) }
        }
    }

    func reset() { sqlite3_reset(pointer) }

    static func failure(_ db: OpaquePointer, _ status: Int32) -> DatabaseError {
        if status == SQLITE_INTERRUPT { return DatabaseError(kind: .cancelled, message: "the query was interrupted") }
        return DatabaseError(kind: .query, message: String(cString: sqlite3_errmsg(db)))
    }
}

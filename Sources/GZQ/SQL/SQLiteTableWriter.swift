import CSQLite

/// `write_table` for SQLite, inside the caller's transaction: CREATE (or DROP and CREATE, or
/// check the columns for append), then one prepared INSERT bound and stepped per row.
enum SQLiteTableWriter {
    static func write(_ table: Table, named name: String, mode: TableWriteMode, db: OpaquePointer, dialect: SQLDialect) throws {
        let quoted = dialect.quoteIdentifier(name)
        var declarations: [String] = []
        for (column, type) in zip(table.schema.names, table.schema.types) {
            guard let declared = SQLiteTypes.declaration(type) else {
                throw DatabaseError(kind: .unsupportedType, message: "column '\(column)' holds \(type.rawValue)s, which a database table cannot store")
            }
            declarations.append("\(dialect.quoteIdentifier(column)) \(declared)")
        }
        let exists = try tableExists(name, db: db)
        switch mode {
        case .create:
            if exists { throw DatabaseError(kind: .usage, message: "table '\(name)' already exists (mode = \"replace\" replaces it, \"append\" adds rows)") }
            try run(db, "CREATE TABLE \(quoted) (\(declarations.joined(separator: ", ")))")
        case .replace:
            if exists { try run(db, "DROP TABLE \(quoted)") }
            try run(db, "CREATE TABLE \(quoted) (\(declarations.joined(separator: ", ")))")
        case .append:
            guard exists else { throw DatabaseError(kind: .usage, message: "table '\(name)' does not exist (mode = \"create\" creates it)") }
            try checkColumns(of: name, match: table, db: db, dialect: dialect)
        }
        guard table.schema.count > 0 else { return }
        let columns = table.schema.names.map(dialect.quoteIdentifier).joined(separator: ", ")
        let placeholders = Array(repeating: "?", count: table.schema.count).joined(separator: ", ")
        let insert = try SQLiteStatement(db, "INSERT INTO \(quoted) (\(columns)) VALUES (\(placeholders))")
        defer { insert.finish() }
        for row in 0..<table.rowCount {
            for (c, column) in table.columns.enumerated() { try insert.bind(column.value(at: row), at: Int32(c + 1)) }
            try insert.run()
            insert.reset()
        }
    }

    private static func tableExists(_ name: String, db: OpaquePointer) throws -> Bool {
        let st = try SQLiteStatement(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?")
        defer { st.finish() }
        try st.bind([.str(name)])
        guard sqlite3_step(st.pointer) == SQLITE_ROW else { throw SQLiteStatement.failure(db, sqlite3_errcode(db)) }
        return sqlite3_column_int64(st.pointer, 0) > 0
    }

    /// Append needs the same column names, by Unicode scalars, in any order.
    private static func checkColumns(of name: String, match table: Table, db: OpaquePointer, dialect: SQLDialect) throws {
        let st = try SQLiteStatement(db, "SELECT * FROM \(dialect.quoteIdentifier(name)) LIMIT 0")
        defer { st.finish() }
        let existing = (0..<Int(sqlite3_column_count(st.pointer))).map { String(cString: sqlite3_column_name(st.pointer, Int32($0))) }
        let given = table.schema.names
        let missing = given.filter { g in !existing.contains { ScalarString.equal($0, g) } }
        let extra = existing.filter { e in !given.contains { ScalarString.equal($0, e) } }
        if !missing.isEmpty || !extra.isEmpty {
            var parts: [String] = []
            if !missing.isEmpty { parts.append("the table has no column \(missing.map { "'\($0)'" }.joined(separator: ", "))") }
            if !extra.isEmpty { parts.append("the rows have no column \(extra.map { "'\($0)'" }.joined(separator: ", "))") }
            throw DatabaseError(kind: .usage, message: "cannot append to '\(name)': " + parts.joined(separator: "; "))
        }
    }

    private static func run(_ db: OpaquePointer, _ sql: String) throws {
        let st = try SQLiteStatement(db, sql)
        defer { st.finish() }
        try st.run()
    }
}

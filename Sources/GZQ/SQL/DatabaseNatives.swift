/// Databases (REFERENCE §14): opening one, its tables, pulling rows, SQL of one's own, storing tables.
extension Builtins {
    static let databases: [Builtin] = [
        Builtin("sqlite", ["path"], pure: false,
                doc: "Opens (or creates) an SQLite database file; \":memory:\" is a private one. Its tables are remote tables: db.cases, db[\"cases\"].",
                example: "sqlite(\":memory:\")") { call in
            let path = try call.string(0)
            var opened = path
            if path != ":memory:" {
                do { opened = try call.ctx.host.authorize(path) } catch let error as FileAccessError { throw call.error(error.content) }
            }
            let database: SQLiteDatabase
            do { database = try SQLiteDatabase(path: opened, shownAs: path) } catch let error as DatabaseError { throw error.runtime(at: call.span) }
            database.watch.shouldStop = { [flag = call.ctx.interrupt] in flag.isSet }
            return DatabaseNatives.opened(database, call)
        },
        Builtin("tables", ["db"], pure: false, doc: "The names of a database's tables, sorted.", example: "tables(sqlite(\":memory:\"))") { call in
            let db = try call.database(0)
            do { return .list(try db.database.tableNames().map { .str($0) }) } catch let error as DatabaseError { throw error.runtime(at: call.span) }
        },
        Builtin("collect", ["t"], pure: false,
                doc: "The rows of a remote table as a local table (runs its query). A local table is returned as it is.",
                example: "collect(table({a: [1]}))") { call in
            switch call[0] {
            case .remoteTable(let r): return .table(try r.pull(call.ctx, at: call.span))
            case .table: return call[0]
            default: throw call.typeError(0, expected: Message(.expectsTable))
            }
        },
        Builtin("sql", ["t"], pure: false,
                doc: "The SQL a remote table sends to its database (values appear as ? or $n: they are sent apart from the text).",
                example: "let db = sqlite(\":memory:\"); write_table(db, \"cases\", read_csv(\"Samples/data/review_cases.csv\")); sql(db.cases | where year == 2021 | select region, corrected)") { call in
            guard case .remoteTable(let r) = call[0] else { throw call.typeError(0, expected: Message(.expectsRemoteTable)) }
            return .str(r.statement.sql)
        },
        Builtin("query", ["db", "sql", "args"], variadic: true, pure: false,
                doc: "Runs SQL of your own and returns a local table; args bind to ? (SQLite) or $1, $2 (PostgreSQL), never pasted into the text.",
                example: "query(sqlite(\":memory:\"), \"SELECT ? AS n\", 42)") { call in
            guard call.count >= 2 else { throw call.error(.queryNeedsDatabaseAndSQL) }
            let db = try call.database(0)
            let text = try call.string(1)
            let args = Array(call.args.dropFirst(2))
            try call.ctx.poll(call.span)
            do {
                return .table(try db.database.query(text, parameters: args, timeout: call.ctx.secondsLeft))
            } catch let error as DatabaseError {
                throw error.runtime(at: call.span)
            }
        },
        Builtin("write_table", ["db", "name", "t", "mode"], defaults: [nil, nil, nil, .str("create")], pure: false,
                doc: "Stores a table in a database in one transaction (all rows or none). mode: \"create\" (the default; fails when it exists), \"replace\" or \"append\".",
                example: "write_table(sqlite(\":memory:\"), \"cases\", table({region: [\"贵阳市\"], n: [3]}))") { call in
            let db = try call.database(0)
            let name = try call.string(1)
            guard let rows = try call[2].rows(call.ctx, at: call.span) else { throw call.typeError(2, expected: Message(.expectsTable)) }
            guard let mode = TableWriteMode(rawValue: try call.string(3)) else {
                throw call.error(.writeTableMode, ValueFormatter.literal(call[3]))
            }
            do { try db.database.write(rows, named: name, mode: mode) } catch let error as DatabaseError { throw error.runtime(at: call.span) }
            return .null
        },
    ]
}

enum DatabaseNatives {
    /// For `postgres(…)`: a sandboxed program (or an embedder that did not grant databases) opens no connection.
    static func checkNetworkAllowed(_ call: NativeCall) throws {
        guard call.ctx.host.allowsNetworkDatabases else {
            throw call.error(.networkDatabaseNotGranted, call.function.name)
        }
    }

    /// A newly opened database as a gzq value (`sqlite(…)`, `postgres(…)`): from now on
    /// builtins given a remote table pull its rows.
    static func opened(_ database: Database, _ call: NativeCall) -> Value {
        call.ctx.remoteTablesExist = true
        return .database(DatabaseHandle(database))
    }

    /// Builtins that take a remote table as it is, without pulling its rows.
    static let keepRemoteArguments: Set<String> = ["type", "collect", "sql", "write_table", "query", "tables"]
}

extension NativeCall {
    func database(_ i: Int) throws -> DatabaseHandle {
        guard case .database(let db) = self[i] else { throw typeError(i, expected: Message(.expectsDatabase)) }
        return db
    }
}

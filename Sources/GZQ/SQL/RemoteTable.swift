/// A database as a gzq value (`let db = sqlite("cases.db")`): `db.cases` is a remote table.
public final class DatabaseHandle {
    let database: Database
    init(_ database: Database) { self.database = database }

    var displayName: String { database.displayName }

    /// `db.cases`, `db["cases"]`: the table as a remote table, or an error naming the tables there are.
    func table(_ name: String, at span: Span) throws -> RemoteTable {
        let schema: Schema?
        do { schema = try database.schema(ofTable: name) } catch let error as DatabaseError { throw error.runtime(at: span) }
        guard let schema else {
            let names = (try? database.tableNames()) ?? []
            let hint = Suggest.suffix(for: name, in: names)
            let detail: MessageArg = hint != .none ? hint : .message(names.isEmpty ? Message(.databaseHasNoTables) : Message(.databaseTablesAre, names.joined(separator: ", ")))
            throw RuntimeError(.noSuchRemoteTable, displayName, name, detail, at: span)
        }
        return RemoteTable(self, SQLQuery(table: name, schema: schema, dialect: database.dialect))
    }
}

/// A table that lives in a database: the query that makes it, not its rows. Stages extend the
/// query (SQLStages.swift); anything that needs rows pulls them (`pull`).
public final class RemoteTable {
    let handle: DatabaseHandle
    let query: SQLQuery

    init(_ handle: DatabaseHandle, _ query: SQLQuery) {
        self.handle = handle
        self.query = query
    }

    var schema: Schema { query.schema }

    /// The SQL text and its parameters, as sent to the database.
    var statement: (sql: String, parameters: [Value]) { query.render().render(query.dialect) }

    /// Runs the query and returns its rows as a local table with the gzq column types the
    /// query promised (SQLite gives bools as 0/1 and dates as text).
    func pull(_ ctx: Context, at span: Span) throws -> Table {
        try ctx.poll(span)
        let (sql, parameters) = statement
        let table: Table
        do {
            table = try handle.database.query(sql, parameters: parameters, timeout: ctx.secondsLeft)
        } catch let error as DatabaseError {
            throw error.runtime(at: span)
        }
        let result = try RemoteTable.conform(table, to: query.columns, at: span)
        if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(result.byteSize, span) }
        return result
    }

    /// The result columns under the query's names, with the types its columns have in gzq.
    static func conform(_ table: Table, to columns: [SQLQuery.Column], at span: Span) throws -> Table {
        var out: [Column] = []
        for (k, expected) in columns.enumerated() where k < table.columns.count {
            let column = table.columns[k]
            guard let type = expected.type, column.type != type else { out.append(column); continue }
            if column.isAllNull || column.count == 0 { out.append(Column.nulls(column.count, of: type)); continue }
            switch (column.storage, type) {
            case (.int(let v), .bool):
                var bits = BitVector(count: v.count, value: false)
                for (i, x) in v.enumerated() where x != 0 { bits[i] = true }
                out.append(Column(storage: .bool(bits), validity: column.validity))
            case (.int(let v), .float):
                out.append(Column(storage: .float(v.map(Double.init)), validity: column.validity))
            case (.string(let codes, let dictionary), .date):
                var days: [Int32] = []
                for s in dictionary {
                    guard let d = CivilDate.parse(s) else {
                        throw RuntimeError(.databaseDateNotISO, expected.name, s, at: span)
                    }
                    days.append(d)
                }
                out.append(Column(storage: .date(codes.map { days[Int($0)] }), validity: column.validity))
            default:
                out.append(column)  // SQLite's dynamic typing: the cells decide (as the local engine's values do)
            }
        }
        let names = columns.prefix(out.count).map(\.name)
        return Table(schema: Schema(names: names, types: out.map(\.type)), columns: out, rowCount: table.rowCount)
    }
}

extension DatabaseError {
    /// The database's own message at the gzq span.
    func runtime(at span: Span) -> RuntimeError {
        switch kind {
        case .timeout: return RuntimeError(.databaseTimeLimit, message, at: span, kind: .limit)
        case .cancelled: return RuntimeError(.interrupted, at: span, kind: .limit)
        // SQLite's and PostgreSQL's integer overflow (the client says "integer overflow") is the
        // local engines' error, with its id.
        default: return message == "integer overflow" ? RuntimeError(.integerOverflow, at: span) : RuntimeError(.databaseFailed, message, at: span)
        }
    }
}

extension Value {
    /// The rows of a table, pulling a remote table's; nil for other values.
    func rows(_ ctx: Context, at span: Span) throws -> Table? {
        switch self {
        case .table(let t): return t
        case .remoteTable(let r): return try r.pull(ctx, at: span)
        default: return nil
        }
    }

    /// The value with a remote table's rows pulled (for uses that need rows); others unchanged.
    func pulled(_ ctx: Context, at span: Span) throws -> Value {
        if case .remoteTable(let r) = self { return .table(try r.pull(ctx, at: span)) }
        return self
    }
}

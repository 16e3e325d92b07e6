import CPostgres

/// Table names and schemas from the system catalogs, as the search path resolves names.
extension PostgresDatabase {
    /// Tables, views, materialized views and foreign tables in the schemas of the search path
    /// (without pg_catalog), each name once, sorted by code point.
    func tableNames() throws -> [String] {
        let rows = try query("""
            SELECT DISTINCT c.relname::text FROM pg_catalog.pg_class c
            JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname = ANY (pg_catalog.current_schemas(false))
            """, parameters: [], timeout: nil)
        let names = rows.columns.first?.values.compactMap(\.stringValue) ?? []
        // UTF-8 byte order is code-point order.
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// The columns of the table `name` resolves to (exactly that name: it is quoted), or nil
    /// when there is none. A column of a type gzq cannot read is an `.unsupportedType` error.
    func schema(ofTable name: String) throws -> Schema? {
        let quoted = dialect.quoteIdentifier(name)
        let found = try query("SELECT pg_catalog.to_regclass($1)::oid::bigint", parameters: [.str(quoted)], timeout: nil)
        guard case .int(let relation) = found.columns.first?.value(at: 0) ?? .null else { return nil }
        // A domain is read as its base type.
        let columns = try query("""
            SELECT a.attname::text, (CASE WHEN t.typtype = 'd' THEN t.typbasetype ELSE t.oid END)::bigint,
                   pg_catalog.format_type(a.atttypid, a.atttypmod)
            FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = $1::bigint::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, parameters: [.int(relation)], timeout: nil)
        var names: [String] = []
        var types: [ColumnType] = []
        for r in 0..<columns.rowCount {
            guard case .string(let column) = columns.columns[0].value(at: r),
                  case .int(let oid) = columns.columns[1].value(at: r) else { continue }
            guard let type = PostgresType.columnType(Oid(truncatingIfNeeded: oid)) else {
                let typeName = columns.columns[2].value(at: r).stringValue ?? "OID \(oid)"
                throw DatabaseError(kind: .unsupportedType, message: "column '\(column.value)' of table '\(name)' has PostgreSQL type \(typeName), which gzq cannot read; "
                    + "select it with a cast in query(…) (for example ::text)")
            }
            names.append(column.value)
            types.append(type)
        }
        return Schema(names: names, types: types)
    }
}

import CPostgres
import Foundation

/// `write_table`: one transaction — create (or drop and create, or check the existing table),
/// then every row through `COPY … FROM STDIN` (text format), then commit. Any failure rolls
/// back, so the table has all the rows or none of them (and a replaced table is kept).
extension PostgresDatabase {
    func write(_ table: Table, named name: String, mode: TableWriteMode) throws {
        let sqlTypes = try table.schema.names.indices.map { i -> String in
            guard let sqlType = PostgresType.sqlName(table.schema.types[i]) else {
                throw DatabaseError(kind: .usage, message: "column '\(table.schema.names[i])' holds \(table.schema.types[i].rawValue)s, which a database table cannot store")
            }
            return sqlType
        }
        let quotedName = dialect.quoteIdentifier(name)
        let quotedColumns = table.schema.names.map(dialect.quoteIdentifier)
        statementLock.lock()
        defer { statementLock.unlock() }
        try setTimeout(nil)     // a write has no time limit, whatever the last query had
        try run("BEGIN")
        do {
            switch mode {
            case .create, .replace:
                if mode == .replace { try run("DROP TABLE IF EXISTS \(quotedName)") }
                let definitions = zip(quotedColumns, sqlTypes).map { "\($0) \($1)" }.joined(separator: ", ")
                try run("CREATE TABLE \(quotedName) (\(definitions))")
            case .append:
                try checkAppendable(table, named: name)
            }
            if !quotedColumns.isEmpty {
                try copy(table, into: "\(quotedName) (\(quotedColumns.joined(separator: ", ")))")
            }
            try run("COMMIT")
        } catch {
            // On a lost connection there is nothing to roll back: the server already has.
            try? run("ROLLBACK")
            throw error
        }
    }

    /// An appended table must have the same column names with the same gzq types.
    private func checkAppendable(_ table: Table, named name: String) throws {
        guard let existing = try schema(ofTable: name) else {
            throw DatabaseError(kind: .usage, message: "there is no table '\(name)' to append to (use mode \"create\")")
        }
        let wanted = zip(table.schema.names, table.schema.types).map { "\($0) \($1.rawValue)" }
        let found = zip(existing.names, existing.types).map { "\($0) \($1.rawValue)" }
        guard Set(wanted) == Set(found), wanted.count == found.count else {
            throw DatabaseError(kind: .usage, message: "table '\(name)' has columns (\(found.joined(separator: ", "))), "
                + "not the appended table's (\(wanted.joined(separator: ", ")))")
        }
    }

    /// Streams the rows in COPY text format, about 1 MB per `PQputCopyData`.
    private func copy(_ table: Table, into target: String) throws {
        PQclear(try execute("COPY \(target) FROM STDIN", parameters: PostgresParameters([])))
        let conn = try openConnection()
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1 << 20 + 4096)
        var failure: String?
        let encoders = table.columns.map(CopyEncoder.init)
        for r in 0..<table.rowCount {
            for (c, encoder) in encoders.enumerated() {
                if c > 0 { buffer.append(9) }
                encoder.append(row: r, to: &buffer)
            }
            buffer.append(10)
            if buffer.count >= 1 << 20 {
                if !send(buffer, conn) { failure = Self.libpqMessage(conn); break }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        if failure == nil, !buffer.isEmpty, !send(buffer, conn) { failure = Self.libpqMessage(conn) }
        // A failed send still ends the COPY, so the connection is usable for the ROLLBACK.
        guard PQputCopyEnd(conn, failure) == 1 else {
            throw DatabaseError(kind: .connection, message: Self.libpqMessage(conn))
        }
        beginStatement()
        PQclear(try finishStatement(conn))
        if let failure { throw DatabaseError(kind: .connection, message: failure) }
    }

    private func send(_ bytes: [UInt8], _ conn: OpaquePointer) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return true }  // nothing to send
            return base.withMemoryRebound(to: CChar.self, capacity: b.count) { PQputCopyData(conn, $0, Int32(b.count)) == 1 }
        }
    }

    /// Writes the cells of one column in COPY text format: `\N` for null; backslash, tab,
    /// newline and CR escaped. A string column's dictionary is escaped once, not per row.
    struct CopyEncoder {
        let column: Column
        private let escaped: [[UInt8]]

        init(_ column: Column) {
            self.column = column
            if case .string(_, let dictionary) = column.storage {
                escaped = dictionary.map(Self.escape)
            } else {
                escaped = []
            }
        }

        func append(row r: Int, to buffer: inout [UInt8]) {
            guard column.isValid(r) else { buffer.append(contentsOf: [92, 78]); return }     // \N
            switch column.storage {
            case .int(let v): Self.appendDecimal(v[r], to: &buffer)
            case .float(let v): buffer.append(contentsOf: PostgresParameters.text(of: v[r]).utf8)
            case .bool(let v): buffer.append(v[r] ? 116 : 102)                               // t / f
            case .date(let v): PostgresParameters.appendDate(v[r], to: &buffer)
            case .string(let codes, _): buffer.append(contentsOf: escaped[Int(codes[r])])
            case .boxed: buffer.append(contentsOf: [92, 78])     // refused before the COPY starts
            }
        }

        static func escape(_ s: String) -> [UInt8] {
            var out: [UInt8] = []
            out.reserveCapacity(s.utf8.count)
            for byte in s.utf8 {
                switch byte {
                case 92: out.append(contentsOf: [92, 92])
                case 9: out.append(contentsOf: [92, 116])
                case 10: out.append(contentsOf: [92, 110])
                case 13: out.append(contentsOf: [92, 114])
                default: out.append(byte)
                }
            }
            return out
        }

        /// Decimal digits without a String per cell (Int.min included: digits of the magnitude).
        static func appendDecimal(_ v: Int, to buffer: inout [UInt8]) {
            if v < 0 { buffer.append(45) }
            var magnitude = v.magnitude
            var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                         UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            var n = 0
            withUnsafeMutableBytes(of: &digits) { d in
                repeat {
                    d[n] = UInt8(48 + magnitude % 10)
                    magnitude /= 10
                    n += 1
                } while magnitude > 0
                for k in stride(from: n - 1, through: 0, by: -1) { buffer.append(d[k]) }
            }
        }
    }
}

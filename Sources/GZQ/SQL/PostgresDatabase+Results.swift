import CPostgres
import Foundation

/// Result rows → a local table (REFERENCE §14 mapping). Each column's gzq type comes from its
/// PostgreSQL type, not from its values, so a column of nulls keeps its type; ints, floats,
/// bools and dates are decoded straight from libpq's text into typed storage, strings go
/// through `ColumnBuilder` (its dictionary encoding).
extension PostgresDatabase {
    func table(from result: OpaquePointer) throws -> Table {
        let rows = Int(PQntuples(result))
        let fields = Int(PQnfields(result))
        var names: [String] = []
        var columns: [Column] = []
        for f in 0..<fields {
            let name = String(cString: PQfname(result, Int32(f)))
            let oid = PQftype(result, Int32(f))
            guard let type = PostgresType.columnType(oid) else {
                throw DatabaseError(kind: .unsupportedType, message: unsupportedTypeMessage(column: name, oid: oid))
            }
            names.append(name)
            columns.append(try Self.column(result, field: Int32(f), rows: rows, type: type, name: name))
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: rows)
    }

    /// "column 'p' has PostgreSQL type point, which gzq cannot read; …". The type's name is
    /// asked of the server (only on this error path).
    func unsupportedTypeMessage(column: String, oid: Oid) -> String {
        var typeName = "OID \(oid)"
        if let parameters = try? PostgresParameters([.int(Int(oid))]),
           let named = try? execute("SELECT pg_catalog.format_type($1::oid, NULL)", parameters: parameters) {
            if PQntuples(named) == 1, PQgetisnull(named, 0, 0) == 0 { typeName = String(cString: PQgetvalue(named, 0, 0)) }
            PQclear(named)
        }
        return "column '\(column)' has PostgreSQL type \(typeName), which gzq cannot read; "
            + "cast it in the SQL (for example ::text, ::bigint or ::double precision)"
    }

    static func column(_ result: OpaquePointer, field f: Int32, rows: Int, type: ColumnType, name: String) throws -> Column {
        var validity = BitVector(count: rows, value: true)
        for r in 0..<rows where PQgetisnull(result, Int32(r), f) != 0 { validity[r] = false }
        func cell(_ r: Int) -> UnsafeMutablePointer<CChar> { PQgetvalue(result, Int32(r), f) }
        func bad(_ r: Int, _ what: String) -> DatabaseError {
            DatabaseError(kind: .query, message: "column '\(name)', row \(r + 1): \(what) '\(String(cString: cell(r)))'")
        }
        switch type {
        case .int:
            var values = [Int](repeating: 0, count: rows)
            for r in 0..<rows where validity[r] {
                guard let v = parseInt(cell(r)) else { throw bad(r, "not an integer:") }
                values[r] = v
            }
            return Column(storage: .int(values), validity: validity)
        case .float:
            var values = [Double](repeating: 0, count: rows)
            for r in 0..<rows where validity[r] {
                var end: UnsafeMutablePointer<CChar>?
                let p = cell(r)
                values[r] = strtod(p, &end)
                guard let end, end != p, end.pointee == 0 else { throw bad(r, "not a number:") }
            }
            return Column(storage: .float(values), validity: validity)
        case .bool:
            var bits = BitVector(count: rows, value: false)
            for r in 0..<rows where validity[r] && cell(r).pointee == CChar(UInt8(ascii: "t")) { bits[r] = true }
            return Column(storage: .bool(bits), validity: validity)
        case .date:
            var values = [Int32](repeating: 0, count: rows)
            for r in 0..<rows where validity[r] {
                guard let d = parseDate(cell(r)) else { throw bad(r, "a date gzq cannot hold:") }
                values[r] = d
            }
            return Column(storage: .date(values), validity: validity)
        case .string, .list, .record:
            var builder = ColumnBuilder(capacity: rows)
            for r in 0..<rows { builder.append(validity[r] ? .str(String(cString: cell(r))) : .null) }
            do { return try builder.finish() } catch { throw DatabaseError(kind: .query, message: "column '\(name)': \(error.message)") }
        }
    }

    /// A decimal integer as PostgreSQL prints int2/int4/int8; nil on anything else or overflow.
    static func parseInt(_ p: UnsafePointer<CChar>) -> Int? {
        var i = 0
        let negative = p[0] == CChar(UInt8(ascii: "-"))
        if negative { i = 1 }
        var value = 0
        var digits = 0
        while p[i] != 0 {
            let c = Int(UInt8(bitPattern: p[i])) - 48
            guard c >= 0, c <= 9 else { return nil }
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (s, o2) = negative ? m.subtractingReportingOverflow(c) : m.addingReportingOverflow(c)
            guard !o1, !o2 else { return nil }
            value = s
            digits += 1
            i += 1
        }
        return digits > 0 ? value : nil
    }

    /// `2021-06-30`, `12021-06-30` or `0044-03-15 BC` (DateStyle ISO); nil for `infinity` and
    /// dates beyond gzq's range. Read from libpq's bytes, with no String per cell.
    static func parseDate(_ p: UnsafePointer<CChar>) -> Int32? {
        var i = 0
        func number(maxDigits: Int) -> Int? {
            var v = 0
            let start = i
            while i - start < maxDigits, p[i] >= 48, p[i] <= 57 {
                v = v * 10 + Int(p[i] - 48)
                i += 1
            }
            return i > start ? v : nil
        }
        guard let y = number(maxDigits: 9), p[i] == 45 else { return nil }
        i += 1
        guard let m = number(maxDigits: 2), p[i] == 45 else { return nil }
        i += 1
        guard let d = number(maxDigits: 2) else { return nil }
        var bc = false
        if p[i] == 32, p[i + 1] == 66, p[i + 2] == 67 {          // " BC"
            bc = true
            i += 3
        }
        guard p[i] == 0 else { return nil }
        return CivilDate.days(year: bc ? 1 - y : y, month: m, day: d)
    }
}

import CSQLite
import Foundation

/// Reads a statement's rows into typed columns straight from `sqlite3_column_*` (no `Value`
/// per cell). A column's type comes from its declared type when the statement reads a table
/// column (`DATE`, `BOOLEAN` included), otherwise from the storage classes its cells hold.
enum SQLiteResultReader {
    static func read(_ statement: SQLiteStatement, db: OpaquePointer, timedOut: () -> Bool) throws -> Table {
        // Interrupted: a deadline is a timeout, anything else (Ctrl-C, cancel()) a cancellation.
        let st = statement.pointer
        let count = Int(sqlite3_column_count(st))
        var names: [String] = [], declared: [ColumnType?] = []
        for i in 0..<count {
            names.append(String(cString: sqlite3_column_name(st, Int32(i))))
            declared.append(sqlite3_column_decltype(st, Int32(i)).flatMap { SQLiteTypes.columnType(declared: String(cString: $0)) })
        }
        var builders = [TypedColumnBuilder](repeating: TypedColumnBuilder(), count: count)
        var rows = 0
        while true {
            let status = sqlite3_step(st)
            if status == SQLITE_DONE { break }
            guard status == SQLITE_ROW else {
                if status == SQLITE_INTERRUPT, timedOut() { throw DatabaseError(kind: .timeout, message: "the query ran past its time limit") }
                throw SQLiteStatement.failure(db, status)
            }
            for i in 0..<count { try append(st, Int32(i), declared[i] == .bool, to: &builders[i], name: names[i]) }
            rows += 1
        }
        var columns: [Column] = []
        for i in 0..<count {
            let column = builders[i].finish(datesFromStrings: declared[i] == .date)
            columns.append(try typed(column, declared: declared[i], name: names[i]))
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: rows)
    }

    /// One cell, by its storage class; BOOLEAN columns read 0/1 as false/true.
    @inline(__always)
    private static func append(_ st: OpaquePointer, _ i: Int32, _ isBool: Bool, to builder: inout TypedColumnBuilder, name: String) throws {
        let fits: Bool
        switch sqlite3_column_type(st, i) {
        case SQLITE_NULL:
            builder.appendNull()
            return
        case SQLITE_INTEGER:
            let n = Int(sqlite3_column_int64(st, i))
            if isBool, n == 0 || n == 1 { fits = builder.append(bool: n == 1) } else { fits = builder.append(int: n) }
        case SQLITE_FLOAT:
            fits = builder.append(float: sqlite3_column_double(st, i))
        case SQLITE_TEXT:
            let n = Int(sqlite3_column_bytes(st, i))
            guard let p = sqlite3_column_text(st, i) else { builder.appendNull(); return }
            guard let ok = builder.append(string: p, n) else {
                throw DatabaseError(kind: .unsupportedType, message: "column '\(name)' holds text that is not valid UTF-8")
            }
            fits = ok
        default:
            throw DatabaseError(kind: .unsupportedType, message: "column '\(name)' holds a BLOB, which gzq cannot read")
        }
        if !fits {
            throw DatabaseError(kind: .unsupportedType, message: "column '\(name)' mixes \(builder.kindName) with other kinds of values, which no gzq column type holds")
        }
    }

    /// A column of only nulls takes the declared type; a DATE column must hold ISO dates.
    private static func typed(_ column: Column, declared: ColumnType?, name: String) throws -> Column {
        guard let declared, column.type != declared else { return column }
        if column.count == 0 || column.isAllNull { return Column.nulls(column.count, of: declared) }
        if declared == .date, column.type == .string {
            let bad = column.values.first { v in v.stringValue.map { CivilDate.parse($0) == nil } ?? false }
            throw DatabaseError(kind: .unsupportedType, message: "column '\(name)' is DATE but holds \(bad.map(ValueFormatter.literal) ?? "text"), not an ISO date such as 2021-06-30")
        }
        if declared == .bool {
            throw DatabaseError(kind: .unsupportedType, message: "column '\(name)' is BOOLEAN but holds values other than 0 and 1")
        }
        return column  // SQLite's dynamic typing: the cells decide (an INTEGER column holding 2.5 is float)
    }
}

extension Column {
    /// `count` nulls of a given type.
    static func nulls(_ count: Int, of type: ColumnType) -> Column {
        let none = BitVector(count: count, value: false)
        switch type {
        case .int: return Column(storage: .int(Array(repeating: 0, count: count)), validity: none)
        case .float: return Column(storage: .float(Array(repeating: 0, count: count)), validity: none)
        case .bool: return Column(storage: .bool(BitVector(count: count, value: false)), validity: none)
        case .date: return Column(storage: .date(Array(repeating: 0, count: count)), validity: none)
        case .string: return Column(storage: .string(codes: Array(repeating: 0, count: count), dictionary: []), validity: none)
        case .list, .record: return Column(storage: .boxed(Array(repeating: .null, count: count)), validity: none)
        }
    }
}

/// Stops a running SQLite statement: past its deadline (`--timeout`) or when the program is
/// interrupted (Ctrl-C). A progress handler looks every 1000 virtual-machine steps.
final class SQLiteWatch {
    var deadline: Double?
    /// The interpreter's interrupt flag, read from the handler.
    var shouldStop: (() -> Bool)?
    private(set) var timedOut = false

    func install(on db: OpaquePointer) {
        sqlite3_progress_handler(db, 1000, { context in
            guard let context else { return 0 }
            return Unmanaged<SQLiteWatch>.fromOpaque(context).takeUnretainedValue().check() ? 1 : 0
        }, Unmanaged.passUnretained(self).toOpaque())
    }

    func start(timeout: Double?) {
        timedOut = false
        deadline = timeout.flatMap { $0 > 0 && $0 < 1e9 ? Date().timeIntervalSince1970 + $0 : nil }
    }

    private func check() -> Bool {
        if let deadline, Date().timeIntervalSince1970 > deadline {
            timedOut = true
            return true
        }
        return shouldStop?() ?? false
    }
}

import CPostgres
import Foundation

/// gzq values as PostgreSQL parameters `$1, $2, …`: each one text sent beside the statement
/// (libpq's `paramValues`), so no value can change what the statement means.
///
/// Strings go with no declared type, so the server gives them the type their place asks for
/// (a text column, a date column, `$1::int`); ints, floats, bools and dates declare theirs.
struct PostgresParameters {
    private(set) var texts: [String?] = []
    private(set) var types: [Oid] = []

    init(_ values: [Value]) throws {
        for (i, value) in values.enumerated() {
            switch value {
            case .null: append(nil, PostgresType.unknown)
            case .int(let v): append(String(v), PostgresType.int8)
            case .float(let v): append(Self.text(of: v), PostgresType.float8)
            case .bool(let v): append(v ? "t" : "f", PostgresType.bool)
            case .date(let d): append(Self.text(ofDate: d), PostgresType.date)
            case .string(let s):
                // libpq sends text parameters as C strings: a NUL would silently cut the value.
                guard !s.value.utf8.contains(0) else {
                    throw DatabaseError(kind: .usage, message: "parameter $\(i + 1) holds a NUL character, which PostgreSQL text cannot hold")
                }
                append(s.value, PostgresType.unknown)
            default:
                throw DatabaseError(kind: .usage, message: "parameter $\(i + 1) is a \(value.typeName); a query parameter must be an int, float, bool, string, date or null")
            }
        }
    }

    private mutating func append(_ text: String?, _ type: Oid) {
        texts.append(text)
        types.append(type)
    }

    /// Calls `body` with libpq's arrays (values, type OIDs, count); nil values are SQL NULL.
    func withPointers<R>(_ body: (UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<Oid>?, Int32) -> R) -> R {
        let copies: [UnsafeMutablePointer<CChar>?] = texts.map { $0.flatMap { strdup($0) } }
        defer { for p in copies { free(p) } }
        return copies.map { UnsafePointer($0) }.withUnsafeBufferPointer { values in
            types.withUnsafeBufferPointer { types in
                body(values.baseAddress, types.baseAddress, Int32(texts.count))
            }
        }
    }

    /// A float as PostgreSQL reads it back exactly (Swift's shortest round-trip digits).
    static func text(of v: Double) -> String {
        if v.isNaN { return "NaN" }
        if v.isInfinite { return v < 0 ? "-Infinity" : "Infinity" }
        return "\(v)"
    }

    /// A date in PostgreSQL's ISO form; years before 1 are written as `… BC` (year 0 is 1 BC).
    static func text(ofDate days: Int32) -> String {
        var bytes: [UInt8] = []
        appendDate(days, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The same text appended as bytes (COPY writes one per cell, so no String is made).
    static func appendDate(_ days: Int32, to buffer: inout [UInt8]) {
        let (y, m, d) = CivilDate.civil(days)
        appendDigits(y <= 0 ? 1 - y : y, width: 4, to: &buffer)
        buffer.append(45)
        appendDigits(m, width: 2, to: &buffer)
        buffer.append(45)
        appendDigits(d, width: 2, to: &buffer)
        if y <= 0 { buffer.append(contentsOf: Array(" BC".utf8)) }
    }

    /// A non-negative number in decimal, zero-padded to `width`.
    static func appendDigits(_ v: Int, width: Int, to buffer: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = v
        repeat {
            digits.append(UInt8(48 + rest % 10))
            rest /= 10
        } while rest > 0
        for _ in digits.count..<max(width, digits.count) { buffer.append(48) }
        buffer.append(contentsOf: digits.reversed())
    }
}

/// The type OIDs gzq reads and writes (`pg_type.oid`, fixed in every PostgreSQL).
enum PostgresType {
    static let unknown: Oid = 0
    static let bool: Oid = 16
    static let name: Oid = 19
    static let int8: Oid = 20
    static let int2: Oid = 21
    static let int4: Oid = 23
    static let text: Oid = 25
    static let float4: Oid = 700
    static let float8: Oid = 701
    static let bpchar: Oid = 1042
    static let varchar: Oid = 1043
    static let date: Oid = 1082
    static let numeric: Oid = 1700

    /// The gzq column type of a PostgreSQL type, or nil when gzq has none (REFERENCE §14).
    /// numeric becomes float (see docs/DECISIONS.md): cast to bigint in SQL to keep an int.
    static func columnType(_ oid: Oid) -> ColumnType? {
        switch oid {
        case int2, int4, int8: return .int
        case float4, float8, numeric: return .float
        case bool: return .bool
        case text, varchar, bpchar, name: return .string
        case date: return .date
        default: return nil
        }
    }

    /// The PostgreSQL type a gzq column is stored as by `write`.
    static func sqlName(_ type: ColumnType) -> String? {
        switch type {
        case .int: return "bigint"
        case .float: return "double precision"
        case .bool: return "boolean"
        case .string: return "text"
        case .date: return "date"
        case .list, .record: return nil
        }
    }
}

/// Keeps passwords out of messages: libpq may quote parts of a malformed connection string.
enum PostgresSecrets {
    /// `message` with every password found in `connectionString` (URL user info or a
    /// `password=` keyword, raw and percent-decoded) replaced by `***`.
    static func redact(_ message: String, connectionString: String) -> String {
        var result = message
        for secret in passwords(in: connectionString) where !secret.isEmpty {
            result = result.replacingOccurrences(of: secret, with: "***")
        }
        return result
    }

    static func passwords(in s: String) -> [String] {
        var found: [String] = []
        // URL: scheme://user:password@host… (the user info ends at the last @ before the path).
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let raw = String(authority[authority.index(after: colon)..<at])
                found.append(raw)
                if let decoded = raw.removingPercentEncoding { found.append(decoded) }
            }
            if let query = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: query)...].split(separator: "&") where pair.hasPrefix("password=") {
                    let raw = String(pair.dropFirst("password=".count))
                    found.append(raw)
                    if let decoded = raw.removingPercentEncoding { found.append(decoded) }
                }
            }
        }
        // Keyword string: password=secret or password='sec ret'.
        var search = s[...]
        while let r = search.range(of: "password") {
            var i = r.upperBound
            while i < search.endIndex, search[i] == " " { i = search.index(after: i) }
            guard i < search.endIndex, search[i] == "=" else { search = search[r.upperBound...]; continue }
            i = search.index(after: i)
            while i < search.endIndex, search[i] == " " { i = search.index(after: i) }
            var value = ""
            if i < search.endIndex, search[i] == "'" {
                i = search.index(after: i)
                while i < search.endIndex, search[i] != "'" {
                    if search[i] == "\\", search.index(after: i) < search.endIndex { i = search.index(after: i) }
                    value.append(search[i])
                    i = search.index(after: i)
                }
            } else {
                while i < search.endIndex, search[i] != " " { value.append(search[i]); i = search.index(after: i) }
            }
            found.append(value)
            search = search[i...]
        }
        // Longest first, so a password containing a shorter one is replaced whole.
        return found.sorted { $0.count > $1.count }
    }
}

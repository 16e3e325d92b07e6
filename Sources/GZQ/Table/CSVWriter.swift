/// Writes a table as CSV (REFERENCE §8): a header row, then one line per row, each ending in `\n`.
///
/// - Floats in the shortest form that reads back the same (`ValueFormatter.float`), so
///   `2.0` stays a float column when read back; booleans `true`/`false`; dates `2021-06-30`.
/// - `null` is an empty cell. An empty *string* is written `""`, the one quoting that is not
///   strictly RFC 4180's business: readers that tell the two apart (DuckDB, Polars) then get
///   back what was written. (gzq's `read_csv` reads both as null, per REFERENCE §8.)
/// - Otherwise a field is quoted only when it must be: it holds the separator, a quote, CR
///   or LF; quotes inside are doubled.
/// - Lines end in LF, not RFC 4180's CRLF, like pandas, Polars and DuckDB.
///
/// Built as bytes, column by column per row, with each distinct string of a column quoted
/// once (strings are dictionary-encoded), so writing millions of rows stays cheap.
enum CSVWriter {
    /// The whole file: header and rows, each line ending in `\n`.
    static func bytes(_ t: Table, separator: Unicode.Scalar = ",") -> [UInt8] {
        guard t.schema.count > 0 else { return [] }
        let sep = Array(String(separator).utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64 + t.rowCount * t.schema.count * 8)

        for (c, name) in t.schema.names.enumerated() {
            if c > 0 { out.append(contentsOf: sep) }
            // A file starting with U+FEFF reads as a byte order mark (skipped): quote such a first name.
            appendField(name, separator: separator, to: &out, quote: c == 0 && name.unicodeScalars.first == "\u{FEFF}")
        }
        out.append(0x0A)

        // Encoded dictionaries, when that is cheaper than encoding cell by cell.
        let encoded: [[[UInt8]]?] = t.columns.map { column in
            guard case .string(_, let dictionary) = column.storage, dictionary.count <= t.rowCount else { return nil }
            return dictionary.map { s in
                var field: [UInt8] = []
                appendField(s, separator: separator, to: &field)
                return field
            }
        }

        for i in 0..<t.rowCount {
            for (c, column) in t.columns.enumerated() {
                if c > 0 { out.append(contentsOf: sep) }
                guard column.isValid(i) else { continue }
                switch column.storage {
                case .int(let v): out.appendDecimal(v[i])
                case .float(let v): out.append(contentsOf: ValueFormatter.float(v[i]).utf8)
                case .bool(let v): out.append(contentsOf: v[i] ? "true".utf8 : "false".utf8)
                case .date(let v): out.append(contentsOf: CivilDate.format(v[i]).utf8)
                case .boxed(let v):
                    appendField(ValueFormatter.literal(v[i]), separator: separator, to: &out)
                case .string(let codes, let dictionary):
                    let code = Int(codes[i])
                    if let fields = encoded[c] { out.append(contentsOf: fields[code]) } else { appendField(dictionary[code], separator: separator, to: &out) }
                }
            }
            out.append(0x0A)
        }
        return out
    }

    /// The CSV text without its final newline (for `--format csv`).
    static func render(_ t: Table, separator: Unicode.Scalar = ",") -> String {
        var b = bytes(t, separator: separator)
        if b.last == 0x0A { b.removeLast() }
        return String(decoding: b, as: UTF8.self)
    }

    /// One field, quoted when RFC 4180 requires it (or when empty, to tell it from null).
    static func appendField(_ s: String, separator: Unicode.Scalar, to out: inout [UInt8], quote: Bool = false) {
        if !quote && !needsQuotes(s, separator: separator) {
            out.append(contentsOf: s.utf8)
            return
        }
        out.append(0x22)
        for byte in s.utf8 {
            if byte == 0x22 { out.append(0x22) }
            out.append(byte)
        }
        out.append(0x22)
    }

    static func needsQuotes(_ s: String, separator: Unicode.Scalar) -> Bool {
        if s.isEmpty { return true }
        if separator.isASCII {
            let sep = UInt8(separator.value)
            return s.utf8.contains { $0 == sep || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        }
        return s.unicodeScalars.contains { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" }
    }
}

extension Array where Element == UInt8 {
    /// Appends the decimal digits of `i` (no allocation; Int.min included).
    mutating func appendDecimal(_ i: Int) {
        if i < 0 { append(0x2D) }
        var magnitude = i.magnitude
        if magnitude < 10 {
            append(0x30 &+ UInt8(magnitude))
            return
        }
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 { digits += 1; rest /= 10 }
        var k = count + digits
        append(contentsOf: repeatElement(0x30, count: digits))
        while magnitude > 0 {
            k -= 1
            self[k] = 0x30 &+ UInt8(magnitude % 10)
            magnitude /= 10
        }
    }
}

/// Writes JSON (REFERENCE §8). A table is an array of objects, keys in column order, one row
/// per line so large files stay greppable and diffable:
///
///     [
///     {"region": "贵阳市", "year": 2021, "rate": 0.950625},
///     {"region": "六盘水市", "year": 2021, "rate": null}
///     ]
///
/// - Floats in the shortest form that reads back the same (`ValueFormatter.float`); NaN and
///   infinities, which JSON cannot express, are written `null`.
/// - Dates are strings `"2021-06-30"`; null is `null`.
/// - Strings escape `"`, `\` and control characters (`\n`, `\u001f`, …) and U+2028/U+2029
///   (so the output is also valid JavaScript); everything else, CJK included, stays UTF-8.
/// - Other values, for `--format json`: lists are arrays, records objects, functions the
///   string of their literal form (`"<fn f>"`).
enum JSONWriter {
    /// The table as a JSON document ending in a newline.
    static func bytes(_ t: Table) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(16 + t.rowCount * (t.schema.count * 16 + 4))
        appendTable(t, rowPerLine: true, to: &out)
        out.append(0x0A)
        return out
    }

    /// The table as JSON, without a final newline.
    static func render(_ t: Table) -> String {
        var out: [UInt8] = []
        appendTable(t, rowPerLine: true, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Any value as JSON, without a final newline (a table at the top level gets one row per line).
    static func render(_ v: Value) -> String {
        var out: [UInt8] = []
        if case .table(let t) = v { appendTable(t, rowPerLine: true, to: &out) } else { appendValue(v, to: &out) }
        return String(decoding: out, as: UTF8.self)
    }

    static func appendValue(_ v: Value, to out: inout [UInt8]) {
        switch v {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: b ? "true".utf8 : "false".utf8)
        case .int(let i): out.appendDecimal(i)
        case .float(let d): appendFloat(d, to: &out)
        case .date(let d): appendString(CivilDate.format(d), to: &out)
        case .string(let s): appendString(s.value, to: &out)
        case .list(let l):
            out.append(0x5B)
            for (k, item) in l.items.enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                appendValue(item, to: &out)
            }
            out.append(0x5D)
        case .record(let r):
            out.append(0x7B)
            for (k, (key, value)) in zip(r.keys, r.values).enumerated() {
                if k > 0 { out.append(contentsOf: ", ".utf8) }
                appendString(key, to: &out)
                out.append(contentsOf: ": ".utf8)
                appendValue(value, to: &out)
            }
            out.append(0x7D)
        case .table(let t): appendTable(t, rowPerLine: false, to: &out)
        case .function, .chart, .database, .remoteTable: appendString(ValueFormatter.literal(v), to: &out)
        }
    }

    static func appendFloat(_ d: Double, to out: inout [UInt8]) {
        if d.isFinite { out.append(contentsOf: ValueFormatter.float(d).utf8) } else { out.append(contentsOf: "null".utf8) }
    }

    static func appendTable(_ t: Table, rowPerLine: Bool, to out: inout [UInt8]) {
        if t.rowCount == 0 {
            out.append(contentsOf: "[]".utf8)
            return
        }
        // Keys and strings are escaped once, not once per row.
        let keys: [[UInt8]] = t.schema.names.enumerated().map { k, name in
            var key: [UInt8] = k > 0 ? Array(", ".utf8) : []
            appendString(name, to: &key)
            key.append(contentsOf: ": ".utf8)
            return key
        }
        let encoded: [[[UInt8]]?] = t.columns.map { column in
            guard case .string(_, let dictionary) = column.storage, dictionary.count <= t.rowCount else { return nil }
            return dictionary.map { s in
                var field: [UInt8] = []
                appendString(s, to: &field)
                return field
            }
        }
        out.append(contentsOf: rowPerLine ? "[\n".utf8 : "[".utf8)
        for i in 0..<t.rowCount {
            if i > 0 { out.append(contentsOf: rowPerLine ? ",\n".utf8 : ", ".utf8) }
            out.append(0x7B)
            for (c, column) in t.columns.enumerated() {
                out.append(contentsOf: keys[c])
                guard column.isValid(i) else {
                    out.append(contentsOf: "null".utf8)
                    continue
                }
                switch column.storage {
                case .int(let v): out.appendDecimal(v[i])
                case .float(let v): appendFloat(v[i], to: &out)
                case .bool(let v): out.append(contentsOf: v[i] ? "true".utf8 : "false".utf8)
                case .date(let v): appendString(CivilDate.format(v[i]), to: &out)
                case .string(let codes, let dictionary):
                    let code = Int(codes[i])
                    if let fields = encoded[c] { out.append(contentsOf: fields[code]) } else { appendString(dictionary[code], to: &out) }
                case .boxed(let v): appendValue(v[i], to: &out)
                }
            }
            out.append(0x7D)
        }
        out.append(contentsOf: rowPerLine ? "\n]".utf8 : "]".utf8)
    }

    /// A JSON string literal (RFC 8259), UTF-8 kept as is.
    static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        // Fast path: nothing to escape (0xE2 leads U+2028/U+2029, and many other characters).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            out.append(contentsOf: s.utf8)
            out.append(0x22)
            return
        }
        let hex = Array("0123456789abcdef".utf8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out.append(contentsOf: "\\\"".utf8)
            case "\\": out.append(contentsOf: "\\\\".utf8)
            case "\n": out.append(contentsOf: "\\n".utf8)
            case "\r": out.append(contentsOf: "\\r".utf8)
            case "\t": out.append(contentsOf: "\\t".utf8)
            case "\u{8}": out.append(contentsOf: "\\b".utf8)
            case "\u{C}": out.append(contentsOf: "\\f".utf8)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0x2028 || v == 0x2029 {
                    out.append(contentsOf: "\\u".utf8)
                    for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((v >> UInt32(shift)) & 0xF)]) }
                } else {
                    Unicode.UTF8.encode(scalar) { out.append($0) }
                }
            }
        }
        out.append(0x22)
    }
}

/// How values print (REFERENCE §8): strings bare at the top level, lists and records
/// as literals, floats in the shortest form that reads back the same.
public enum ValueFormatter {
    /// The literal form, as inside a list: `[1, "a", null]`, `{region: "贵阳市", n: 3}`.
    public static func literal(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return float(d)
        case .date(let d): return "@" + CivilDate.format(d)
        case .string(let s): return quoted(s.value)
        case .list(let l): return "[" + l.items.map(literal).joined(separator: ", ") + "]"
        case .record(let r):
            let fields = zip(r.keys, r.values).map { "\(name($0)): \(literal($1))" }
            return "{" + fields.joined(separator: ", ") + "}"
        case .table(let t): return "<table: \(t.rowCount) rows × \(t.schema.count) columns>"
        case .function(let f): return "<fn \(f.name)>"
        case .chart(let c): return c.summary
        case .database(let d): return "<database \(d.displayName)>"
        case .remoteTable(let r): return "<remote table: \(r.schema.count) columns in \(r.handle.displayName)>"
        }
    }

    /// Shortest round-trip form; whole numbers keep a `.0` so they read back as floats.
    public static func float(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return d.description
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            default: appendEscapingControls(scalar, to: &out)
            }
        }
        return out + "\""
    }

    /// Appends `scalar`, or, for a control character, its escape as gzq source writes it
    /// (`\n`, `\t`, `\r`, `\u{1B}`): shared by quoted strings and the table grid.
    static func appendEscapingControls(_ scalar: Unicode.Scalar, to out: inout String) {
        switch scalar {
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7F {
                out += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }

    /// A record key or column name, backquoted when it is not a plain identifier.
    static func name(_ s: String) -> String {
        Identifier.quotedIfNeeded(s)
    }
}

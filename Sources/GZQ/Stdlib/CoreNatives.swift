import Foundation

/// Printing, types, conversion, errors and timing (REFERENCE §7).
extension Builtins {
    static let core: [Builtin] = [
        Builtin("print", ["values"], variadic: true, options: ["rows"], pure: false,
                doc: """
                Prints its arguments separated by a space (a line break beside a table or a chart), then a newline. \
                Strings print bare; tables as aligned text (the first and last rows around a `...` row when there are \
                more than 40; `rows: n` shows n, 0 all); charts as text fitted to the terminal.
                """,
                example: "print(\"rate:\", 0.5)") { call in
            let shown = try PrintOptions(call)
            call.ctx.output(shown.joined(call.args) + "\n")
            return .null
        },
        Builtin("type", ["x"], doc: "The name of a value's type: null, bool, int, float, string, date, list, record, table, function, chart, database or remote_table.",
                example: "type(65.81%)") { call in
            .str(call[0].typeName)
        },
        Builtin("error", ["message"], pure: false, doc: "Raises a runtime error with this message; `try … catch e` receives it as e.message.",
                example: "try { error(\"bad\") } catch e { e.message }") { call in
            throw call.error(.userError, ValueFormatter.display(call[0]))
        },
        Builtin("clock", pure: false, doc: "Seconds (float) since an arbitrary fixed point, for measuring how long something took.",
                example: "let t0 = clock(); clock() >= t0") { _ in
            .float(Double(Clock.nanoseconds()) / 1e9)
        },
        Builtin("str", ["x"], doc: "The value as a string, as print shows it.", example: "str(42) + \"件\"") { call in
            .str(ValueFormatter.display(call[0]))
        },
        Builtin("int", ["x"], doc: "Converts to int: floats are truncated toward zero; strings are parsed; a string that does not parse is an error.",
                example: "int(\"18088\")") { call in
            try Conversion.toInt(call[0], call)
        },
        Builtin("float", ["x"], doc: "Converts to float: ints widen; strings are parsed; a string that does not parse is an error.",
                example: "float(\"0.6581\")") { call in
            try Conversion.toFloat(call[0], call)
        },
    ]
}

/// Conversions shared by `int`, `float` and the CSV reader's inference.
enum Conversion {
    static func toInt(_ v: Value, _ call: NativeCall) throws -> Value {
        switch v {
        case .null: return .null
        case .int: return v
        case .bool(let b): return .int(b ? 1 : 0)
        case .float(let d):
            guard let i = exactInt(d.rounded(.towardZero)) else {
                throw call.error(.intConversionOutOfRange, ValueFormatter.float(d))
            }
            return .int(i)
        case .string(let s):
            let text = s.value.trimmingCharacters(in: .whitespaces)
            guard let i = Int(text.replacingOccurrences(of: "_", with: "")), !text.isEmpty, !text.hasPrefix("_") else {
                throw call.error(.intParseFailed, ValueFormatter.quoted(s.value))
            }
            return .int(i)
        default:
            throw call.typeError(0, expected: Message(.expectsNumberBoolString))
        }
    }

    static func toFloat(_ v: Value, _ call: NativeCall) throws -> Value {
        switch v {
        case .null: return .null
        case .float: return v
        case .int(let i): return .float(Double(i))
        case .bool(let b): return .float(b ? 1 : 0)
        case .string(let s):
            let text = s.value.trimmingCharacters(in: .whitespaces)
            guard let d = parseDouble(text) else {
                throw call.error(.floatParseFailed, ValueFormatter.quoted(s.value))
            }
            return .float(d)
        default:
            throw call.typeError(0, expected: Message(.expectsNumberBoolString))
        }
    }

    /// Decimal notation only (no hex floats, no "nan"/"inf" words).
    static func parseDouble(_ text: String) -> Double? {
        guard !text.isEmpty, text.utf8.allSatisfy({ ($0 >= 48 && $0 <= 57) || $0 == 46 || $0 == 101 || $0 == 69 || $0 == 43 || $0 == 45 }),
              text.utf8.contains(where: { $0 >= 48 && $0 <= 57 })
        else { return nil }
        return Double(text)
    }

    /// A whole double as an Int, or nil when it is out of range or not finite (never traps).
    static func exactInt(_ d: Double) -> Int? {
        guard d.isFinite, d >= -0x1p63, d < 0x1p63 else { return nil }
        return Int(d)
    }
}

import Foundation

/// Writing tables to files (REFERENCE §7, §8). Impure: files go through the host's
/// `writeFile`, which is where the sandbox (`--sandbox`, an embedder's granted folders) applies.
extension Builtins {
    static let output: [Builtin] = [
        Builtin("write_csv", ["t", "path", "sep", "bom", "encoding"], defaults: [nil, nil, .str(","), .bool(false), .str("utf-8")], pure: false,
                doc: """
                Writes table t to a CSV file at path (relative to the working directory), replacing it: a header row, \
                then one line per row. Floats are written in the shortest form that reads back the same, booleans as \
                true/false, dates as 2021-06-30, null as an empty cell; a field is quoted only when it must be (it holds \
                the separator, a quote or a line break; an empty string is written "" to tell it from null). sep is a \
                single character, as for read_csv. `bom: true` starts the file with a UTF-8 byte order mark, so Excel \
                on Chinese Windows opens it as UTF-8 instead of as GBK; `encoding: "gb18030"` writes GB18030 instead \
                (what Chinese Excel reads without a BOM; "gbk" and "gb2312" write those smaller sets, and a character \
                they lack is an error). Returns null.
                """,
                example: "write_csv(t | where year == 2021, \"t_2021.csv\", bom: true); read_csv(\"t_2021.csv\")") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            let path = try call.string(1)
            let sep = try call.string(2)
            guard sep.unicodeScalars.count == 1, let scalar = sep.unicodeScalars.first, !"\"\r\n".unicodeScalars.contains(scalar) else {
                throw call.error(.writeCsvSeparatorInvalid, ValueFormatter.quoted(sep))
            }
            try write(call, path, CSVEncodedOutput.bytes(t, separator: scalar, call))
            return .null
        },
        Builtin("write_json", ["t", "path"], pure: false,
                doc: """
                Writes table t to a JSON file at path (relative to the working directory), replacing it: an array of \
                objects, one per row and one per line, keys in column order. Floats are written in the shortest form \
                that reads back the same (NaN and infinities as null), dates as "2021-06-30" strings, null as null; \
                strings keep Chinese text as UTF-8. read_json reads it back. Returns null.
                """,
                example: "write_json((t | summarize n = sum(n) by region), \"totals.json\"); read_json(\"totals.json\")") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            let path = try call.string(1)
            try write(call, path, JSONWriter.bytes(t))
            return .null
        },
    ]

    /// Writes through the host, turning a refusal or failure into a runtime error at the call.
    static func write(_ call: NativeCall, _ path: String, _ bytes: [UInt8]) throws {
        do {
            try call.ctx.host.writeFile(path, Data(bytes))
        } catch let error as FileAccessError {
            throw call.error(.inFunction, call.function.name, error.content)
        }
    }
}

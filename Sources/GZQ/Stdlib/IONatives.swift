import Foundation

/// Reading tables from files (SPEC §8). All file access goes through the host
/// (`HostConfiguration.readFile`), which enforces the sandbox.
extension Builtins {
    static let io: [Builtin] = [
        Builtin("read_csv", ["path", "sep"], defaults: [nil, .str(",")], pure: false,
                doc: """
                Reads a CSV file (RFC 4180) with a header row into a table. Each column's type is inferred from \
                its cells: int, float (ints and floats mixed), bool (true/false), date (YYYY-MM-DD), else string; \
                an empty cell is null, and a column with no value at all is a string column of nulls. Quoted \
                fields may hold separators, line breaks and doubled quotes; CRLF or LF line ends and a UTF-8 BOM \
                are accepted. `sep` is the one-character field separator. A malformed file (unterminated quote, \
                a row with more or fewer fields than the header, invalid UTF-8, an empty or duplicate column \
                name) is an error naming the file, line and column. A relative path is relative to the \
                current working directory.
                """,
                example: "read_csv(\"Samples/data/review_cases.csv\") | where year == 2021") { call in
            let path = try call.string(0)
            let sep = try call.string(1)
            guard sep.utf8.count == 1, let separator = sep.utf8.first, separator != UInt8(ascii: "\""),
                  separator != UInt8(ascii: "\n"), separator != UInt8(ascii: "\r") else {
                throw call.error("read_csv(): 'sep' must be one ASCII character other than a quote or a line break, not \(ValueFormatter.quoted(sep))")
            }
            let data = try IO.read(path, call)
            let table: Table
            do {
                table = try CSVReader.read(data: data, name: path, separator: separator, progress: IO.progress(path, data, call))
            } catch let error as TableReadError {
                throw call.error(error.description)
            }
            try call.ctx.noteTableBytes(table.byteSize, call.span)
            return .table(table)
        },
        Builtin("read_json", ["path"], pure: false,
                doc: """
                Reads a JSON file holding an array of objects, one object per row, into a table. Columns come \
                in the order their keys first appear; a key missing from an object is null there. A number \
                written without a fraction or exponent is an int (a float when it does not fit in 64 bits), \
                others are floats, and ints and floats mixed make a float column; strings, bools and null are \
                read as such, and a string column whose every value is an ISO date (2021-06-30) becomes a date \
                column. Nested arrays or objects, a key holding values of different types, and malformed JSON \
                are errors naming the file, line and column.
                """,
                example: "read_json(\"Samples/data/kindergartens.json\") | sort year") { call in
            let path = try call.string(0)
            let data = try IO.read(path, call)
            let table: Table
            do {
                table = try JSONReader.read(data: data, name: path, progress: IO.progress(path, data, call))
            } catch let error as TableReadError {
                throw call.error(error.description)
            }
            try call.ctx.noteTableBytes(table.byteSize, call.span)
            return .table(table)
        },
    ]
}

/// Helpers shared by the reading builtins.
enum IO {
    /// Files larger than this report progress to the host while they load.
    static let progressThreshold = 64 << 20

    /// The file's bytes, through the host (which enforces the sandbox).
    static func read(_ path: String, _ call: NativeCall) throws -> Data {
        do {
            return try call.ctx.host.readFile(path)
        } catch let error as FileAccessError {
            throw call.error(error.message)
        }
    }

    /// A progress callback for big files when the host wants one.
    static func progress(_ path: String, _ data: Data, _ call: NativeCall) -> ((Double) -> Void)? {
        guard data.count > progressThreshold, let report = call.ctx.host.progress else { return nil }
        return { fraction in report(path, fraction) }
    }
}

import Foundation

/// Completion inside a stage whose pipeline starts by reading a file: `read_csv("…") | where `
/// completes the columns of that file's header, read from its first line only, and only when
/// the host's file access allows the path (the sandbox). A header that cannot be read gives
/// no column names (never the columns of unrelated tables, each of which would be an error).
extension Session {
    /// Column names of the CSV file `path` (relative to the working directory), or nil.
    func csvHeaderColumns(path: String, separator: String) -> [String]? {
        CSVHeader.columns(path: path, separator: separator, host: interpreter.host)
    }
}

/// The header line of a CSV file, read without reading the file: for completion and `check`.
enum CSVHeader {
    /// The most a header line may take to read (a longer first line offers nothing).
    static let readLimit = 1 << 20

    /// Column names of the CSV file `path` (relative to the working directory), or nil when the
    /// host's file access refuses it or its first line cannot be read as a header.
    static func columns(path: String, separator: String, host: HostConfiguration) -> [String]? {
        guard separator.utf8.count == 1, let sep = separator.utf8.first,
              let canonical = try? host.authorize(path),
              let handle = FileHandle(forReadingAtPath: canonical) else { return nil }
        defer { try? handle.close() }
        var line: [UInt8] = []
        while line.count < readLimit {
            guard let chunk = try? handle.read(upToCount: 64 * 1024), !chunk.isEmpty else { break }
            if let end = chunk.firstIndex(of: UInt8(ascii: "\n")) {
                line.append(contentsOf: chunk[chunk.startIndex..<end])
                return names(line, separator: sep)
            }
            line.append(contentsOf: chunk)
        }
        return line.count < readLimit ? names(line, separator: sep) : nil
    }

    /// The names of a header line, parsed by the CSV reader itself (quotes, BOM, CR).
    private static func names(_ line: [UInt8], separator: UInt8) -> [String]? {
        guard !line.isEmpty, let table = try? CSVReader.read(bytes: line + [UInt8(ascii: "\n")], name: "<header>", separator: separator) else { return nil }
        return table.schema.names
    }
}

/// What feeds the pipeline the cursor is in, as far as completion can tell without running anything.
enum PipelineInput: Equatable {
    /// A plain variable: its table's columns.
    case variable(String)
    /// `read_csv("path")` or `read_csv("path", sep)` with literal strings: the file's header.
    case csvFile(path: String, separator: String)
    /// Another file reader: nothing is known about its columns.
    case unreadable
    /// Anything else (a call, an expression): the columns of the tables held in globals.
    case unknown

    /// The input from the tokens before the first `|`, after a `let name =` or `name =`.
    static func from(_ tokens: ArraySlice<Token>) -> PipelineInput {
        var head = tokens
        if head.first?.kind == .kwLet { head = head.dropFirst() }
        if head.count > 2, head.first?.kind == .identifier, head.dropFirst().first?.kind == .equal { head = head.dropFirst(2) }
        let parts = Array(head)
        if parts.count == 1, parts[0].kind == .identifier { return .variable(parts[0].name) }
        guard parts.count >= 4, parts[0].kind == .identifier, parts[1].kind == .leftParen, parts.last?.kind == .rightParen else { return .unknown }
        switch parts[0].name {
        case "read_csv":
            let arguments = Array(parts[2..<(parts.count - 1)])
            guard let path = literal(arguments.first) else { return .unreadable }
            if arguments.count == 1 { return .csvFile(path: path, separator: ",") }
            // `, ";"` or `, sep: ";"`; any other option (an encoding, skipped lines) is not read here.
            if arguments.count == 3, arguments[1].kind == .comma, let sep = literal(arguments[2]) { return .csvFile(path: path, separator: sep) }
            if arguments.count == 5, arguments[1].kind == .comma, arguments[2].kind == .identifier, arguments[2].name == "sep",
               arguments[3].kind == .colon, let sep = literal(arguments[4]) {
                return .csvFile(path: path, separator: sep)
            }
            return .unreadable
        case "read_json":
            return .unreadable
        default:
            return .unknown
        }
    }

    /// The text of a string literal without interpolation.
    private static func literal(_ token: Token?) -> String? {
        guard let token, token.kind == .string, case .pieces(let pieces) = token.value else { return nil }
        if pieces.isEmpty { return "" }
        guard pieces.count == 1, case .text(let text) = pieces[0] else { return nil }
        return text
    }
}

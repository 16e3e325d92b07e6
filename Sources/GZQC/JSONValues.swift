import Foundation
import GZQ

/// JSON text → `Value` for the C API, through the library's own JSON table reader
/// (`JSONReader`, which keeps key order and types columns) rather than a second parser:
///
/// - an array (of objects) is read as a table;
/// - one object is read as the one-row table `[obj]`, whose row is the record;
/// - a scalar is read as the cell of `[{"v": scalar}]`.
///
/// The wrapping is checked (one row, the one expected column), so text such as
/// `1}, {"v": 2` cannot smuggle in a different shape. Error positions are mapped back to
/// the caller's text. Nested arrays and objects are refused by the reader.
enum JSONValues {
    static func parse(_ text: String, name: String) throws -> Value {
        let trimmed = text.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        switch trimmed.first {
        case "[":
            return .table(try JSONReader.read(bytes: Array(text.utf8), name: name))
        case "{":
            let table = try read("[", text, "]", name: name)
            guard table.rowCount == 1 else { throw notOneValue(name) }
            return table.row(0)
        case nil:
            throw TableReadError(file: name, message: Message(.jsonValueMissing), line: 1, column: 1)
        default:
            let table = try read("[{\"v\": ", text, "}]", name: name)
            guard table.rowCount == 1, table.columnNames == ["v"], let column = table.column(named: "v") else {
                throw notOneValue(name)
            }
            return column.values[0]
        }
    }

    /// Reads `prefix + text + suffix`, reporting errors at positions in `text`.
    private static func read(_ prefix: String, _ text: String, _ suffix: String, name: String) throws -> Table {
        do {
            return try JSONReader.read(bytes: Array((prefix + text + suffix).utf8), name: name)
        } catch let error as TableReadError {
            let shift = prefix.count
            let column = error.line == 1 ? max(1, error.column - shift) : error.column
            // The reader numbers objects (`object #1`); for a lone object that is noise.
            let message = prefix == "[" ? error.message.replacingOccurrences(of: "object #1", with: "the object") : error.message
            throw TableReadError(file: name, message: message == error.message ? error.content : Message(.hostInput, message), line: error.line, column: column)
        }
    }

    private static func notOneValue(_ name: String) -> TableReadError {
        TableReadError(file: name, message: Message(.jsonValueNotSingle), line: 1, column: 1)
    }
}

/// Entry points for the libFuzzer targets in `Fuzz/` (docs/RELIABILITY.md): they reach the
/// lexer, the parser and the CSV reader, which are internal, from arbitrary bytes.
///
/// Not meant for embedders: the `Interpreter` and `CSVReader` APIs are the supported way in.
/// Each function never throws and must never crash, whatever the bytes; the value returned
/// only depends on the input (a summary, so the work cannot be optimized away).
public enum FuzzingEntryPoints {
    /// Parsing runs on a dedicated large-stack thread, as it does inside an `Interpreter`,
    /// so deep nesting meets the parser's own limit rather than the thread's stack.
    private static let interpreterThread = BigStackThread()

    /// Lexes and parses `bytes` as a gzq program (they need not be valid UTF-8), and works
    /// out the line and column of every syntax error as a diagnostic would.
    /// - Returns: the number of statements plus the number of syntax errors.
    /// - Precondition (checked): every error span lies inside the source.
    public static func parse(_ bytes: [UInt8]) -> Int {
        interpreterThread.sync {
            let file = SourceFile(name: "<fuzz>", bytes: bytes)
            let (statements, errors) = Parser.parseProgram(file, file: 0)
            for error in errors {
                let start = Int(error.span.start), end = Int(error.span.end)
                precondition(error.span.file == 0 && 0 <= start && start <= end && end <= bytes.count,
                             "syntax error span \(start)..<\(end) outside the source (\(bytes.count) bytes): \(error.message)")
                let (line, column) = file.location(of: start)
                precondition(line >= 1 && column >= 1)
                _ = file.lineText(line)
                _ = file.text(error.span)
            }
            return statements.count + errors.count
        }
    }

    /// Reads `bytes` as a CSV file (separator `,`) with `CSVReader`. When that succeeds the
    /// table is also rendered as a text table, written as CSV and JSON, and the CSV text read
    /// back, which must give a table of the same shape.
    /// - Returns: the number of rows read, or -1 when the bytes are not a valid CSV file.
    /// - Precondition (checked): a table written as CSV reads back with the same row and column counts.
    public static func readCSV(_ bytes: [UInt8]) -> Int {
        guard let table = try? CSVReader.read(bytes: bytes, name: "<fuzz>") else { return -1 }
        let value = Value.table(table)
        _ = OutputFormat.render(value, as: .table, maxWidth: 80)
        _ = OutputFormat.render(value, as: .json)
        _ = OutputFormat.render(value, as: .markdown)
        let csv = OutputFormat.render(value, as: .csv)
        guard table.schema.count > 0 else { return table.rowCount }
        do {
            let again = try CSVReader.read(bytes: Array((csv + "\n").utf8), name: "<fuzz-roundtrip>")
            precondition(again.rowCount == table.rowCount && again.schema.count == table.schema.count,
                         "CSV round trip changed the shape: \(table.rowCount)x\(table.schema.count) became \(again.rowCount)x\(again.schema.count)")
        } catch {
            preconditionFailure("CSV written by gzq does not read back: \(error)")
        }
        return table.rowCount
    }
}

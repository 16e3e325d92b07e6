/// Writes a table as a GitHub-flavoured markdown table, for pasting into reports:
///
///     | region   | year |     rate |
///     | -------- | ---: | -------: |
///     | 贵阳市   | 2021 | 0.950625 |
///     | 六盘水市 | 2021 |     null |
///
/// - Cells read as in the text table (`TableFormatter.cell`): in the column's display format
///   when it has one, else floats to 6 significant digits; `null` for null. Markdown is a display format, like the text table, not an
///   interchange one (that is CSV and JSON, which keep every digit).
/// - Numbers (int and float columns) are right-aligned (`---:`), the rest left.
/// - `|` and `\` in cells are backslash-escaped and line breaks become `<br>`, so a cell
///   never splits the row; other markdown inside a cell is left alone.
/// - Padded to display width (East Asian wide = 2) so the source reads aligned too.
/// - Every row is written: unlike the text table, nothing is elided.
enum MarkdownWriter {
    /// The table without a final newline; empty when it has no columns.
    static func render(_ t: Table) -> String {
        guard t.schema.count > 0 else { return "" }
        var columns: [(header: String, cells: [String], right: Bool, width: Int)] = []
        for (c, column) in t.columns.enumerated() {
            let header = escape(t.schema.names[c])
            let format = t.displayFormat(ofColumn: c)
            let cells = (0..<t.rowCount).map { escape(TableFormatter.cell(column, $0, format: format)) }
            var width = max(3, DisplayWidth.of(header))
            for cell in cells { width = max(width, DisplayWidth.of(cell)) }
            columns.append((header, cells, column.type == .int || column.type == .float, width))
        }

        func pad(_ s: String, _ width: Int, right: Bool) -> String {
            let spaces = String(repeating: " ", count: max(0, width - DisplayWidth.of(s)))
            return right ? spaces + s : s + spaces
        }
        func row(_ cells: [String]) -> String { "| " + cells.joined(separator: " | ") + " |" }

        var lines: [String] = []
        lines.reserveCapacity(t.rowCount + 2)
        lines.append(row(columns.map { pad($0.header, $0.width, right: $0.right) }))
        lines.append(row(columns.map { String(repeating: "-", count: $0.right ? $0.width - 1 : $0.width) + ($0.right ? ":" : "") }))
        for i in 0..<t.rowCount {
            lines.append(row(columns.map { pad($0.cells[i], $0.width, right: $0.right) }))
        }
        return lines.joined(separator: "\n")
    }

    /// Escapes what would break a table row: `|`, `\`, line breaks and other controls.
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7C || $0 == 0x5C || $0 == 0x7F }) else { return s }
        var out = ""
        var previousCR = false
        for scalar in s.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "|": out += "\\|"
            case "\\": out += "\\\\"
            case "\r": out += "<br>"
            case "\n": if !previousCR { out += "<br>" }
            case "\t": out += " "
            default: ValueFormatter.appendEscapingControls(scalar, to: &out)
            }
        }
        return out
    }
}

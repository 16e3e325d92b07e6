/// `write_html(items, path, title)`: one self-contained HTML page of tables, charts and
/// paragraphs, in order — the report a user hands on (REFERENCE §15).
///
/// Self-contained means no reference to anything outside the file: the CSS is inline, charts
/// are inline SVG (written without the SVG namespace URI, which HTML implies), and there is no
/// link, script, image or font URL, so the page opens the same offline and from an e-mail
/// attachment. Text is UTF-8 (declared first in `<head>`), and the font stack names the common
/// CJK fonts so Chinese renders with real glyphs on Linux, Windows and macOS.
enum HTMLReport {
    enum Item {
        case table(Table)
        case chart(Chart)
        case paragraph(String)
    }

    static func render(_ items: [Item], title: String?) -> String {
        var out = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title ?? "gzq report"))</title>
        <style>
        \(style)
        </style>
        </head>
        <body>
        <main>

        """
        if let title { out += "<h1>\(escape(title))</h1>\n" }
        for item in items {
            switch item {
            case .table(let t): out += table(t)
            case .chart(let c): out += "<figure>\n" + SVGChartWriter.render(c, standalone: false) + "</figure>\n"
            case .paragraph(let s): out += "<p>\(escape(s).replacingOccurrences(of: "\n", with: "<br>\n"))</p>\n"
            }
        }
        return out + "</main>\n</body>\n</html>\n"
    }

    static let style = """
    body { margin: 0; background: #f6f6f3; color: #1a1a1a;
           font-family: \(SVGChartWriter.fontStack); line-height: 1.7; }
    main { max-width: 860px; margin: 0 auto; padding: 24px 32px 48px; background: #ffffff; }
    h1 { font-size: 26px; margin: 8px 0 20px; }
    p { font-size: 16px; margin: 12px 0; }
    table { border-collapse: collapse; margin: 16px 0; font-size: 14px; }
    th, td { border: 1px solid #cfcfcf; padding: 4px 10px; }
    th { background: #eef1f5; font-weight: 600; }
    td.num { text-align: right; font-variant-numeric: tabular-nums; }
    td.null { color: #999999; }
    figure { margin: 16px 0; }
    svg { max-width: 100%; height: auto; }
    """

    /// A table with every row, cells in their display formats, numbers right-aligned.
    private static func table(_ t: Table) -> String {
        var out = "<table>\n<thead><tr>"
        for name in t.schema.names { out += "<th>\(escape(name))</th>" }
        out += "</tr></thead>\n<tbody>\n"
        for i in 0..<t.rowCount {
            out += "<tr>"
            for (c, column) in t.columns.enumerated() {
                let numeric = column.type == .int || column.type == .float
                let cls = !column.isValid(i) ? " class=\"null\"" : (numeric ? " class=\"num\"" : "")
                out += "<td\(cls)>\(escape(TableFormatter.cell(column, i, format: t.displayFormat(ofColumn: c))))</td>"
            }
            out += "</tr>\n"
        }
        return out + "</tbody>\n</table>\n"
    }

    static func escape(_ s: String) -> String { SVGChartWriter.escape(s) }
}

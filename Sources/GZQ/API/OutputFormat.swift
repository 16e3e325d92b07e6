/// How a result is printed by `gzq -e … --format F` and the REPL's `:format F` (REFERENCE §10).
///
/// Tables are where the formats differ. Other values print as `print` shows them, except in
/// `json`, which always produces one JSON value (so `--format json` output can be piped to a
/// JSON tool whatever the expression returns):
///
/// | value        | table / markdown / csv              | json                        |
/// |--------------|-------------------------------------|-----------------------------|
/// | table        | aligned text / GitHub table / CSV   | array of objects            |
/// | string       | bare text                           | `"贵阳市"`                   |
/// | list, record | literal `[1, "a"]`, `{n: 3}`        | array, object               |
/// | date         | `2021-06-30`                        | `"2021-06-30"`              |
/// | float        | shortest round trip, `2.0`          | same; NaN and ±inf → `null` |
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned plain-text table (the default); wide tables fitted to `maxWidth`.
    case table
    /// RFC 4180 CSV with a header row.
    case csv
    /// A JSON array of row objects.
    case json
    /// A GitHub-flavoured markdown table.
    case markdown

    /// `value` rendered in `format`, without a trailing newline.
    /// - maxWidth: for `table`, the display width to fit (the terminal's); ignored otherwise.
    /// - maxRows: for `table`, longer tables show their first and last rows around a `...` row.
    public static func render(_ value: Value, as format: OutputFormat, maxWidth: Int? = nil, maxRows: Int = 40) -> String {
        switch (format, value) {
        case (.table, .table(let t)): return TableFormatter.render(t, maxRows: maxRows, maxWidth: maxWidth)
        case (.csv, .table(let t)): return CSVWriter.render(t)
        case (.markdown, .table(let t)): return MarkdownWriter.render(t)
        case (.json, _): return JSONWriter.render(value)
        default: return ValueFormatter.display(value)
        }
    }
}

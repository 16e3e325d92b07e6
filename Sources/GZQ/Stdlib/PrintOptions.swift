/// How `print` shows its values: `rows:` for tables (SPEC §15: `print(t, rows: n)`, 0 = all),
/// and the host's display width for charts.
struct PrintOptions {
    let maxRows: Int
    let width: Int?

    init(_ call: NativeCall) throws {
        width = call.ctx.host.displayWidth
        switch call.options["rows"] {
        case nil, .null?: maxRows = TableFormatter.defaultMaxRows
        case .int(let n)? where n >= 0: maxRows = n == 0 ? Int.max : n
        case let other?:
            throw call.error("print(): 'rows' must be a non-negative int (0 shows every row), not \(ValueFormatter.literal(other))")
        }
    }

    func display(_ v: Value) -> String {
        switch v {
        case .table(let t): return TableFormatter.render(t, maxRows: maxRows)
        case .chart(let c): return TextChart.render(c, width: width)
        default: return ValueFormatter.display(v)
        }
    }
}

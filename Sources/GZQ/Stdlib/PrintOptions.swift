/// How `print` shows its values: `rows:` for tables (REFERENCE §15: `print(t, rows: n)`, 0 = all),
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
            throw call.error(.printRowsInvalid, ValueFormatter.literal(other))
        }
        if call.options["rows"] != nil, !call.args.contains(where: { if case .table = $0 { return true }; return false }) {
            throw call.error(.printRowsWithoutTable)
        }
    }

    /// The values' texts separated by a space, or by a line break where either neighbour is a
    /// table or a chart (several lines each: a space would glue one's last line to the next's first).
    func joined(_ values: [Value]) -> String {
        var out = ""
        var previousIsBlock = false
        for (i, v) in values.enumerated() {
            let isBlock: Bool
            switch v {
            case .table, .chart: isBlock = true
            default: isBlock = false
            }
            if i > 0 { out += isBlock || previousIsBlock ? "\n" : " " }
            out += display(v)
            previousIsBlock = isBlock
        }
        return out
    }

    func display(_ v: Value) -> String {
        switch v {
        case .table(let t): return TableFormatter.render(t, maxRows: maxRows)
        case .chart(let c): return TextChart.render(c, width: width)
        default: return ValueFormatter.display(v)
        }
    }
}

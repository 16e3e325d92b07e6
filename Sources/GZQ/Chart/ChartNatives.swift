import Foundation

/// Charts and reports (REFERENCE §15): `chart`, `sparkline`, `write_svg`, `write_html`, `write_markdown`.
extension Builtins {
    static let reports: [Builtin] = [
        Builtin("chart", ["t", "x", "y", "by", "kind", "title"], defaults: [nil, nil, nil, .null, .str("line"), .null],
                doc: """
                A chart of table t: x names the column along the bottom (its distinct values, ascending for numbers \
                and dates, else in order of first appearance), y the column of numbers to plot (or a list of columns, \
                one line or bar colour each), by a column whose values each get their own line or colour, kind is \
                "line" or "bar", title an optional heading. The y axis shows the y column's display format (see the \
                format stage); a null leaves a gap. print and the REPL show a chart as text fitted to the terminal; \
                write_svg and write_html draw it. More than one row for the same x (and by value) is an error: \
                summarize first.
                """,
                example: "chart((t | format rate = pct(0)), x: \"year\", y: \"rate\", by: \"region\", title: \"出庭率\")") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            let x = try call.string(1)
            let y: [String]
            switch call[2] {
            case .string(let s): y = [s.value]
            case .list(let l):
                y = try l.items.map { item in
                    guard case .string(let s) = item else { throw call.error(.chartYNotColumns) }
                    return s.value
                }
            default: throw call.typeError(2, expected: Message(.expectsColumnNameListColumnNames))
            }
            let by: String? = call[3].isNull ? nil : try call.string(3)
            guard let kind = Chart.Kind(rawValue: try call.string(4)) else {
                throw call.error(.chartKindInvalid, ValueFormatter.literal(call[4]))
            }
            let title: String? = call[5].isNull ? nil : try call.string(5)
            do throws(ChartBuilder.Failure) {
                return .chart(try ChartBuilder.build(t, x: x, y: y, by: by, kind: kind, title: title))
            } catch {
                throw call.error(.chartFailed, error.message)
            }
        },
        Builtin("sparkline", ["xs"],
                doc: """
                The trend of a list of numbers as one line of Braille characters, one per item, from ⣀ (the smallest) \
                to ⣿ (the largest); a null is a gap (a space). Braille is one column wide in every terminal, so a \
                sparkline lines up beside Chinese text in a table cell.
                """,
                example: "sparkline([0.2, 0.211, null, 0.1881, 0.25])") { call in
            let items = try call.list(0)
            var values: [Double?] = []
            for item in items {
                if item.isNull { values.append(nil); continue }
                guard let v = item.numberValue else { throw call.error(.sparklineItemType, item.typeName) }
                values.append(v)
            }
            return .str(Sparkline.render(values))
        },
        Builtin("write_svg", ["chart", "path"], pure: false,
                doc: """
                Writes a chart to a standalone SVG file at path, replacing it: title, axes with ticks (the y axis in \
                the y column's display format), the lines or bars, and a legend when the chart has a by column or \
                several y columns. Labels are text in a CJK font stack. Returns null.
                """,
                example: "write_svg(chart(t, x: \"year\", y: \"n\", by: \"region\", kind: \"bar\"), \"n.svg\")") { call in
            guard case .chart(let c) = call[0] else { throw call.typeError(0, expected: Message(.expectsChart)) }
            try write(call, try call.string(1), Array(SVGChartWriter.render(c, standalone: true).utf8))
            return .null
        },
        Builtin("write_html", ["items", "path", "title"], defaults: [nil, nil, .null], pure: false,
                doc: """
                Writes one self-contained HTML page at path, replacing it: the title as a heading, then each item \
                in order — a table (every row, in its display formats), a chart (inline SVG) or a string (a \
                paragraph). The page refers to no other file or URL, so it opens the same offline. Returns null.
                """,
                example: "write_html([\"两市出庭率：\", (t | format rate = pct(2)), chart(t, x: \"year\", y: \"rate\", by: \"region\")], \"report.html\", title: \"出庭率\")") { call in
            let items = try call.list(0)
            var parts: [HTMLReport.Item] = []
            for (k, item) in items.enumerated() {
                switch item {
                case .table(let t): parts.append(.table(t))
                case .chart(let c): parts.append(.chart(c))
                case .string(let s): parts.append(.paragraph(s.value))
                default: throw call.error(.writeHtmlItemType, k + 1, item.typeName)
                }
            }
            let title: String? = call[2].isNull ? nil : try call.string(2)
            try write(call, try call.string(1), Array(HTMLReport.render(parts, title: title).utf8))
            return .null
        },
        Builtin("write_markdown", ["t", "path"], pure: false,
                doc: """
                Writes table t to a markdown file at path, replacing it: a GitHub-style table of every row, cells in \
                their display formats, numbers right-aligned. Returns null.
                """,
                example: "write_markdown(t | take 3, \"t.md\")") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            try write(call, try call.string(1), Array((MarkdownWriter.render(t) + "\n").utf8))
            return .null
        },
    ]
}

/// A chart as text, for the REPL and `print` (REFERENCE §15), fitted to a display width.
///
/// Only characters that are one column wide in every terminal: Braille (U+2800–28FF, East
/// Asian width *neutral*) for lines, and ASCII for the frame, bars, markers and labels. Block
/// elements (▁…█) and box drawing (─│┌) are East Asian *ambiguous*: two columns in CJK
/// terminals set to treat ambiguous characters as wide, which would shear the chart beside
/// Chinese labels.
///
///     纠错率
///     24.00% |                ⢀⠔⠁
///     ...
///            +------------------------
///             2017    2019    2021
///
/// A line chart draws each series on a grid of Braille dots (2 × 4 per character); with more
/// than one series each data point carries the series' letter (a, b, …), named in the legend.
/// A bar chart draws one row per category and series, `#` bars from the zero line, and the
/// value at the end of the row.
enum TextChart {
    /// The width used when the display's is unknown (output not a terminal).
    static let defaultWidth = 72
    /// Plot rows of a line chart.
    static let plotRows = 10

    static func render(_ chart: Chart, width: Int?) -> String {
        let width = Swift.max(30, width ?? defaultWidth)
        var lines: [String] = []
        if let title = chart.title.map(TableFormatter.sanitize), !title.isEmpty {
            lines.append(DisplayWidth.of(title) > width ? TableFormatter.truncate(title, to: width) : title)
        }
        if chart.categories.isEmpty || chart.valueRange == nil {
            lines.append("(no data to chart)")
            return lines.joined(separator: "\n")
        }
        switch chart.kind {
        case .line: lines += lineChart(chart, width: width)
        case .bar: lines += barChart(chart, width: width)
        }
        lines += legend(chart, width: width)
        return lines.map(trimRight).joined(separator: "\n")
    }

    /// The series' marker letters: a, b, … z, then again from a.
    static func marker(_ k: Int) -> Character {
        Character(Unicode.Scalar(UInt8(ascii: "a") + UInt8(k % 26)))
    }

    // MARK: - Line chart

    private static func lineChart(_ chart: Chart, width: Int) -> [String] {
        let scale = ChartScale(chart)
        let tickLabels = scale.ticks.map(chart.label)
        let labelWidth = tickLabels.map { DisplayWidth.of($0) }.max() ?? 1
        let columns = Swift.max(10, width - labelWidth - 2)
        let rows = plotRows
        let dotsX = columns * 2, dotsY = rows * 4
        var dots = [[UInt8]](repeating: [UInt8](repeating: 0, count: columns), count: rows)
        var marks = [[Character?]](repeating: [Character?](repeating: nil, count: columns), count: rows)
        let n = chart.categories.count

        func dotX(_ k: Int) -> Int { n == 1 ? dotsX / 2 : (k * (dotsX - 1) + (n - 1) / 2) / (n - 1) }
        func dotY(_ v: Double) -> Int {
            let y = ((1 - scale.fraction(v)) * Double(dotsY - 1)).rounded()
            return Swift.min(dotsY - 1, Swift.max(0, Int(y)))
        }
        func set(_ x: Int, _ y: Int) {
            let bits: [[UInt8]] = [[0x01, 0x02, 0x04, 0x40], [0x08, 0x10, 0x20, 0x80]]
            dots[y / 4][x / 2] |= bits[x % 2][y % 4]
        }

        for (s, series) in chart.series.enumerated() {
            var previous: (Int, Int)?
            for (k, value) in series.values.enumerated() {
                guard let value, value.isFinite else { previous = nil; continue }
                let point = (dotX(k), dotY(value))
                if let previous { segment(from: previous, to: point, set) } else { set(point.0, point.1) }
                if chart.series.count > 1 { placeMark(marker(s), row: point.1 / 4, column: point.0 / 2, in: &marks) }
                previous = point
            }
        }

        var labelAt = [String?](repeating: nil, count: rows)
        for (tick, label) in zip(scale.ticks, tickLabels) { labelAt[dotY(tick) / 4] = label }
        var lines: [String] = []
        for r in 0..<rows {
            var line = pad(labelAt[r] ?? "", labelWidth) + " |"
            for c in 0..<columns {
                if let m = marks[r][c] {
                    line.append(m)
                } else if dots[r][c] == 0 {
                    line.append(" ")
                } else if let scalar = Unicode.Scalar(0x2800 + UInt32(dots[r][c])) {
                    line.unicodeScalars.append(scalar)
                }
            }
            lines.append(line)
        }
        lines.append(String(repeating: " ", count: labelWidth + 1) + "+" + String(repeating: "-", count: columns))
        lines.append(String(repeating: " ", count: labelWidth + 2) + xLabels(chart.categories, columns: columns, at: { dotX($0) / 2 }))
        return lines
    }

    /// Puts a series' letter at its point, or — when another series' letter holds that cell (close
    /// values) — in the nearest free cell above or below, then beside it, so that every series
    /// stays identifiable (nine prefectures with rates within a point of each other once showed
    /// five of their nine letters). A letter found nowhere free is left out.
    private static func placeMark(_ mark: Character, row: Int, column: Int, in marks: inout [[Character?]]) {
        let candidates = [(0, 0), (-1, 0), (1, 0), (-2, 0), (2, 0), (0, -1), (0, 1), (-1, -1), (1, 1), (-1, 1), (1, -1)]
        for (dr, dc) in candidates {
            let r = row + dr, c = column + dc
            guard marks.indices.contains(r), marks[r].indices.contains(c) else { continue }
            if marks[r][c] == nil || marks[r][c] == mark {
                marks[r][c] = mark
                return
            }
        }
    }

    /// Bresenham's line between two dots.
    private static func segment(from a: (Int, Int), to b: (Int, Int), _ set: (Int, Int) -> Void) {
        var (x, y) = a
        let dx = Swift.abs(b.0 - x), dy = -Swift.abs(b.1 - y)
        let sx = x < b.0 ? 1 : -1, sy = y < b.1 ? 1 : -1
        var error = dx + dy
        while true {
            set(x, y)
            if x == b.0 && y == b.1 { return }
            let e2 = 2 * error
            if e2 >= dy { error += dy; x += sx }
            if e2 <= dx { error += dx; y += sy }
        }
    }

    /// Category labels under the axis, each centred on its column where it fits without
    /// touching its neighbour (the first and the last are tried first, then the others in order).
    private static func xLabels(_ categories: [String], columns: Int, at column: (Int) -> Int) -> String {
        var cells = [String?](repeating: nil, count: columns + 1)
        var taken = [Bool](repeating: false, count: columns + 1)
        var order = [0]
        if categories.count > 1 { order.append(categories.count - 1) }
        order += (1..<Swift.max(1, categories.count - 1)).map { $0 }
        for k in order where k < categories.count {
            let label = TableFormatter.sanitize(categories[k])
            let w = DisplayWidth.of(label)
            var start = column(k) - w / 2
            start = Swift.max(0, Swift.min(start, columns - w))
            let end = start + w
            guard start >= 0, end <= columns else { continue }
            let lo = Swift.max(0, start - 1), hi = Swift.min(columns, end + 1)
            if (lo..<hi).contains(where: { taken[$0] }) { continue }
            for c in start..<end { taken[c] = true }
            cells[start] = label
        }
        var out = ""
        var c = 0
        while c < columns {
            if let label = cells[c] {
                out += label
                c += Swift.max(1, DisplayWidth.of(label))
            } else {
                out += " "
                c += 1
            }
        }
        return out
    }

    // MARK: - Bar chart

    private static func barChart(_ chart: Chart, width: Int) -> [String] {
        let scale = ChartScale(chart)
        let several = chart.series.count > 1
        let names = chart.categories.map(TableFormatter.sanitize)
        let nameWidth = Swift.min(width / 3, names.map { DisplayWidth.of($0) }.max() ?? 1)
        let valueLabels = chart.series.map { $0.values.map { $0.map(chart.label) ?? "null" } }
        let valueWidth = valueLabels.flatMap { $0 }.map { DisplayWidth.of($0) }.max() ?? 4
        let markerWidth = several ? 2 : 0
        let bar = Swift.max(10, width - nameWidth - markerWidth - 2 - 1 - valueWidth)
        func column(_ v: Double) -> Int { Swift.min(bar, Swift.max(0, Int((scale.fraction(v) * Double(bar)).rounded()))) }
        let zero = column(0)

        var lines: [String] = []
        for (k, name) in names.enumerated() {
            for (s, series) in chart.series.enumerated() {
                let shown = s > 0 ? "" : DisplayWidth.of(name) > nameWidth ? TableFormatter.truncate(name, to: nameWidth) : name
                var line = pad(shown, nameWidth, left: true) + " "
                if several { line += String(marker(s)) + " " }
                line += "|"
                var cells = [Character](repeating: " ", count: bar)
                if zero > 0, zero < bar { cells[zero] = "|" }
                if let v = series.values[k], v.isFinite {
                    let end = column(v)
                    let range = end >= zero ? zero..<end : end..<zero
                    for c in range where c < bar { cells[c] = "#" }
                    // A value too small for one column still shows, on its side of zero.
                    if range.isEmpty, v > 0 { cells[Swift.min(zero, bar - 1)] = "#" }
                    if range.isEmpty, v < 0 { cells[Swift.max(0, zero - 1)] = "#" }
                }
                line += String(cells) + " " + pad(valueLabels[s][k], valueWidth)
                lines.append(line)
            }
        }
        return lines
    }

    // MARK: - Shared

    /// `a 贵阳市  b 遵义市 …`, wrapped to the width; none for a single unnamed series.
    private static func legend(_ chart: Chart, width: Int) -> [String] {
        guard chart.hasLegend, chart.series.count > 1 else { return [] }
        var lines: [String] = []
        var line = ""
        for (s, series) in chart.series.enumerated() {
            let item = "\(marker(s)) \(TableFormatter.sanitize(series.name))"
            if !line.isEmpty, DisplayWidth.of(line) + 2 + DisplayWidth.of(item) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : "  ") + item
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    /// Right-aligned (or left-aligned) in `width` display columns.
    private static func pad(_ s: String, _ width: Int, left: Bool = false) -> String {
        let spaces = String(repeating: " ", count: Swift.max(0, width - DisplayWidth.of(s)))
        return left ? s + spaces : spaces + s
    }

    private static func trimRight(_ s: String) -> String {
        var out = Substring(s)
        while out.last == " " { out = out.dropLast() }
        return String(out)
    }
}

import Foundation

/// A chart as SVG (REFERENCE §15): title, y axis with grid lines and ticks in the y column's display
/// format, x axis with the category labels, lines with point markers (a null leaves a gap) or
/// grouped bars with their values, and a legend when the series come from `by` or several y
/// columns. Every label is a `<text>` element (searchable, selectable, rendered by the
/// viewer's fonts); the font stack names the common CJK fonts first, so Chinese labels find a
/// font with Han glyphs on Linux, Windows and macOS alike.
enum SVGChartWriter {
    static let width = 800.0
    static let height = 450.0
    static let fontStack = "'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', 'Microsoft YaHei', 'PingFang SC', 'Hiragino Sans GB', 'Heiti SC', SimHei, sans-serif"
    static let palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"]

    /// The SVG document. `standalone`: with the XML declaration and namespace, for a file of its
    /// own; without them for inline use in HTML, where the namespace is implied.
    static func render(_ chart: Chart, standalone: Bool) -> String {
        var out = ""
        if standalone { out += "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" }
        let namespace = standalone ? " xmlns=\"http://www.w3.org/2000/svg\"" : ""
        out += "<svg\(namespace) width=\"\(n(width))\" height=\"\(n(height))\" viewBox=\"0 0 \(n(width)) \(n(height))\" role=\"img\" font-family=\"\(fontStack)\">\n"
        out += "<title>\(escape(chart.title ?? chart.yNames.joined(separator: "、")))</title>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"#ffffff\"/>\n"
        guard !chart.categories.isEmpty, chart.valueRange != nil else {
            if let title = chart.title { out += text(title, x: width / 2, y: 30, size: 18, anchor: "middle", weight: "bold") }
            out += text("(no data)", x: width / 2, y: height / 2, size: 14, anchor: "middle", fill: "#666666")
            return out + "</svg>\n"
        }
        let scale = ChartScale(chart)
        let tickLabels = scale.ticks.map(chart.label)
        let legendItems = chart.hasLegend && chart.series.count > 1 ? chart.series.map(\.name) : []
        let legendWidth = legendItems.isEmpty ? 0 : 30 + (legendItems.map { textWidth($0, size: 13) }.max() ?? 0)
        let top = chart.title == nil ? 34.0 : 60.0
        let left = 18 + (tickLabels.map { textWidth($0, size: 12) }.max() ?? 20)
        let right = width - 20 - legendWidth
        let bottom = height - 56
        let plotWidth = right - left, plotHeight = bottom - top
        func yPos(_ v: Double) -> Double { bottom - scale.fraction(v) * plotHeight }

        if let title = chart.title { out += text(title, x: width / 2, y: 30, size: 18, anchor: "middle", weight: "bold") }
        out += text(chart.yNames.joined(separator: "、"), x: left, y: top - 12, size: 12, anchor: "start", fill: "#555555")
        // Grid lines and y ticks.
        out += "<g class=\"y-axis\">\n"
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = yPos(tick)
            out += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(right))\" y2=\"\(n(y))\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>\n"
            out += text(label, x: left - 8, y: y + 4, size: 12, anchor: "end", fill: "#333333")
        }
        out += "</g>\n"
        // Axes: the y line, and the x line at zero for bars (at the bottom for lines).
        let baseline = chart.kind == .bar ? yPos(Swift.min(Swift.max(0, scale.low), scale.high)) : bottom
        out += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        out += "<line x1=\"\(n(left))\" y1=\"\(n(baseline))\" x2=\"\(n(right))\" y2=\"\(n(baseline))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"

        // Category positions: band centres for bars, evenly spaced points for lines.
        let count = chart.categories.count
        let band = plotWidth / Double(count)
        func xPos(_ k: Int) -> Double {
            if chart.kind == .bar || count == 1 { return left + band * (Double(k) + 0.5) }
            let inset = Swift.min(24, plotWidth / 10)
            return left + inset + (plotWidth - 2 * inset) * Double(k) / Double(count - 1)
        }
        // x labels, every `step`-th when they would collide.
        let widest = chart.categories.map { textWidth($0, size: 12) }.max() ?? 10
        let spacing = chart.kind == .bar || count == 1 ? band : (plotWidth - 2 * Swift.min(24, plotWidth / 10)) / Double(count - 1)
        let step = Swift.max(1, Int(((widest + 8) / Swift.max(1, spacing)).rounded(.up)))
        out += "<g class=\"x-axis\">\n"
        for k in stride(from: 0, to: count, by: step) {
            let x = xPos(k)
            out += "<line x1=\"\(n(x))\" y1=\"\(n(bottom))\" x2=\"\(n(x))\" y2=\"\(n(bottom + 5))\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
            out += text(chart.categories[k], x: x, y: bottom + 20, size: 12, anchor: "middle", fill: "#333333")
        }
        out += "</g>\n"
        out += text(chart.xName, x: left + plotWidth / 2, y: height - 12, size: 12, anchor: "middle", fill: "#555555")

        switch chart.kind {
        case .line: out += lines(chart, xPos: xPos, yPos: yPos)
        case .bar: out += bars(chart, band: band, xPos: xPos, yPos: yPos, baseline: baseline)
        }

        if !legendItems.isEmpty {
            out += "<g class=\"legend\">\n"
            for (s, name) in legendItems.enumerated() {
                let y = top + 8 + Double(s) * 22
                let color = palette[s % palette.count]
                out += "<rect x=\"\(n(right + 16))\" y=\"\(n(y - 10))\" width=\"14\" height=\"12\" fill=\"\(color)\"/>\n"
                out += text(name, x: right + 36, y: y, size: 13, anchor: "start", fill: "#222222")
            }
            out += "</g>\n"
        }
        return out + "</svg>\n"
    }

    private static func lines(_ chart: Chart, xPos: (Int) -> Double, yPos: (Double) -> Double) -> String {
        var out = ""
        for (s, series) in chart.series.enumerated() {
            let color = palette[s % palette.count]
            out += "<g class=\"series\" stroke=\"\(color)\" fill=\"\(color)\">\n"
            // A null ends one polyline; the next value starts another.
            var run: [String] = []
            func flush() {
                if run.count > 1 { out += "<polyline points=\"\(run.joined(separator: " "))\" fill=\"none\" stroke-width=\"2.5\"/>\n" }
                run = []
            }
            for (k, value) in series.values.enumerated() {
                guard let value, value.isFinite else { flush(); continue }
                let x = xPos(k), y = yPos(value)
                run.append("\(n(x)),\(n(y))")
                out += "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"3.5\" stroke=\"none\"/>\n"
            }
            flush()
            out += "</g>\n"
        }
        return out
    }

    private static func bars(_ chart: Chart, band: Double, xPos: (Int) -> Double, yPos: (Double) -> Double, baseline: Double) -> String {
        var out = ""
        let groupWidth = band * 0.8
        let barWidth = groupWidth / Double(chart.series.count)
        let labelled = chart.categories.count * chart.series.count <= 40
        for (s, series) in chart.series.enumerated() {
            let color = palette[s % palette.count]
            out += "<g class=\"series\" fill=\"\(color)\">\n"
            for (k, value) in series.values.enumerated() {
                guard let value, value.isFinite else { continue }
                let x = xPos(k) - groupWidth / 2 + barWidth * Double(s)
                let y = yPos(value)
                let (y0, h) = y < baseline ? (y, baseline - y) : (baseline, y - baseline)
                out += "<rect x=\"\(n(x + 1))\" y=\"\(n(y0))\" width=\"\(n(Swift.max(1, barWidth - 2)))\" height=\"\(n(h))\"/>\n"
                if labelled {
                    let ly = value >= 0 ? y0 - 5 : y0 + h + 14
                    out += text(chart.label(value), x: x + barWidth / 2, y: ly, size: 11, anchor: "middle", fill: "#222222")
                }
            }
            out += "</g>\n"
        }
        return out
    }

    private static func text(_ s: String, x: Double, y: Double, size: Int, anchor: String, weight: String? = nil, fill: String = "#111111") -> String {
        let bold = weight.map { " font-weight=\"\($0)\"" } ?? ""
        return "<text x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(size)\" text-anchor=\"\(anchor)\" fill=\"\(fill)\"\(bold)>\(escape(s))</text>\n"
    }

    /// Roughly how wide a label is in pixels: wide (Han) characters a full em, others 0.6 em.
    static func textWidth(_ s: String, size: Double) -> Double {
        s.unicodeScalars.reduce(0) { $0 + (DisplayWidth.of($1) == 2 ? size : size * 0.6) }
    }

    /// A coordinate with at most one decimal.
    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        guard r.isFinite, r.magnitude < 1e9 else { return "0" }
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Text for XML content and attributes; C0 controls (illegal in XML 1.0) become spaces.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    out += " "
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}

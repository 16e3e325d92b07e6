/// `sparkline(xs)`: the trend of a list as one line of Braille, one character per item.
///
/// Braille (U+2800–28FF) is East Asian width *neutral*: one column in every terminal, so a
/// sparkline lines up in a table cell beside Chinese text. The familiar ▁▂▃▄▅▆▇█ are
/// *ambiguous* width (two columns in many CJK terminals) and are not used. Each character
/// fills both dot columns from the bottom up: ⣀ ⣤ ⣶ ⣿, four levels from the smallest value
/// to the largest; a null is a space (a gap). When every value is the same, all are ⣤.
enum Sparkline {
    static let levels: [Character] = ["⣀", "⣤", "⣶", "⣿"]

    static func render(_ values: [Double?]) -> String {
        let finite = values.compactMap { $0 }.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max() else {
            return String(repeating: " ", count: values.count)
        }
        var out = ""
        for value in values {
            guard let v = value, v.isFinite else { out.append(" "); continue }
            if hi == lo { out.append(levels[1]); continue }
            // Halved first, so the differences of huge values cannot overflow.
            let f = (v / 2 - lo / 2) / (hi / 2 - lo / 2)
            let k = f.isFinite ? Int((f * Double(levels.count - 1)).rounded()) : 0
            out.append(levels[Swift.min(levels.count - 1, Swift.max(0, k))])
        }
        return out
    }
}

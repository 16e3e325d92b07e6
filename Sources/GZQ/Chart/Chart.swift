/// A chart value (REFERENCE §15), what `chart(t, x:, y:, by:, kind:, title:)` returns: the data
/// already laid out as categories along x and one series of numbers per line or bar colour,
/// so the SVG writer and the text chart draw the same thing. Immutable, like tables.
public final class Chart {
    public enum Kind: String, Sendable {
        case line, bar
    }

    /// One line (or one colour of bars): a number or a gap (null) per category.
    public struct Series {
        public let name: String
        public let values: [Double?]
    }

    public let kind: Kind
    public let title: String?
    /// The x column's name (the axis title) and its distinct values, in axis order.
    public let xName: String
    public let categories: [String]
    /// The y columns' names (the axis title when there is one).
    public let yNames: [String]
    public let series: [Series]
    /// How y values are shown on the axis: the y column's display format, when it has one.
    public let yFormat: DisplayFormat?
    /// Whether the series come from `by` (or several y columns): a legend is drawn then.
    public let hasLegend: Bool

    init(kind: Kind, title: String?, xName: String, categories: [String], yNames: [String], series: [Series],
         yFormat: DisplayFormat?, hasLegend: Bool) {
        self.kind = kind
        self.title = title
        self.xName = xName
        self.categories = categories
        self.yNames = yNames
        self.series = series
        self.yFormat = yFormat
        self.hasLegend = hasLegend
    }

    /// The smallest and largest value over all series, nil when there is none.
    var valueRange: (min: Double, max: Double)? {
        let all = series.flatMap { $0.values.compactMap { $0 } }.filter(\.isFinite)
        guard let lo = all.min(), let hi = all.max() else { return nil }
        return (lo, hi)
    }

    /// A y value as the axis shows it: in the y format, else as a table cell shows a float.
    func label(_ y: Double) -> String {
        if let yFormat, let text = yFormat.text(.float(y)) { return text }
        if y.isFinite, y == y.rounded(), Swift.abs(y) < 1e15 { return String(Int(y)) }
        return TableFormatter.float(y)
    }

    /// The literal form: `<chart: line, 4 series × 5 points>`.
    var summary: String {
        "<chart: \(kind.rawValue), \(series.count) series × \(categories.count) points>"
    }
}

/// `print` and string interpolation draw tables and charts with their own renderers, so this
/// part of value formatting lives above Table/ and Chart/ (docs/ARCHITECTURE.md §3).
extension ValueFormatter {
    /// The form `print` and string interpolation use.
    public static func display(_ v: Value) -> String {
        switch v {
        case .string(let s): return s.value
        case .date(let d): return CivilDate.format(d)
        case .table(let t): return TableFormatter.render(t)
        case .chart(let c): return TextChart.render(c, width: nil)
        default: return literal(v)
        }
    }
}

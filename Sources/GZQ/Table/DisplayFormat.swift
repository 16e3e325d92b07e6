/// How a column is *shown* (REFERENCE §15 `format` stage): metadata beside the values, never a
/// change of them. Text tables, markdown, HTML and xlsx apply it; CSV and JSON ignore it.
public enum DisplayFormat: Equatable, Sendable {
    /// `pct(d)`: a fraction shown as a percent with `d` decimals (`0.1881` → `18.81%`).
    case pct(Int)
    /// `num(d)`: thousands separators and `d` decimals (`18088` → `18,088`).
    case num(Int)
    /// `cn(d)`: Chinese magnitudes 万/亿 with up to `d` decimals (`143000000` → `1.43亿`).
    case cn(Int)
    /// `fixed(d)`: exactly `d` decimals (`0.9506` → `0.95`).
    case fixed(Int)
}

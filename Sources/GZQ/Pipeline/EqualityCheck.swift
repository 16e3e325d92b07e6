/// An `==`/`!=` inside a stage, noted by the resolver so that the `ColumnBinder` can check
/// its operand types against the input schema before any row runs: `where year == "2021"`
/// on an int column is an error even when no row would reach it (a 0-row table, a
/// short-circuited `and`).
struct EqualityCheck {
    let left: Node
    let right: Node
    let op: BinaryOperator
    let span: Span
}

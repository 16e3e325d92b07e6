/// What stage expressions see while a stage runs: the table, the current row,
/// and — in summarize and derive — the rows of the current group or partition.
final class RowContext {
    let table: Table
    var index: Int = 0
    /// Row indices of the current group (summarize) or partition (derive), in order.
    var group: [Int] = []
    /// Position of `index` within `group` (derive).
    var position: Int = 0
    /// Per-partition results of aggregates and window functions, keyed by node.
    var cache: [ObjectIdentifier: CachedResult] = [:]

    enum CachedResult {
        case scalar(Value)
        case perRow([Value])
    }

    /// The group starts empty: summarize and derive set it before any aggregate runs.
    init(table: Table) {
        self.table = table
    }

    /// Evaluates `node` for every row of the group, in order (restores the current row).
    func evaluateOverGroup(_ node: Node, _ ctx: Context, _ frame: Frame) throws -> [Value] {
        let saved = index
        defer { index = saved }
        var out: [Value] = []
        out.reserveCapacity(group.count)
        for i in group {
            index = i
            out.append(try node.eval(ctx, frame))
        }
        return out
    }
}

/// What stage expressions see while a stage runs: the table, the current row, the binding
/// of the expression being evaluated, and — in summarize and derive — the rows of the
/// current group or partition with the results of its aggregates and windows.
final class RowContext {
    let table: Table
    var index: Int = 0
    /// Row indices of the current group (summarize) or partition (derive), in order.
    var group: [Int] = []
    /// Position of `index` within `group` (derive).
    var position: Int = 0
    /// The expression being evaluated, bound to `table`'s schema (`ColumnBinder`).
    private(set) var bound: BoundExpr?
    /// The current group's aggregate results by slot (nil: not computed yet). The batch
    /// engine stores its kernels' results here, errors included, so an error surfaces exactly
    /// where the tree engine would meet it.
    var aggregates: [AggregateResult?] = []
    /// The current partition's window results by slot.
    var windows: [[Value]?] = []

    /// The group starts empty: summarize and derive set it before any aggregate runs.
    init(table: Table) {
        self.table = table
    }

    /// Starts evaluating `expr` (its slots), with no aggregate or window computed.
    func enter(_ expr: BoundExpr) {
        bound = expr
        startGroup()
    }

    /// Forgets the aggregate and window results (a new group or partition begins).
    func startGroup() {
        let counts = (bound?.expr.aggregates.count ?? 0, bound?.expr.windows ?? 0)
        if aggregates.count != counts.0 || aggregates.contains(where: { $0 != nil }) {
            aggregates = Array(repeating: nil, count: counts.0)
        }
        if windows.count != counts.1 || windows.contains(where: { $0 != nil }) {
            windows = Array(repeating: nil, count: counts.1)
        }
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

/// An aggregate's result for one group: its value, or the error computing it raised.
enum AggregateResult {
    case value(Value)
    case error(RuntimeError)

    func get() throws -> Value {
        switch self {
        case .value(let v): return v
        case .error(let e): throw e
        }
    }
}

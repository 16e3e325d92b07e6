/// A stage expression as the resolver leaves it: the tree, and the column references,
/// aggregates and windows found in it, each with its slot. The `ColumnBinder` binds it
/// against an input schema (`BoundExpr`).
struct StageExpr {
    let node: Node
    let key: BindingKey
    let refs: [ColumnRef]
    /// Aggregates inside the expression (summarize and derive), by slot.
    let aggregates: [AggregateNode]
    /// How many window functions the expression holds (derive).
    let windows: Int
    let span: Span
    /// `==`/`!=` inside the expression (the binder checks their operand types).
    var equalities: [EqualityCheck] = []

    var hasWindow: Bool { windows > 0 }
}

/// `name = expr` in select, derive, summarize and by.
struct StageColumn {
    let name: String
    let nameSpan: Span
    let expr: StageExpr
}

extension Context {
    /// Evaluates a bound expression for every row of `table`, in order (the tree engine).
    func evaluateRows(_ expr: BoundExpr, _ table: Table, _ frame: Frame) throws -> [Value] {
        let row = RowContext(table: table)
        row.enter(expr)
        self.row = row
        var out: [Value] = []
        out.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            row.index = i
            if i & 1023 == 1023 { try poll(expr.span) }
            out.append(try expr.node.eval(self, frame))
        }
        host.planStatistics.treeRows += table.rowCount
        return out
    }
}

/// Builds a column from stage results, reporting type clashes at the expression.
func makeColumn(_ values: [Value], name: String, span: Span) throws -> Column {
    do {
        return try ColumnBuilder.build(values)
    } catch {
        throw RuntimeError(.inColumn, name, error.message, at: span)
    }
}

/// `input | stage`: evaluates the input, checks it is a table, runs the stage.
protocol StageOperation: AnyObject {
    /// The stage's name, for error messages.
    var name: String { get }
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table
}

final class StageNode: Node {
    let input: Node
    let operation: StageOperation

    init(input: Node, operation: StageOperation, span: Span) {
        self.input = input
        self.operation = operation
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let saved = ctx.row
        defer { ctx.row = saved }
        if let fused = try evalFusedWhereSummarize(ctx, frame) { return fused }
        let table = try inputTable(input, operation, ctx, frame)
        try ctx.poll(span)
        let result = try operation.run(ctx, frame, table)
        if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(result.byteSize, span) }
        return .table(result)
    }

    private func inputTable(_ node: Node, _ operation: StageOperation, _ ctx: Context, _ frame: Frame) throws -> Table {
        let value = try node.eval(ctx, frame)
        guard case .table(let table) = value else {
            throw RuntimeError(.stageNeedsTable, operation.name, value.typeName, at: span)
        }
        return table
    }

    /// `t | where p | summarize …`: on the fast path the filtered table is never built; the
    /// selection feeds the grouping directly. Otherwise the two stages run one after the other.
    private func evalFusedWhereSummarize(_ ctx: Context, _ frame: Frame) throws -> Value? {
        guard let summarize = operation as? SummarizeStage, summarize.total == nil, let inner = input as? StageNode,
              let filter = inner.operation as? WhereStage, ctx.host.engine != .tree else { return nil }
        let table = try inner.inputTable(inner.input, filter, ctx, frame)
        let result: Table
        if VectorEngine.applies(ctx, rows: table.rowCount), let fused = try summarize.runVector(ctx, frame, table, predicate: filter.predicate) {
            result = fused
        } else {
            let filtered = try filter.run(ctx, frame, table)
            if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(filtered.byteSize, inner.span) }
            result = try summarize.run(ctx, frame, filtered)
        }
        if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(result.byteSize, span) }
        return .table(result)
    }
}

/// A stage expression with the column references found in it, bound per schema.
struct StageExpr {
    let node: Node
    let refs: [ColumnRef]
    /// Aggregates inside the expression (summarize and derive), outermost first.
    let aggregates: [AggregateNode]
    let hasWindow: Bool
    let span: Span
    /// `==`/`!=` whose operand types the table tells (checked before any row runs).
    var equalities: [EqualityCheck] = []

    /// Whether every name binds in this schema (the fast path declines otherwise,
    /// so that the tree path reports the error).
    func binds(in schema: Schema) -> Bool {
        refs.allSatisfy { $0.variable != nil || schema.index(of: $0.name) != nil }
    }

    /// Checks names, and number/date-with-string equality, against the table before rows run.
    func validate(_ table: Table) throws {
        for ref in refs { try ref.validate(table.schema) }
        for check in equalities { try check.validate(table) }
    }
}

/// `name = expr` in select, derive, summarize and by.
struct StageColumn {
    let name: String
    let nameSpan: Span
    let expr: StageExpr
}

extension Context {
    /// Evaluates `expr` for every row of `table`, in order.
    func evaluateRows(_ expr: StageExpr, _ table: Table, _ frame: Frame) throws -> [Value] {
        try expr.validate(table)
        let row = RowContext(table: table)
        self.row = row
        var out: [Value] = []
        out.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            row.index = i
            if i & 1023 == 1023 { try poll(expr.span) }
            out.append(try expr.node.eval(self, frame))
        }
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

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
        let value = try input.eval(ctx, frame)
        guard case .table(let table) = value else {
            throw RuntimeError("'\(operation.name)' needs a table, got \(value.typeName)", at: span)
        }
        let saved = ctx.row
        defer { ctx.row = saved }
        let result = try operation.run(ctx, frame, table)
        if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(result.byteSize, span) }
        return .table(result)
    }
}

/// A stage expression with the column references found in it, bound per schema.
struct StageExpr {
    let node: Node
    let refs: [ColumnRef]
    let span: Span

    func validate(_ schema: Schema) throws {
        for ref in refs { try ref.validate(schema) }
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
        try expr.validate(table.schema)
        let row = RowContext(table: table)
        self.row = row
        var out: [Value] = []
        out.reserveCapacity(table.rowCount)
        for i in 0..<table.rowCount {
            row.index = i
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
        throw RuntimeError("column '\(name)': \(error.message)", at: span)
    }
}

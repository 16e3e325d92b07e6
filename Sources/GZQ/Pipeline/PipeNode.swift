/// A stage's operation: what runs when a plan step meets its input table. Each binds its
/// expressions first (`ColumnBinder`), then decides its engine once (`BatchEngine`).
protocol StageOperation: AnyObject {
    /// The stage's name, for error messages.
    var name: String { get }
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table
}

/// `source | stage | stage …`: evaluates the plan's source, checks it is a table, and runs the
/// steps in order (docs/ARCHITECTURE.md §6).
final class PipeNode: Node {
    let plan: Plan

    init(plan: Plan, span: Span) {
        self.plan = plan
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let saved = ctx.row
        defer { ctx.row = saved }
        let value = try plan.source.eval(ctx, frame)
        guard case .table(var table) = value else {
            let first = plan.steps.first
            throw RuntimeError("'\(first?.operation.name ?? "stage")' needs a table, got \(value.typeName)", at: first?.span ?? span)
        }
        for (number, step) in plan.steps.enumerated() {
            ctx.host.planTrace?("step \(number + 1): \(step.title)")
            try ctx.poll(step.span)
            table = try run(step, ctx, frame, table)
            if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(table.byteSize, step.span) }
        }
        return .table(table)
    }

    private func run(_ step: PlanStep, _ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        switch step.kind {
        case .aggregate(let summarize, let filter?, let filterSpan):
            return try summarize.runFused(filter, filterSpan: filterSpan ?? step.span, ctx, frame, table)
        default:
            return try step.operation.run(ctx, frame, table)
        }
    }
}

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
        if case .remoteTable(let remote) = value { return try runRemote(remote, ctx, frame) }
        guard case .table(let table) = value else {
            let first = plan.steps.first
            throw RuntimeError(.stageNeedsTable, first?.operation.name ?? "stage", value.typeName, at: first?.span ?? span)
        }
        return .table(try runLocal(plan.steps[...], on: table, ctx, frame))
    }

    /// Runs `steps` on a local table, in order.
    private func runLocal(_ steps: ArraySlice<PlanStep>, on input: Table, _ ctx: Context, _ frame: Frame) throws -> Table {
        var table = input
        for (number, step) in zip(steps.indices, steps) {
            ctx.host.planTrace?("step \(number + 1): \(step.title)")
            try ctx.poll(step.span)
            table = try run(step, ctx, frame, table)
            if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(table.byteSize, step.span) }
        }
        return table
    }

    /// A remote table's input (REFERENCE §14): the plan's steps extend its query while they have
    /// an SQL form (`SQLStages`); the first that has none pulls the rows of the query so far, and
    /// it and the steps after it run locally. A fused `where | summarize` step is pushed as its
    /// two stages, so the `where` can go to the database even when the `summarize` cannot.
    private func runRemote(_ input: RemoteTable, _ ctx: Context, _ frame: Frame) throws -> Value {
        var remote = input
        for (number, step) in plan.steps.enumerated() {
            var operations: [StageOperation] = [step.operation]
            if case .aggregate(let summarize, let filter?, _) = step.kind { operations = [filter, summarize] }
            var pushed = 0
            while pushed < operations.count, let extended = SQLStages.apply(operations[pushed], to: remote, ctx, frame) {
                remote = extended
                pushed += 1
            }
            if pushed == operations.count { continue }
            ctx.host.planTrace?("step \(number + 1): \(step.title) runs locally on the rows pulled from the database")
            var table = try remote.pull(ctx, at: step.span)
            if pushed == 0 {
                table = try run(step, ctx, frame, table)
            } else {
                for operation in operations[pushed...] { table = try operation.run(ctx, frame, table) }
            }
            if ctx.host.limits.maxMemoryBytes != nil { try ctx.noteTableBytes(table.byteSize, step.span) }
            return .table(try runLocal(plan.steps[(number + 1)...], on: table, ctx, frame))
        }
        return .remoteTable(remote)
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

/// The plan of one pipeline `source | stage | stage …` (docs/ARCHITECTURE.md §6): the
/// expression that produces the input table (the scan) and the steps that follow, in order.
/// It is plain data, built once by the `Planner` when the resolver meets the pipeline, and read
/// by everything that runs or shows a pipeline: `PipeNode` (both local engines, one engine
/// decision per step), `:bytecode`, and the consumers to come (an SQL compiler pushing a prefix
/// of steps into one query; a morsel executor splitting `filter`/`aggregate` steps over threads).
///
/// Steps hold the stage operations and their stage expressions (`StageExpr`: the resolved
/// tree plus the column references, aggregates and windows found in it). Those expressions are
/// bound to column indices and types by the `ColumnBinder` when the step meets its input
/// schema, before any row runs; the binding is per run, because the input schema is a value.
struct Plan {
    /// The scan: any expression giving a table (a variable, `read_csv(…)`, another pipeline).
    let source: Node
    let steps: [PlanStep]
}

/// One step of a plan: what it does, with the span of its `| stage` (for errors and limits).
struct PlanStep {
    enum Kind {
        /// `where p`: keeps the rows where `p` is truthy.
        case filter(WhereStage)
        /// `summarize … by …`, fused with the `where` before it when there is one (the Planner's
        /// fusion rule): the filtered table is never built on the batch engine.
        case aggregate(SummarizeStage, filter: WhereStage?, filterSpan: Span?)
        /// `derive`: computed columns, with aggregates and windows over partitions.
        case derive(DeriveStage)
        /// `select`: computed and kept columns.
        case project(SelectStage)
        /// `sort k [desc], …`.
        case sort(SortStage)
        /// `check cond, … [warn]`.
        case check(CheckStage)
        /// Stages that work on whole tables by column name and run the same on every engine:
        /// take, distinct, rename, drop, join, append, pivot, format, complete, unpivot.
        case table(StageOperation)
    }

    let kind: Kind
    let span: Span

    /// The operation whose name errors use for this step's input ("'where' needs a table").
    var operation: StageOperation {
        switch kind {
        case .filter(let s): return s
        case .aggregate(let s, let filter, _): return filter ?? s
        case .derive(let s): return s
        case .project(let s): return s
        case .sort(let s): return s
        case .check(let s): return s
        case .table(let s): return s
        }
    }

    /// How `:bytecode` names the step.
    var title: String {
        switch kind {
        case .filter: return "filter (where)"
        case .aggregate(_, let filter, _): return filter == nil ? "aggregate (summarize)" : "aggregate (where + summarize, fused)"
        case .derive: return "derive"
        case .project: return "project (select)"
        case .sort: return "sort"
        case .check: return "check"
        case .table(let s): return s.name
        }
    }
}

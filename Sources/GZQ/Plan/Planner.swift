/// Turns resolved stages into a `Plan`, one stage at a time as the resolver meets
/// `input | stage`. Fusion is decided here, once, as a rule on the plan's shape — never by
/// looking at node types while evaluating.
enum Planner {
    /// The pipe node for `input | stage`: a new plan over `input`, or `input`'s plan with
    /// one more step when `input` is itself a pipeline.
    static func pipe(_ input: Node, _ kind: PlanStep.Kind, span: Span) -> PipeNode {
        guard let pipe = input as? PipeNode else {
            return PipeNode(plan: Plan(source: input, steps: [PlanStep(kind: kind, span: span)]), span: span)
        }
        return PipeNode(plan: append(pipe.plan, kind, span: span), span: span)
    }

    /// Fusion rule: `where p | summarize … [by …]` (without `total`) is one aggregate step
    /// over the rows `p` keeps. `total` needs the filtered table twice, so it stays apart.
    static func append(_ plan: Plan, _ kind: PlanStep.Kind, span: Span) -> Plan {
        var steps = plan.steps
        if case .aggregate(let summarize, nil, _) = kind, summarize.total == nil, let last = steps.last,
           case .filter(let filter) = last.kind {
            steps[steps.count - 1] = PlanStep(kind: .aggregate(summarize, filter: filter, filterSpan: last.span), span: span)
            return Plan(source: plan.source, steps: steps)
        }
        return Plan(source: plan.source, steps: steps + [PlanStep(kind: kind, span: span)])
    }
}

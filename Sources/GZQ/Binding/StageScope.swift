/// Name resolution inside a table stage: a bare name is the column of that name
/// when the table has one, otherwise the variable. Each reference, aggregate and window
/// gets a slot in its expression; the `ColumnBinder` fills the slots against the input
/// schema before any row runs. Aggregates and window functions become their own nodes
/// where the stage allows them.
final class StageScope {
    enum Kind {
        /// where, select, sort: one row at a time.
        case rows
        /// summarize: aggregates over the group.
        case summarize
        /// derive: aggregates and window functions over the partition.
        case derive
    }

    let kind: Kind
    /// Identifies the expression being resolved: its nodes read their slots only from this
    /// expression's binding.
    private(set) var key = BindingKey()
    private(set) var refs: [ColumnRef] = []
    private(set) var aggregates: [AggregateNode] = []
    private(set) var windows = 0
    private(set) var equalities: [EqualityCheck] = []
    private var aggregateDepth = 0

    init(kind: Kind) { self.kind = kind }

    func columnReference(_ name: String, variable: Node?, span: Span) -> Node {
        let ref = ColumnRef(name: name, variable: variable, insideAggregate: aggregateDepth > 0, key: key, slot: refs.count, span: span)
        refs.append(ref)
        return ref
    }

    /// An `==`/`!=` to check against the table before rows run (`EqualityCheck`).
    func noteEquality(_ check: EqualityCheck) { equalities.append(check) }

    /// Collects the references, aggregates and windows found while resolving one expression.
    func take() -> (key: BindingKey, refs: [ColumnRef], aggregates: [AggregateNode], windows: Int, equalities: [EqualityCheck]) {
        defer {
            key = BindingKey()
            refs = []
            aggregates = []
            windows = 0
            equalities = []
        }
        return (key, refs, aggregates, windows, equalities)
    }

    /// `col("x")`, aggregates and window functions; nil for an ordinary call.
    func specialCall(_ name: String, _ builtin: Value, _ arguments: [Argument], span: Span, resolver: Resolver) -> Node? {
        if name == "col" {
            guard arguments.count == 1, arguments[0].label == nil else {
                resolver.report(.colTakesOneName, span: span)
                return ConstantNode(.null, span: span)
            }
            if case .string(let parts) = arguments[0].value.kind, parts.count == 1, case .text(let text) = parts[0] {
                return columnReference(text, variable: nil, span: arguments[0].value.span)
            }
            return DynamicColumnRef(nameNode: resolver.resolve(arguments[0].value), span: span)
        }
        if kind != .rows, let aggregate = AggregateKind.named(name), aggregate.accepts(arguments.count), aggregateDepth == 0 {
            let ordered = resolver.orderArguments(arguments, parameters: aggregate.parameters.map { ($0, aggregate == .count ? Value.null : nil) }, function: name, span: span)
            aggregateDepth += 1
            defer { aggregateDepth -= 1 }
            let node = AggregateNode(kind: aggregate, arguments: ordered.compactMap { $0.map(resolver.resolve) }, key: key, slot: aggregates.count, span: span)
            aggregates.append(node)
            return node
        }
        if kind == .rows, AggregateKind.named(name) != nil, aggregateDepth == 0, let first = arguments.first,
           case .name(let column) = first.value.kind, resolver.lookup(column) == nil {
            // A bare name that is no variable is a column: one value per row, not a list.
            resolver.report(HabitHints.aggregateInRowStage(name, column: column), span)
            return ConstantNode(.null, span: span)
        }
        if let window = WindowKind(rawValue: name) {
            guard kind == .derive else {
                resolver.report(.windowFunctionOutsideDerive, name, span: span)
                return ConstantNode(.null, span: span)
            }
            let ordered = resolver.orderArguments(arguments, parameters: window.parameters, function: name, span: span)
            windows += 1
            return WindowNode(kind: window, arguments: ordered.map { $0.map(resolver.resolve) }, key: key, slot: windows - 1, span: span)
        }
        return nil
    }
}

extension Resolver {
    /// Orders positional and named arguments by parameter (nil = not given, use the default).
    /// Reports missing required ones and unknown names.
    func orderArguments(_ arguments: [Argument], parameters: [(name: String, defaultValue: Value?)], function: String, span: Span) -> [Expr?] {
        var slots = [Expr?](repeating: nil, count: parameters.count)
        var positional = 0
        for argument in arguments {
            if let label = argument.label {
                guard let i = parameters.firstIndex(where: { $0.name == label.text }) else {
                    report(.stageFunctionHasNoParameter, function, label.text, span: label.span)
                    continue
                }
                slots[i] = argument.value
            } else if positional < slots.count {
                slots[positional] = argument.value
                positional += 1
            } else {
                report(.stageFunctionTooManyArguments, function, parameters.count, parameters.count == 1 ? "" : "s", span: argument.value.span)
            }
        }
        for (i, p) in parameters.enumerated() where slots[i] == nil && p.defaultValue == nil {
            report(.stageFunctionMissingArgument, function, p.name, span: span)
        }
        return slots
    }

    /// Resolves one stage expression in a stage scope of the given kind.
    private func stageExpr(_ e: Expr, _ kind: StageScope.Kind) -> StageExpr {
        let saved = stage
        let scope = StageScope(kind: kind)
        stage = scope
        defer { stage = saved }
        let node = resolve(e)
        let found = scope.take()
        return StageExpr(node: node, key: found.key, refs: found.refs, aggregates: found.aggregates, windows: found.windows, span: e.span,
                         equalities: found.equalities)
    }

    /// An expression inside a stage that is not about columns (join's table, take's count).
    func plainExpr(_ e: Expr) -> Node {
        let saved = stage
        stage = nil
        defer { stage = saved }
        return resolve(e)
    }

    private func stageColumns(_ items: [StageItem], _ kind: StageScope.Kind) -> [StageColumn] {
        items.map { item in
            let expr = item.expr ?? Expr(kind: .name(item.name.text), span: item.name.span)
            return StageColumn(name: item.name.text, nameSpan: item.name.span, expr: stageExpr(expr, kind))
        }
    }

    func resolveStage(input: Node, _ stage: Stage, span: Span) -> Node {
        let kind: PlanStep.Kind
        switch stage.kind {
        case .whereRows(let predicate):
            kind = .filter(WhereStage(predicate: stageExpr(predicate, .rows)))
        case .select(let items):
            kind = .project(SelectStage(items: items.map { ($0.name, $0.expr.map { stageExpr($0, .rows) }) }))
        case .derive(let items, let by):
            kind = .derive(DeriveStage(items: stageColumns(items, .derive), by: stageColumns(by, .rows)))
        case .summarize(let items, let by, let total):
            kind = .aggregate(SummarizeStage(items: stageColumns(items, .summarize), by: stageColumns(by, .rows),
                                             total: total.map { (plainExpr($0), $0.span) }), filter: nil, filterSpan: nil)
        case .sort(let keys):
            kind = .sort(SortStage(keys: keys.map { (stageExpr($0.expr, .rows), $0.descending) }))
        case .take(let count, let by):
            kind = .table(TakeStage(count: plainExpr(count), by: stageColumns(by, .rows)))
        case .join(let other, let joinKind, let keys):
            kind = .table(JoinStage(other: plainExpr(other), kind: joinKind, keys: keys))
        case .distinct(let columns):
            kind = .table(DistinctStage(columns: columns))
        case .rename(let pairs):
            kind = .table(RenameStage(pairs: pairs))
        case .drop(let columns):
            kind = .table(DropStage(columns: columns))
        case .append(let other):
            kind = .table(AppendStage(other: plainExpr(other)))
        case .pivot(let key, let value):
            kind = .table(PivotStage(key: key, value: value))
        case .format(let items):
            kind = .table(FormatStage(items: items.compactMap(formatItem)))
        case .check(let conditions, let warn):
            kind = .check(CheckStage(conditions: conditions.map { stageExpr($0, .rows) }, warn: warn))
        case .complete(let column, let values, let by):
            kind = .table(CompleteStage(column: column, values: plainExpr(values), by: by))
        case .unpivot(let columns, let except, let name, let value):
            kind = .table(UnpivotStage(columns: columns, except: except, nameColumn: name, valueColumn: value))
        }
        let pipe = Planner.pipe(input, kind, span: span)
        pipes.append(pipe)
        return pipe
    }
}

/// Grouped aggregation on the batch engine, optionally over the rows a fused `where` keeps
/// (the filtered table is never built). Aggregate values come from kernels and reach the item
/// expressions through their slots (`RowContext.aggregates`), so items like
/// `rate(sum(a), sum(b))` evaluate per group exactly as on the tree engine, and an aggregate's
/// error surfaces where the tree engine would meet it.
struct BatchAggregate {
    let program: VectorProgram
    /// Input column of each `by` key.
    let keyColumns: [Int]
    /// Registers of the keys' loads.
    let keyRegisters: [Int]
    let predicateRegister: Int?
    /// One accumulator per aggregate, by item and slot.
    let accumulators: [[VectorAccumulator]]
    /// Dense group ids over the key columns (its key scan is part of the decision).
    let grouping: VectorAggregation
}

extension SummarizeStage {
    /// Compiles the whole step (filter, keys, aggregate arguments) into one program, or says why
    /// the tree engine runs it. Keys must be plain columns of a groupable type.
    func decideBatch(_ bound: (keys: [BoundExpr], items: [BoundExpr]), filter: BoundExpr?, _ table: Table,
                     _ ctx: Context, _ frame: Frame) -> BatchEngine.Decision<BatchAggregate> {
        let decision = batchPlan(bound, filter: filter, table, ctx, frame)
        switch decision {
        case .batch(let plan): BatchEngine.trace(ctx, "summarize", .batch(plan.program), table.schema)
        case .tree(let reason): BatchEngine.trace(ctx, "summarize", .tree(reason: reason), table.schema)
        }
        return decision
    }

    private func batchPlan(_ bound: (keys: [BoundExpr], items: [BoundExpr]), filter: BoundExpr?, _ table: Table,
                           _ ctx: Context, _ frame: Frame) -> BatchEngine.Decision<BatchAggregate> {
        if let refusal = BatchEngine.refusal(ctx, rows: table.rowCount) { return .tree(reason: refusal) }
        var keyColumns: [Int] = []
        for key in bound.keys {
            guard let ref = key.node as? ColumnRef, ref.key === key.key, key.columns[ref.slot] >= 0 else {
                return .tree(reason: "a 'by' key that is not a plain column")
            }
            keyColumns.append(key.columns[ref.slot])
        }
        if bound.items.contains(where: { $0.expr.hasWindow }) { return .tree(reason: "a window function") }
        if let filter, !filter.expr.aggregates.isEmpty || filter.expr.hasWindow { return .tree(reason: "an aggregate in where") }

        // Roots: the filter (row order, every row: checked arithmetic allowed), the keys, then
        // each aggregate's argument (evaluated group by group on the tree: no checked arithmetic).
        var roots: [VectorCompiler.Root] = filter.map { [.init(node: $0.node, checkedAllowed: true)] } ?? []
        roots += bound.keys.map { .init(node: $0.node, checkedAllowed: false) }
        var argumentRoots: [[Int?]] = []
        for item in bound.items {
            var perItem: [Int?] = []
            for aggregate in item.expr.aggregates {
                guard aggregate.arguments.count <= 1 else { return .tree(reason: "\(aggregate.kind.name)() with several arguments") }
                if let argument = aggregate.arguments.first {
                    perItem.append(roots.count)
                    roots.append(.init(node: argument, checkedAllowed: false))
                } else {
                    perItem.append(nil)
                }
            }
            argumentRoots.append(perItem)
        }
        let bindings = (filter.map { [$0] } ?? []) + bound.keys + bound.items
        let program: VectorProgram, results: [Int]
        switch VectorCompiler.compile(roots: roots, bindings: bindings, table: table, ctx, frame) {
        case .compiled(let p, let r): (program, results) = (p, r)
        case .declined(let reason): return .tree(reason: reason)
        }
        let keyStart = filter == nil ? 0 : 1
        let keyRegisters = Array(results[keyStart..<keyStart + bound.keys.count])
        guard let grouping = VectorAggregation(keyColumns: keyColumns, registers: keyRegisters, table: table) else {
            return .tree(reason: "a key space too large for dense group ids")
        }
        var accumulators: [[VectorAccumulator]] = []
        for (item, roots) in zip(bound.items, argumentRoots) {
            var perItem: [VectorAccumulator] = []
            for (aggregate, root) in zip(item.expr.aggregates, roots) {
                let register = root.map { results[$0] }
                guard let accumulator = VectorAccumulator(kind: aggregate.kind, register: register,
                                                          type: register.map { program.registerTypes[$0] }, span: aggregate.span,
                                                          grouping: grouping)
                else { return .tree(reason: "no batch kernel for \(aggregate.kind.name)() of this type") }
                perItem.append(accumulator)
            }
            accumulators.append(perItem)
        }
        return .batch(BatchAggregate(program: program, keyColumns: keyColumns, keyRegisters: keyRegisters,
                                     predicateRegister: filter == nil ? nil : results[0], accumulators: accumulators,
                                     grouping: grouping))
    }

    /// Runs a compiled aggregate step: one pass over the batches (on the morsels' workers, each
    /// with its own groups and accumulators, merged afterwards), then the items per group.
    func runBatch(_ plan: BatchAggregate, _ bound: (keys: [BoundExpr], items: [BoundExpr]), _ table: Table,
                  _ ctx: Context, _ frame: Frame, span: Span) throws -> Table {
        let morsels = Morsels(rows: table.rowCount, ctx.host, groupSlots: plan.grouping.slotCount)
        let workers = morsels.workers
        let vms = (0..<workers).map { _ in VectorVM(program: plan.program, table: table) }
        let groupings = [plan.grouping] + (1..<workers).map { _ in plan.grouping.fresh() }
        let workerAccumulators = [plan.accumulators] + groupings.dropFirst().map { grouping in
            plan.accumulators.map { $0.map { $0.fresh(grouping: grouping) } }
        }
        let size = VectorVM.batchSize
        let groups = UnsafeMutablePointer<Int32>.allocate(capacity: workers * size)
        defer { groups.deallocate() }
        // The batch's selected lanes: those the fused `where` keeps, or all of them.
        let selected = UnsafeMutablePointer<Int32>.allocate(capacity: workers * size)
        defer { selected.deallocate() }
        if plan.predicateRegister == nil {
            for k in 0..<workers * size { selected[k] = Int32(k % size) }
        }
        let flat = workerAccumulators.map { $0.flatMap { $0 } }
        try morsels.run(vms, ctx, span: span) { batch in
            let w = batch.worker
            let rows = selected + w * size, ids = groups + w * size
            let m = plan.predicateRegister.map { batch.vm.selection($0, count: batch.count, into: rows) } ?? batch.count
            let grouping = groupings[w]
            grouping.assign(batch.vm, start: batch.start, rows: rows, count: m, into: ids)
            for accumulator in flat[w] { accumulator.update(batch.vm, start: batch.start, rows: rows, groups: ids, count: m, groupCount: grouping.groupCount) }
        }
        let (grouping, accumulators) = workers == 1 ? (plan.grouping, plan.accumulators) : Self.merge(groupings, workerAccumulators)
        let vm = vms[0]

        // Without `by` there is exactly one group, even over no rows.
        var firstRows = grouping.firstRows
        if by.isEmpty && firstRows.isEmpty { firstRows = [table.rowCount] }
        let row = RowContext(table: table)
        ctx.row = row
        // An item that is one aggregate with a typed result takes the accumulator's column
        // (only its errors are looked at per group); other items evaluate per group.
        let typed = bound.items.enumerated().map { j, item in
            (item.node as? AggregateNode).map { $0.key === item.key } == true && accumulators[j][0].hasTypedColumn
        }
        var values = [[Value]](repeating: [], count: items.count)
        for (g, first) in firstRows.enumerated() {
            row.index = first
            for (j, item) in bound.items.enumerated() {
                if typed[j] {
                    if case .error(let error) = accumulators[j][0].result(g, vm: vm) { throw error }
                    continue
                }
                row.enter(item)
                for (slot, accumulator) in accumulators[j].enumerated() { row.aggregates[slot] = accumulator.result(g, vm: vm) }
                values[j].append(try item.node.eval(ctx, frame))
            }
        }
        var columns = plan.keyColumns.map { ColumnBuilder.computed(table.columns[$0].gather(firstRows)) }
        for (j, item) in items.enumerated() {
            if typed[j], let column = accumulators[j][0].column(groups: firstRows.count, vm: vm) {
                columns.append(column)
            } else {
                columns.append(try makeColumn(values[j], name: item.name, span: item.expr.span))
            }
        }
        return build(columns, groups: firstRows.count)
    }

    /// The workers' groups as one grouping (numbered by first row) and each aggregate's states
    /// merged into it. States are exact, so the order of merging does not matter.
    private static func merge(_ groupings: [VectorAggregation], _ parts: [[[VectorAccumulator]]])
        -> (VectorAggregation, [[VectorAccumulator]]) {
        let (grouping, map) = VectorAggregation.merging(groupings)
        let merged = parts[0].map { $0.map { $0.fresh(grouping: grouping) } }
        for (w, part) in parts.enumerated() {
            for (j, item) in part.enumerated() {
                for (slot, accumulator) in item.enumerated() {
                    for (h, g) in map[w].enumerated() { merged[j][slot].merge(g, from: accumulator, group: h) }
                }
            }
        }
        return (grouping, merged)
    }
}

/// Where the fast path meets the stages: `where` (selection vectors), computed
/// columns in derive/select, and grouped aggregation in summarize (also fused with
/// a preceding `where`, so the filtered table is never materialized). Every entry
/// point returns nil when it declines or when a kernel fails; the caller then runs
/// the tree path, which defines the result (and the error).
enum VectorEngine {
    /// Tables smaller than this stay on the tree path under `auto`.
    static let autoThreshold = 4096

    static func applies(_ ctx: Context, rows: Int) -> Bool {
        switch ctx.host.engine {
        case .tree: return false
        case .vector: return true
        case .auto: return rows >= autoThreshold
        }
    }

    /// Runs `vm` batch by batch, checking limits between batches; false if a kernel failed.
    static func forEachBatch(_ vm: VectorVM, rows: Int, _ ctx: Context, span: Span, _ body: (Int, Int) -> Void) throws -> Bool {
        var start = 0
        while start < rows {
            let n = min(VectorVM.batchSize, rows - start)
            vm.run(start: start, count: n)
            if vm.failed { return false }
            body(start, n)
            try ctx.poll(span)
            start += n
        }
        return true
    }

    private static func trace(_ ctx: Context, _ program: VectorProgram, _ table: Table, _ what: String) {
        ctx.host.bytecodeTrace?("\(what):\n" + program.disassemble(schema: table.schema))
    }

    // MARK: - where

    /// The rows where the predicate is truthy, or nil to decline.
    static func selection(_ predicate: StageExpr, _ table: Table, _ ctx: Context, _ frame: Frame) throws -> [Int]? {
        guard predicate.binds(in: table.schema), predicate.aggregates.isEmpty, !predicate.hasWindow,
              let program = VectorCompiler.compile(predicate.node, table: table, ctx, frame) else { return nil }
        trace(ctx, program, table, "where")
        let vm = VectorVM(program: program, table: table)
        var selected: [Int] = []
        let mask = UnsafeMutablePointer<UInt8>.allocate(capacity: VectorVM.batchSize)
        defer { mask.deallocate() }
        let ok = try forEachBatch(vm, rows: table.rowCount, ctx, span: predicate.span) { start, n in
            vm.truthMask(program.result, count: n, into: mask)
            for k in 0..<n where mask[k] != 0 { selected.append(start + k) }
        }
        return ok ? selected : nil
    }

    // MARK: - derive / select

    /// A computed column, or nil to decline.
    static func column(_ expr: StageExpr, _ table: Table, _ ctx: Context, _ frame: Frame) throws -> Column? {
        guard expr.binds(in: table.schema), expr.aggregates.isEmpty, !expr.hasWindow,
              let program = VectorCompiler.compile(expr.node, table: table, ctx, frame) else { return nil }
        trace(ctx, program, table, "column")
        let vm = VectorVM(program: program, table: table)
        let r = program.result
        let rows = table.rowCount
        var validity = BitVector(count: rows, value: true)
        var ints: [Int] = [], floats: [Double] = []
        var bits = BitVector(count: rows, value: false)
        var dates: [Int32] = [], codes: [UInt32] = []
        let type = program.resultType
        switch type {
        case .int: ints.reserveCapacity(rows)
        case .float: floats.reserveCapacity(rows)
        case .date: dates.reserveCapacity(rows)
        case .code: codes.reserveCapacity(rows)
        case .bool: break
        }
        var anyValid = false
        let ok = try forEachBatch(vm, rows: rows, ctx, span: expr.span) { start, n in
            let v = vm.valid(r)
            for k in 0..<n where v[k] == 0 { validity[start + k] = false }
            anyValid = anyValid || (0..<n).contains { v[$0] != 0 }
            switch type {
            case .int: ints.append(contentsOf: UnsafeBufferPointer(start: vm.ints(r), count: n))
            case .float: floats.append(contentsOf: UnsafeBufferPointer(start: vm.floats(r), count: n))
            case .date: for k in 0..<n { dates.append(Int32(truncatingIfNeeded: vm.ints(r)[k])) }
            case .code: for k in 0..<n { codes.append(UInt32(truncatingIfNeeded: max(0, vm.ints(r)[k]))) }
            case .bool: for k in 0..<n where vm.ints(r)[k] != 0 { bits[start + k] = true }
            }
        }
        guard ok else { return nil }
        // The tree builds columns from values: one with no value at all is a string column of nulls.
        if !anyValid { return ColumnBuilder.nulls(rows) }
        switch type {
        case .int: return Column(storage: .int(ints), validity: validity)
        case .float: return Column(storage: .float(floats), validity: validity)
        case .date: return Column(storage: .date(dates), validity: validity)
        case .bool: return Column(storage: .bool(bits), validity: validity)
        case .code(let source):
            guard case .string(_, let dictionary) = table.columns[source].storage else { return nil }
            return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
        }
    }
}

extension SummarizeStage {
    /// Grouped aggregation on the fast path (optionally over the rows a `where` keeps), or nil
    /// to decline. Aggregate values are computed by kernels and handed to the item expressions
    /// through the row context's cache, so items like `rate(sum(a), sum(b))` evaluate per group
    /// exactly as on the tree path.
    func runVector(_ ctx: Context, _ frame: Frame, _ table: Table, predicate: StageExpr?) throws -> Table? {
        let schema = table.schema
        var keyColumns: [Int] = []
        for key in by {
            guard let ref = key.expr.node as? ColumnRef, let index = schema.index(of: ref.name) else { return nil }
            keyColumns.append(index)
        }
        let keyNames = Set(by.map { ScalarKey($0.name) })
        var aggregates: [AggregateNode] = []
        for item in items {
            guard item.expr.binds(in: schema), !item.expr.hasWindow else { return nil }
            for ref in item.expr.refs where !ref.insideAggregate && ref.isColumn(in: schema) && !keyNames.contains(ScalarKey(ref.name)) {
                return nil
            }
            aggregates += item.expr.aggregates
        }
        if let predicate, !predicate.binds(in: schema) || !predicate.aggregates.isEmpty || predicate.hasWindow { return nil }

        var roots: [Node] = predicate.map { [$0.node] } ?? []
        roots += by.map(\.expr.node)
        var argumentRoots: [Int?] = []
        for aggregate in aggregates {
            guard aggregate.arguments.count <= 1 else { return nil }
            if let argument = aggregate.arguments.first {
                argumentRoots.append(roots.count)
                roots.append(argument)
            } else {
                argumentRoots.append(nil)
            }
        }
        guard let (program, results) = VectorCompiler.compile(roots: roots, table: table, ctx, frame) else { return nil }
        let keyStart = predicate == nil ? 0 : 1
        guard let grouping = VectorAggregation(keyColumns: keyColumns, registers: Array(results[keyStart..<keyStart + by.count]), table: table)
        else { return nil }
        var accumulators: [VectorAccumulator] = []
        for (aggregate, root) in zip(aggregates, argumentRoots) {
            let register = root.map { results[$0] }
            guard let accumulator = VectorAccumulator(kind: aggregate.kind, register: register, type: register.map { program.registerTypes[$0] })
            else { return nil }
            accumulators.append(accumulator)
        }
        ctx.host.bytecodeTrace?("summarize:\n" + program.disassemble(schema: schema))

        let vm = VectorVM(program: program, table: table)
        let groups = UnsafeMutablePointer<Int32>.allocate(capacity: VectorVM.batchSize)
        defer { groups.deallocate() }
        let mask = UnsafeMutablePointer<UInt8>.allocate(capacity: VectorVM.batchSize)
        defer { mask.deallocate() }
        let predicateRegister = predicate == nil ? nil : results[0]
        let ok = try VectorEngine.forEachBatch(vm, rows: table.rowCount, ctx, span: predicate?.span ?? by.first?.expr.span ?? .none) { start, n in
            if let p = predicateRegister {
                vm.truthMask(p, count: n, into: mask)
                grouping.assign(vm, start: start, count: n, selected: mask, into: groups)
            } else {
                grouping.assign(vm, start: start, count: n, selected: nil, into: groups)
            }
            for accumulator in accumulators { accumulator.update(vm, groups: groups, count: n, groupCount: grouping.groupCount) }
        }
        guard ok, !accumulators.contains(where: \.failed) else { return nil }

        // Without `by` there is exactly one group, even over no rows.
        var firstRows = grouping.firstRows
        if by.isEmpty && firstRows.isEmpty { firstRows = [table.rowCount] }
        let row = RowContext(table: table)
        row.group = []
        ctx.row = row
        var outputs = [[Value]](repeating: [], count: by.count + items.count)
        for (g, first) in firstRows.enumerated() {
            for (k, column) in keyColumns.enumerated() { outputs[k].append(table.columns[column].value(at: first)) }
            row.index = first
            row.cache = [:]
            for (aggregate, accumulator) in zip(aggregates, accumulators) {
                row.cache[ObjectIdentifier(aggregate)] = .scalar(accumulator.result(g, groupRows: 0, vm: vm))
            }
            for (j, item) in items.enumerated() { outputs[by.count + j].append(try item.expr.node.eval(ctx, frame)) }
        }
        return try build(outputs, groups: firstRows.count)
    }
}

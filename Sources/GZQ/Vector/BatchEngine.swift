/// The batch engine (the fast path): runs compiled `VectorProgram`s over 2048-row batches
/// of typed registers and returns typed columns or selections. Each plan step asks it once,
/// before any row runs, whether it takes the step (`decide`); what it takes it finishes,
/// errors included (the tree engine's message and span, raised once); what it declines
/// the tree engine runs. Nothing is compiled or run twice.
enum BatchEngine {
    /// Tables smaller than this stay on the tree engine under `auto`.
    static let autoThreshold = 4096

    /// One step's (or one computed column's) engine: a compiled program, or the tree and why.
    enum Decision<Program> {
        case batch(Program)
        case tree(reason: String)
    }

    /// Why the batch engine does not run a step over `rows` rows (nil: it may).
    static func refusal(_ ctx: Context, rows: Int) -> String? {
        switch ctx.host.engine {
        case .tree: return "the tree engine is chosen (--engine tree)"
        case .vector: return nil
        case .auto: return rows >= autoThreshold ? nil : "\(rows) rows, under the batch engine's \(autoThreshold)-row threshold"
        }
    }

    /// Compiles one row expression (no aggregates or windows) for `table`, or says why not.
    /// `inRowOrder` false: the tree evaluates it partition by partition (derive … by).
    /// `boolOnly`: the step needs a bool result (check); another type goes to the tree engine,
    /// which reports it.
    static func decide(_ expr: BoundExpr, _ table: Table, what: String, inRowOrder: Bool = true, boolOnly: Bool = false,
                       _ ctx: Context, _ frame: Frame) -> Decision<VectorProgram> {
        let decision: Decision<VectorProgram>
        if let refusal = refusal(ctx, rows: table.rowCount) {
            decision = .tree(reason: refusal)
        } else if !expr.expr.aggregates.isEmpty || expr.expr.hasWindow {
            decision = .tree(reason: expr.expr.hasWindow ? "a window function" : "an aggregate over partitions")
        } else {
            switch VectorCompiler.compile(expr, table: table, checkedAllowed: inRowOrder, ctx, frame) {
            case .compiled(let program, _) where boolOnly && program.resultType != .bool:
                decision = .tree(reason: "a condition that is not a bool (the tree engine reports it)")
            case .compiled(let program, _): decision = .batch(program)
            case .declined(let reason): decision = .tree(reason: reason)
            }
        }
        trace(ctx, what, decision, table.schema)
        return decision
    }

    /// Reports a decision to `:bytecode` (plan trace) and `--dump-bytecode` (programs).
    static func trace(_ ctx: Context, _ what: String, _ decision: Decision<VectorProgram>, _ schema: Schema) {
        switch decision {
        case .batch(let program):
            guard ctx.host.bytecodeTrace != nil || ctx.host.planTrace != nil else { return }
            let listing = program.disassemble(schema: schema)
            // `--dump-bytecode` labels a program by its kind: where, column, check, summarize.
            ctx.host.bytecodeTrace?("\(what.prefix { $0 != " " }):\n" + listing)
            ctx.host.planTrace?("  \(what): batch program\n" + listing.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
        case .tree(let reason):
            ctx.host.planTrace?("  \(what): tree (\(reason))")
        }
    }

    /// Runs `vm` batch by batch, checking limits between batches; raises the first error in row order.
    static func forEachBatch(_ vm: VectorVM, rows: Int, _ ctx: Context, span: Span, _ body: (Int, Int) -> Void) throws {
        var start = 0
        while start < rows {
            let n = min(VectorVM.batchSize, rows - start)
            vm.run(start: start, count: n)
            if let error = vm.error { throw error }
            body(start, n)
            ctx.host.planStatistics.batchRows += n
            try ctx.poll(span)
            start += n
        }
    }

    // MARK: - where

    /// The rows where the program's result is truthy.
    static func selection(_ program: VectorProgram, _ table: Table, _ ctx: Context, span: Span) throws -> [Int] {
        let vm = VectorVM(program: program, table: table)
        var selected: [Int] = []
        let lanes = UnsafeMutablePointer<Int32>.allocate(capacity: VectorVM.batchSize)
        defer { lanes.deallocate() }
        try forEachBatch(vm, rows: table.rowCount, ctx, span: span) { start, n in
            let m = vm.selection(program.result, count: n, into: lanes)
            for j in 0..<m { selected.append(start + Int(lanes[j])) }
        }
        return selected
    }

    // MARK: - derive / select / check

    /// The program's result as a typed column (a computed column: `ColumnBuilder.computed`).
    static func column(_ program: VectorProgram, _ table: Table, _ ctx: Context, span: Span) throws -> Column {
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
        try forEachBatch(vm, rows: rows, ctx, span: span) { start, n in
            let v = vm.valid(r)
            for k in 0..<n where v[k] == 0 { validity[start + k] = false }
            switch type {
            case .int: ints.append(contentsOf: UnsafeBufferPointer(start: vm.ints(r), count: n))
            case .float: floats.append(contentsOf: UnsafeBufferPointer(start: vm.floats(r), count: n))
            case .date: for k in 0..<n { dates.append(Int32(truncatingIfNeeded: vm.ints(r)[k])) }
            case .code: for k in 0..<n { codes.append(UInt32(truncatingIfNeeded: max(0, vm.ints(r)[k]))) }
            case .bool: for k in 0..<n where vm.ints(r)[k] != 0 { bits[start + k] = true }
            }
        }
        let column: Column
        switch type {
        case .int: column = Column(storage: .int(ints), validity: validity)
        case .float: column = Column(storage: .float(floats), validity: validity)
        case .date: column = Column(storage: .date(dates), validity: validity)
        case .bool: column = Column(storage: .bool(bits), validity: validity)
        case .code(let source):
            guard case .string(_, let dictionary) = table.columns[source].storage else { return ColumnBuilder.nulls(rows) }
            column = Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
        }
        return ColumnBuilder.computed(column)
    }
}

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

    // MARK: - where

    /// The rows where the program's result is truthy (each morsel's, joined in morsel order).
    static func selection(_ program: VectorProgram, _ table: Table, _ ctx: Context, span: Span) throws -> [Int] {
        let morsels = Morsels(rows: table.rowCount, ctx.host)
        // One worker runs the morsels in order: its rows go straight into one list.
        let single = morsels.workers == 1
        var parts = [[Int]](repeating: [], count: single ? 1 : morsels.count)
        let lanes = UnsafeMutablePointer<Int32>.allocate(capacity: morsels.workers * VectorVM.batchSize)
        defer { lanes.deallocate() }
        try parts.withUnsafeMutableBufferPointer { parts in
            try morsels.run(program, table, ctx, span: span) { batch in
                let mine = lanes + batch.worker * VectorVM.batchSize
                let m = batch.vm.selection(program.result, count: batch.count, into: mine)
                let part = single ? 0 : batch.morsel
                for j in 0..<m { parts[part].append(batch.start + Int(mine[j])) }
            }
        }
        if parts.count == 1 { return parts[0] }
        var selected: [Int] = []
        selected.reserveCapacity(parts.reduce(0) { $0 + $1.count })
        for part in parts { selected.append(contentsOf: part) }
        return selected
    }

    // MARK: - derive / select / check

    /// The program's result as a typed column (a computed column: `ColumnBuilder.computed`).
    /// Morsels write their rows' values in place; null and true rows are collected per morsel
    /// and set afterwards (bits of two morsels may share a word).
    static func column(_ program: VectorProgram, _ table: Table, _ ctx: Context, span: Span) throws -> Column {
        let r = program.result
        let rows = table.rowCount
        let type = program.resultType
        let morsels = Morsels(rows: rows, ctx.host)
        var nullRows = [[Int]](repeating: [], count: morsels.count)
        var trueRows = [[Int]](repeating: [], count: morsels.count)
        /// Runs the program, handing each batch's lanes to `write` at their row offset.
        func fill(_ write: (Morsels.Batch) -> Void) throws {
            try nullRows.withUnsafeMutableBufferPointer { nullRows in
                try morsels.run(program, table, ctx, span: span) { batch in
                    let v = batch.vm.valid(r)
                    if !batch.vm.isAllValid(r) {
                        // Eight validity bytes at a time: nulls are usually rare.
                        var k = 0
                        while k < batch.count {
                            if k + 8 <= batch.count, UnsafeRawPointer(v + k).loadUnaligned(as: UInt64.self) == 0x0101_0101_0101_0101 {
                                k += 8
                                continue
                            }
                            if v[k] == 0 { nullRows[batch.morsel].append(batch.start + k) }
                            k += 1
                        }
                    }
                    write(batch)
                }
            }
        }
        /// A typed array of `rows` values: `write(batch, to)` initializes the batch's `count` values at `to`.
        func values<T>(_ write: (Morsels.Batch, UnsafeMutablePointer<T>) -> Void) throws -> [T] {
            try Array(unsafeUninitializedCapacity: rows) { out, initialized in
                guard let base = out.baseAddress else { return }
                try fill { batch in write(batch, base + batch.start) }
                initialized = rows
            }
        }
        let storage: Column.Storage
        switch type {
        case .int: storage = .int(try values { batch, to in to.initialize(from: batch.vm.ints(r), count: batch.count) })
        case .float: storage = .float(try values { batch, to in to.initialize(from: batch.vm.floats(r), count: batch.count) })
        case .date:
            storage = .date(try values { batch, to in
                let lanes = batch.vm.ints(r)
                for k in 0..<batch.count { (to + k).initialize(to: Int32(truncatingIfNeeded: lanes[k])) }
            })
        case .code(let source):
            let codes: [UInt32] = try values { batch, to in
                let lanes = batch.vm.ints(r)
                for k in 0..<batch.count { (to + k).initialize(to: UInt32(truncatingIfNeeded: max(0, lanes[k]))) }
            }
            guard case .string(_, let dictionary) = table.columns[source].storage else { return ColumnBuilder.nulls(rows) }
            storage = .string(codes: codes, dictionary: dictionary)
        case .bool:
            try trueRows.withUnsafeMutableBufferPointer { trueRows in
                try fill { batch in
                    let lanes = batch.vm.ints(r)
                    for k in 0..<batch.count where lanes[k] != 0 { trueRows[batch.morsel].append(batch.start + k) }
                }
            }
            var bits = BitVector(count: rows, value: false)
            for part in trueRows { for row in part { bits[row] = true } }
            storage = .bool(bits)
        }
        var validity = BitVector(count: rows, value: true)
        for part in nullRows { for row in part { validity[row] = false } }
        return ColumnBuilder.computed(Column(storage: storage, validity: validity))
    }
}

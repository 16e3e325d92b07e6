/// Runs a `VectorProgram` over a table, one batch of up to 2048 rows at a time.
/// Registers are Int64 or Double lanes plus a validity byte per lane; kernels are
/// plain loops over unsafe buffers (they vectorize). Lanes of null rows may hold
/// anything: every kernel masks with validity before it can fail. A result that is a tree of
/// comparisons is computed by `selection` as truth bytes instead (`VectorPredicate`).
final class VectorVM {
    static let batchSize = 2048

    let program: VectorProgram
    let table: Table
    /// Each register's current lane buffer: its own storage, or (for int and float column
    /// loads) the column's storage itself — loads copy nothing.
    private let lanePointers: UnsafeMutablePointer<UnsafeMutablePointer<UInt64>>
    private let ownLanes: UnsafeMutablePointer<UInt64>
    private let ownValidity: UnsafeMutablePointer<UInt8>
    /// Registers whose every lane is present; their validity reads as `ones` and kernels skip it.
    private let allValid: UnsafeMutablePointer<Bool>
    private let ones: UnsafeMutablePointer<UInt8>
    private let registerCount: Int
    /// Base addresses of the loaded int/float columns (kept alive by `table`).
    private var columnBases: [Int: UnsafeMutablePointer<UInt64>] = [:]
    /// Base addresses of the dictionary codes of the string columns the program reads.
    private(set) var codeBases: [Int: UnsafePointer<UInt32>] = [:]
    /// The result as truth bytes when it is a tree of fused comparisons (`VectorPredicate`):
    /// its instructions are skipped by `run` and computed by `selection`, or densely by
    /// `materialize` when the result's lanes are read.
    private let predicate: VectorPredicate?
    private let predicateRegister: Int
    private let skipped: UnsafeMutablePointer<Bool>
    /// Whether the predicate's instructions still have to run for this batch's lanes.
    private var pending = false
    /// The predicate's truth bytes, its scratch buffers (one per tree level) and validity bytes.
    private let truthBytes: UnsafeMutablePointer<UInt8>
    private let truthScratch: UnsafeMutablePointer<UInt8>
    let predicateValidity: UnsafeMutablePointer<UInt8>
    /// The first integer overflow in row order (and, within a row, in evaluation order): the
    /// row and the instruction's address. The caller raises it; nothing reruns.
    private(set) var failure: (row: Int, address: Int)?
    /// The first row and the row count of the batch being run.
    private var batchStart = 0
    private var batchCount = 0

    init(program: VectorProgram, table: Table) {
        self.program = program
        self.table = table
        let size = VectorVM.batchSize
        registerCount = max(1, program.registerTypes.count)
        ownLanes = .allocate(capacity: registerCount * size)
        ownValidity = .allocate(capacity: registerCount * size)
        lanePointers = .allocate(capacity: registerCount)
        allValid = .allocate(capacity: registerCount)
        ones = .allocate(capacity: size)
        ones.initialize(repeating: 1, count: size)
        predicate = VectorPredicate(program)
        predicateRegister = predicate?.register ?? -1
        skipped = .allocate(capacity: max(1, program.instructions.count))
        skipped.initialize(repeating: false, count: max(1, program.instructions.count))
        for address in predicate?.deferred ?? [] { skipped[address] = true }
        truthBytes = .allocate(capacity: size)
        truthScratch = .allocate(capacity: size * max(1, predicate?.depth ?? 1))
        predicateValidity = .allocate(capacity: size)
        for r in 0..<registerCount {
            (lanePointers + r).initialize(to: ownLanes + r * size)
            (allValid + r).initialize(to: false)
        }
        for (r, bits, valid) in program.constants {
            (ownLanes + r * size).initialize(repeating: bits, count: size)
            (ownValidity + r * size).initialize(repeating: valid ? 1 : 0, count: size)
            allValid[r] = valid
        }
        for instruction in program.instructions where instruction.op == .loadInt || instruction.op == .equalCode {
            if case .string(let codes, _) = table.columns[instruction.a].storage {
                codeBases[instruction.a] = codes.withUnsafeBufferPointer { $0.baseAddress.map { UnsafePointer($0) } }
            }
        }
        for instruction in program.instructions where instruction.op == .loadInt || instruction.op == .loadFloat {
            // Int and float storage is 8 bytes a value: such loads point straight into the column.
            // The arrays are immutable and retained by `table` for the VM's lifetime.
            switch table.columns[instruction.a].storage {
            case .int(let values):
                columnBases[instruction.a] = values.withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress)?.assumingMemoryBound(to: UInt64.self) }
            case .float(let values):
                columnBases[instruction.a] = values.withUnsafeBufferPointer { UnsafeMutableRawPointer(mutating: $0.baseAddress)?.assumingMemoryBound(to: UInt64.self) }
            default:
                break
            }
        }
    }

    deinit {
        ownLanes.deallocate()
        ownValidity.deallocate()
        lanePointers.deallocate()
        allValid.deallocate()
        ones.deallocate()
        skipped.deallocate()
        truthBytes.deallocate()
        truthScratch.deallocate()
        predicateValidity.deallocate()
    }

    @inline(__always) func ints(_ r: Int) -> UnsafeMutablePointer<Int> {
        if pending && r == predicateRegister { materialize() }
        return UnsafeMutableRawPointer(lanePointers[r]).assumingMemoryBound(to: Int.self)
    }

    @inline(__always) func floats(_ r: Int) -> UnsafeMutablePointer<Double> {
        if pending && r == predicateRegister { materialize() }
        return UnsafeMutableRawPointer(lanePointers[r]).assumingMemoryBound(to: Double.self)
    }

    /// Validity to read (all ones for all-valid registers).
    @inline(__always) func valid(_ r: Int) -> UnsafeMutablePointer<UInt8> {
        if pending && r == predicateRegister { materialize() }
        return allValid[r] ? ones : ownValidity + r * VectorVM.batchSize
    }

    /// Whether every lane of the register is present in the current batch (its validity is all ones).
    @inline(__always) func isAllValid(_ r: Int) -> Bool {
        if pending && r == predicateRegister { materialize() }
        return allValid[r]
    }

    /// Runs the predicate's deferred instructions for the current batch (its lanes are read).
    @inline(never) private func materialize() {
        pending = false
        guard let predicate else { return }
        for address in predicate.deferred {
            execute(program.instructions[address], address, start: batchStart, n: batchCount)
        }
    }

    /// Validity to write: the register's own bytes (the register is then no longer all-valid).
    @inline(__always) private func writeValid(_ r: Int) -> UnsafeMutablePointer<UInt8> {
        allValid[r] = false
        return ownValidity + r * VectorVM.batchSize
    }

    /// Marks `d` all-valid when both operands are; returns true when the kernel may skip validity.
    @inline(__always) private func propagateAllValid(_ d: Int, _ a: Int, _ b: Int) -> Bool {
        let all = allValid[a] && allValid[b]
        allValid[d] = all
        return all
    }

    /// Evaluates every instruction for rows `start ..< start + n`; the result is in `program.result`.
    func run(start: Int, count n: Int) {
        batchStart = start
        batchCount = n
        pending = false
        for (address, instruction) in program.instructions.enumerated() where !skipped[address] {
            execute(instruction, address, start: start, n: n)
        }
        pending = predicate != nil
    }

    /// The error `failure` stands for: what the tree engine raises at that row.
    var error: RuntimeError? {
        failure.map { Arithmetic.overflow(program.instructions[$0.address].span) }
    }

    /// Records an overflow at lane `k` of instruction `address` if it is the first in row order.
    private func noteOverflow(_ address: Int, lane k: Int) {
        let row = batchStart + k
        if let failure, failure.row < row || (failure.row == row && failure.address <= address) { return }
        failure = (row, address)
    }

    // MARK: - Loads

    private func load(_ i: VectorInstruction, start: Int, n: Int) {
        let column = table.columns[i.a]
        if let bitmap = column.validity {
            bitmap.expand(from: start, count: n, into: writeValid(i.d))
        } else {
            allValid[i.d] = true
        }
        if let base = columnBases[i.a] {
            lanePointers[i.d] = base + start
            return
        }
        let d = ints(i.d)
        switch column.storage {
        case .date(let values):
            values.withUnsafeBufferPointer { src in for k in 0..<n { d[k] = Int(src[start + k]) } }
        case .string:
            guard let src = codeBases[i.a] else { return }
            for k in 0..<n { d[k] = Int(src[start + k]) }
        case .bool(let bits):
            // Expand into the last eighth of the lane buffer, then widen front to back: lane k
            // (bytes 8k…8k+7) never reaches a byte not yet read (byte 7·batch + k' for k' > k).
            let bytes = UnsafeMutableRawPointer(d).assumingMemoryBound(to: UInt8.self) + 7 * VectorVM.batchSize
            bits.expand(from: start, count: n, into: bytes)
            for k in 0..<n { d[k] = Int(bytes[k]) }
        case .int, .float, .boxed:
            writeValid(i.d).update(repeating: 0, count: n)
        }
    }

    // MARK: - Dispatch

    private func execute(_ i: VectorInstruction, _ address: Int, start: Int, n: Int) {
        switch i.op {
        case .loadInt, .loadFloat:
            load(i, start: start, n: n)
        case .equalCode:
            equalCode(i, start: start, n: n)
        case .intToFloat:
            let a = ints(i.a), d = floats(i.d)
            for k in 0..<n { d[k] = Double(a[k]) }
            if allValid[i.a] { allValid[i.d] = true } else { writeValid(i.d).update(from: valid(i.a), count: n) }
        case .addInt: intArithmetic(i, address, n) { $0.addingReportingOverflow($1) }
        case .subInt: intArithmetic(i, address, n) { $0.subtractingReportingOverflow($1) }
        case .mulInt: intArithmetic(i, address, n) { $0.multipliedReportingOverflow(by: $1) }
        case .floorDivInt: intDivision(i, address, n, floor: true)
        case .modInt: intDivision(i, address, n, floor: false)
        case .negInt:
            let a = ints(i.a), d = ints(i.d), va = valid(i.a), vd = writeValid(i.d)
            for k in 0..<n {
                let (r, o) = 0.subtractingReportingOverflow(a[k])
                d[k] = r
                vd[k] = va[k]
                if o && va[k] != 0 { noteOverflow(address, lane: k) }
            }
        case .addFloat: floatArithmetic(i, n) { $0 + $1 }
        case .subFloat: floatArithmetic(i, n) { $0 - $1 }
        case .mulFloat: floatArithmetic(i, n) { $0 * $1 }
        case .divFloat: floatDivision(i, n) { $0 / $1 }
        case .floorDivFloat: floatDivision(i, n) { Arithmetic.flooredQuotient($0, $1) }
        case .modFloat: floatDivision(i, n) { Arithmetic.flooredRemainder($0, $1) }
        case .negFloat:
            let a = floats(i.a), d = floats(i.d)
            for k in 0..<n { d[k] = -a[k] }
            if allValid[i.a] { allValid[i.d] = true } else { writeValid(i.d).update(from: valid(i.a), count: n) }
        case .compareInt:
            let a = ints(i.a), b = ints(i.b)
            switch i.extra {
            case 0: compare(i, n) { a[$0] < b[$0] }
            case 1: compare(i, n) { a[$0] <= b[$0] }
            case 2: compare(i, n) { a[$0] > b[$0] }
            default: compare(i, n) { a[$0] >= b[$0] }
            }
        case .compareFloat:
            let a = floats(i.a), b = floats(i.b), extra = i.extra
            compare(i, n) { VectorVM.holds(Value.compareDoubles(a[$0], b[$0]), extra) }
        case .compareIntFloat:
            let a = ints(i.a), b = floats(i.b), extra = i.extra
            compare(i, n) { VectorVM.holds(Value.compareIntDouble(a[$0], b[$0]), extra) }
        case .equalInt:
            let a = ints(i.a), b = ints(i.b)
            equal(i, n) { a[$0] == b[$0] }
        case .equalFloat:
            let a = floats(i.a), b = floats(i.b)
            equal(i, n) { a[$0] == b[$0] }
        case .equalIntFloat:
            let a = ints(i.a), b = floats(i.b)
            equal(i, n) { k in Double(a[k]) == b[k] && Int(exactly: b[k]) == a[k] }
        case .inSet:
            let set = program.sets[i.extra]
            let a = ints(i.a), va = valid(i.a), d = ints(i.d), vd = writeValid(i.d)
            for k in 0..<n {
                d[k] = va[k] != 0 ? (set.contains(a[k]) ? 1 : 0) : i.b
                vd[k] = 1
            }
        case .and where allValid[i.a] && allValid[i.b]:
            // Neither side null: bool lanes are 0/1, so `and` is a bitwise and, and never null.
            let a = ints(i.a), b = ints(i.b), d = ints(i.d)
            for k in 0..<n { d[k] = a[k] & b[k] }
            allValid[i.d] = true
        case .or where allValid[i.a] && allValid[i.b]:
            let a = ints(i.a), b = ints(i.b), d = ints(i.d)
            for k in 0..<n { d[k] = a[k] | b[k] }
            allValid[i.d] = true
        case .and where allTrueOrFalse(i.a, n):
            // Fast case: no null on the left, so `and` is plain conjunction with the right's validity.
            // Lanes and validity in separate loops, each over one lane width (they vectorize).
            let a = ints(i.a), b = ints(i.b), vb = valid(i.b), d = ints(i.d), vd = writeValid(i.d)
            for k in 0..<n { d[k] = a[k] & 1 & b[k] }
            // Left true: the right's validity; left false: present (false).
            for k in 0..<n { vd[k] = vb[k] | UInt8(truncatingIfNeeded: (a[k] & 1) ^ 1) }
        case .and, .or:
            let a = ints(i.a), b = ints(i.b), va = valid(i.a), vb = valid(i.b), d = ints(i.d), vd = writeValid(i.d)
            // `and` returns the left operand when it is falsy, `or` when it is truthy; otherwise the
            // right one. Branch-free (bool lanes are 0/1), so the loop vectorizes.
            let flip = i.op == .and ? 0 : 1
            for k in 0..<n {
                let truthy = Int(va[k]) & a[k] & 1
                let takeRight = truthy ^ flip          // 1: result is b
                let keepLeft = takeRight ^ 1
                d[k] = (a[k] & (0 &- keepLeft)) | (b[k] & (0 &- takeRight))
                vd[k] = UInt8(truncatingIfNeeded: (Int(va[k]) & keepLeft) | (Int(vb[k]) & takeRight))
            }
        case .not:
            let a = ints(i.a), va = valid(i.a), d = ints(i.d), vd = writeValid(i.d)
            let isBool = i.extra == 1
            for k in 0..<n {
                let truthy = va[k] != 0 && (!isBool || a[k] != 0)
                d[k] = truthy ? 0 : 1
                vd[k] = 1
            }
        case .coalesce:
            let a = lanePointers[i.a], b = lanePointers[i.b], d = lanePointers[i.d]
            let va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
            for k in 0..<n {
                let useA = va[k] != 0
                d[k] = useA ? a[k] : b[k]
                vd[k] = useA ? 1 : vb[k]
            }
        case .rate:
            floatDivision(i, n) { $0 / $1 }
        case .change:
            let a = floats(i.a), b = floats(i.b), va = valid(i.a), vb = valid(i.b), d = floats(i.d), vd = writeValid(i.d)
            for k in 0..<n {
                let ok = va[k] & vb[k] != 0 && a[k] != 0
                d[k] = ok ? Rates.changeRatio(a[k], b[k]) : 0
                vd[k] = ok ? 1 : 0
            }
        case .pp:
            let a = floats(i.a), b = floats(i.b), va = valid(i.a), vb = valid(i.b), d = floats(i.d), vd = writeValid(i.d)
            for k in 0..<n {
                let ok = va[k] & vb[k] != 0
                d[k] = ok ? Rates.points(a[k], b[k]) : 0
                vd[k] = ok ? 1 : 0
            }
        }
    }

    // MARK: - Kernels

    /// `column == "text"` (`!=` when `extra` is 1) on the column's dictionary codes, read in place:
    /// `b` is the constant's code (-1 when the dictionary lacks it: never equal). A null cell
    /// never equals a value. Never null itself.
    private func equalCode(_ i: VectorInstruction, start: Int, n: Int) {
        let d = ints(i.d), negate = i.extra
        allValid[i.d] = true
        guard i.b >= 0, i.b <= Int(UInt32.max), let src = codeBases[i.a].map({ $0 + start }) else {
            for k in 0..<n { d[k] = negate }
            return
        }
        let code = UInt32(i.b)
        if let bitmap = table.columns[i.a].validity {
            // The register's own validity bytes are free (it is all-valid): expand the cells' validity there.
            let v = ownValidity + i.d * VectorVM.batchSize
            bitmap.expand(from: start, count: n, into: v)
            for k in 0..<n { d[k] = ((src[k] == code ? 1 : 0) & Int(v[k])) ^ negate }
        } else {
            for k in 0..<n { d[k] = (src[k] == code ? 1 : 0) ^ negate }
        }
    }

    /// Whether every lane of a bool register is present.
    private func allTrueOrFalse(_ r: Int, _ n: Int) -> Bool {
        if allValid[r] { return true }
        let v = valid(r)
        var all: UInt8 = 1
        for k in 0..<n { all &= v[k] }
        return all == 1
    }

    @inline(__always)
    private func intArithmetic(_ i: VectorInstruction, _ address: Int, _ n: Int, _ f: (Int, Int) -> (partialValue: Int, overflow: Bool)) {
        let a = ints(i.a), b = ints(i.b), d = ints(i.d)
        var overflow = false
        if propagateAllValid(i.d, i.a, i.b) {
            for k in 0..<n {
                let (r, o) = f(a[k], b[k])
                d[k] = r
                overflow = overflow || o
            }
        } else {
            let va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
            for k in 0..<n {
                let (r, o) = f(a[k], b[k])
                let v = va[k] & vb[k]
                d[k] = r
                vd[k] = v
                overflow = overflow || (o && v != 0)
            }
        }
        // Rare: find the first overflowing lane (the loops above stay branch-free).
        guard overflow else { return }
        let va = valid(i.a), vb = valid(i.b)
        for k in 0..<n where va[k] & vb[k] != 0 && f(a[k], b[k]).overflow {
            noteOverflow(address, lane: k)
            return
        }
    }

    private func intDivision(_ i: VectorInstruction, _ address: Int, _ n: Int, floor: Bool) {
        let a = ints(i.a), b = ints(i.b), d = ints(i.d), va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
        for k in 0..<n {
            let x = a[k], y = b[k]
            let ok = va[k] & vb[k] != 0 && y != 0
            vd[k] = ok ? 1 : 0
            guard ok else { d[k] = 0; continue }
            if floor {
                let (q, o) = Arithmetic.flooredQuotient(x, y)
                if o { noteOverflow(address, lane: k) }
                d[k] = q
            } else {
                d[k] = Arithmetic.flooredRemainder(x, y)
            }
        }
    }

    @inline(__always)
    private func floatArithmetic(_ i: VectorInstruction, _ n: Int, _ f: (Double, Double) -> Double) {
        let a = floats(i.a), b = floats(i.b), d = floats(i.d)
        if propagateAllValid(i.d, i.a, i.b) {
            for k in 0..<n { d[k] = f(a[k], b[k]) }
            return
        }
        let va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
        for k in 0..<n {
            d[k] = f(a[k], b[k])
            vd[k] = va[k] & vb[k]
        }
    }

    /// Float division-like kernels: null when the divisor is zero.
    @inline(__always)
    private func floatDivision(_ i: VectorInstruction, _ n: Int, _ f: (Double, Double) -> Double) {
        let a = floats(i.a), b = floats(i.b), d = floats(i.d), va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
        for k in 0..<n {
            let ok = va[k] & vb[k] != 0 && b[k] != 0
            d[k] = ok ? f(a[k], b[k]) : 0
            vd[k] = ok ? 1 : 0
        }
    }

    /// Whether a three-way comparison result satisfies the operator coded in `extra`.
    @inline(__always)
    static func holds(_ c: Int, _ extra: Int) -> Bool {
        switch extra {
        case 0: return c < 0
        case 1: return c <= 0
        case 2: return c > 0
        default: return c >= 0
        }
    }

    /// Ordering kernels: null when either side is null (lanes of null rows are computed and ignored).
    @inline(__always)
    private func compare(_ i: VectorInstruction, _ n: Int, _ test: (Int) -> Bool) {
        let d = ints(i.d)
        if propagateAllValid(i.d, i.a, i.b) {
            for k in 0..<n { d[k] = test(k) ? 1 : 0 }
            return
        }
        for k in 0..<n { d[k] = test(k) ? 1 : 0 }
        // Validity apart from the lanes; against a never-null side (a constant) it is a copy.
        let va = valid(i.a), vb = valid(i.b), vd = writeValid(i.d)
        if allValid[i.a] {
            vd.update(from: vb, count: n)
        } else if allValid[i.b] {
            vd.update(from: va, count: n)
        } else {
            for k in 0..<n { vd[k] = va[k] & vb[k] }
        }
    }

    /// `==`/`!=`: null equals null; a null never equals a value; never null itself.
    @inline(__always)
    private func equal(_ i: VectorInstruction, _ n: Int, _ same: (Int) -> Bool) {
        let d = ints(i.d)
        let negate = i.extra == 1 ? 1 : 0
        if allValid[i.a] && allValid[i.b] {
            for k in 0..<n { d[k] = (same(k) ? 1 : 0) ^ negate }
        } else {
            let va = valid(i.a), vb = valid(i.b)
            for k in 0..<n {
                // Both present: compare; both null: equal; one null: different.
                let both = va[k] & vb[k], neither = (va[k] | vb[k]) ^ 1
                let eq = (both & (same(k) ? 1 : 0)) | neither
                d[k] = Int(eq) ^ negate
            }
        }
        allValid[i.d] = true
    }

    // MARK: - Reading results

    /// The lanes (0 ..< n) where the register is truthy, in order, into `rows`; returns how many.
    func selection(_ r: Int, count n: Int, into rows: UnsafeMutablePointer<Int32>) -> Int {
        if let predicate, r == predicate.register, n == batchCount {
            return select(predicate.root, batchStart, n, into: rows, bytes: truthBytes, scratch: truthScratch)
        }
        let v = valid(r)
        var m = 0
        if program.registerTypes[r] == .bool {
            let lanes = ints(r)
            if allValid[r] {
                for k in 0..<n { rows[m] = Int32(truncatingIfNeeded: k); m &+= lanes[k] & 1 }
            } else {
                for k in 0..<n { rows[m] = Int32(truncatingIfNeeded: k); m &+= lanes[k] & Int(v[k]) & 1 }
            }
        } else {
            for k in 0..<n { rows[m] = Int32(truncatingIfNeeded: k); m &+= Int(v[k]) }
        }
        return m
    }
}

/// One aggregate's running state per group, fed the rows each batch selects (`rows`, with
/// their groups from `VectorAggregation.assign`). Every state is exact and independent of the
/// order rows arrive in, so accumulators fed disjoint rows and merged (`merge`) in any order
/// give the bits one accumulator over all rows gives, and both equal the tree's reducers:
/// int sums in Int128 (an overflow only when the total does not fit), float sums as `ExactSum`,
/// counts of present values per group, and for min/max/first/last the kept value with its
/// global row (ties keep the earliest row, as the tree's left-to-right reduction does).
final class VectorAccumulator {
    let kind: AggregateKind
    /// The argument's register, or nil for `count()`.
    let register: Int?
    let type: VectorProgram.RegisterType?
    /// The grouping whose group ids `update` receives (only its shape is read: one group or many).
    private let grouping: VectorAggregation
    /// Present (non-null) values per group (rows, for `count()`): count, float sums, avg/mean.
    private var present: [Int] = []
    private var intSums: [Int128] = []
    private var floatSums: [ExactSum] = []
    private var best: [UInt64] = []
    /// The global row of `best` (-1: none yet).
    private var bestRow: [Int] = []
    /// The aggregate's span (where an overflow points).
    let span: Span

    private let countsPresent: Bool, sumsInts: Bool, sumsFloats: Bool, keepsBest: Bool

    /// Nil for aggregates (or argument types) without a kernel.
    convenience init?(kind: AggregateKind, register: Int?, type: VectorProgram.RegisterType?, span: Span, grouping: VectorAggregation) {
        switch (kind, type) {
        case (.count, _): break
        case (.sum, .int?), (.sum, .float?), (.avg, .int?), (.avg, .float?), (.mean, .int?), (.mean, .float?): break
        case (.min, .int?), (.min, .float?), (.min, .date?), (.min, .bool?),
             (.max, .int?), (.max, .float?), (.max, .date?), (.max, .bool?): break
        case (.first, _?), (.last, _?): break
        default: return nil
        }
        self.init(kernel: kind, register: register, type: type, span: span, grouping: grouping)
    }

    private init(kernel kind: AggregateKind, register: Int?, type: VectorProgram.RegisterType?, span: Span, grouping: VectorAggregation) {
        self.kind = kind
        self.register = register
        self.type = type
        self.span = span
        self.grouping = grouping
        let sums = kind == .sum || kind == .avg || kind == .mean
        // An int sum needs no count: the sum of no ints is the int 0 either way.
        countsPresent = kind == .count || (sums && !(kind == .sum && type == .int))
        sumsInts = sums && type == .int
        sumsFloats = sums && type == .float
        keepsBest = !sums && kind != .count
    }

    /// An empty accumulator of the same aggregate over another grouping (a worker's own).
    func fresh(grouping: VectorAggregation) -> VectorAccumulator {
        VectorAccumulator(kernel: kind, register: register, type: type, span: span, grouping: grouping)
    }

    /// Groups the state arrays cover.
    private var allocated = 0

    private func grow(to groups: Int) {
        guard allocated < groups else { return }
        let extra = groups - allocated
        allocated = groups
        if countsPresent { present += repeatElement(0, count: extra) }
        if sumsInts { intSums += repeatElement(0, count: extra) }
        if sumsFloats { floatSums += repeatElement(ExactSum(), count: extra) }
        if keepsBest {
            best += repeatElement(0, count: extra)
            bestRow += repeatElement(-1, count: extra)
        }
    }

    /// Adds the batch's selected lanes `rows[j]` (group `groups[j]`; global row `start + rows[j]`), `j < m`.
    func update(_ vm: VectorVM, start: Int, rows: UnsafePointer<Int32>, groups: UnsafePointer<Int32>, count m: Int, groupCount: Int) {
        grow(to: groupCount)
        guard m > 0 else { return }
        let single = grouping.isSingleGroup
        guard let r = register else {
            // count(): every selected row is present.
            if single { present[0] &+= m; return }
            present.withUnsafeMutableBufferPointer { counts in
                for j in 0..<m { counts[Int(groups[j])] &+= 1 }
            }
            return
        }
        let allValid = vm.isAllValid(r)
        let valid = vm.valid(r), ints = vm.ints(r), floats = vm.floats(r)
        if countsPresent {
            if single && allValid {
                present[0] &+= m
            } else if single {
                var n = 0
                for j in 0..<m { n &+= Int(valid[Int(rows[j])]) }
                present[0] &+= n
            } else if allValid {
                present.withUnsafeMutableBufferPointer { counts in
                    for j in 0..<m { counts[Int(groups[j])] &+= 1 }
                }
            } else {
                present.withUnsafeMutableBufferPointer { counts in
                    for j in 0..<m { counts[Int(groups[j])] &+= Int(valid[Int(rows[j])]) }
                }
            }
        }
        if sumsInts {
            // A null lane adds 0. Int128 cannot overflow: 2^63 rows of 2^63 stay below 2^127.
            intSums.withUnsafeMutableBufferPointer { sums in
                if single {
                    var total = sums[0]
                    for j in 0..<m {
                        let k = Int(rows[j])
                        total &+= Int128(ints[k] & (0 &- Int(valid[k])))
                    }
                    sums[0] = total
                    return
                }
                for j in 0..<m {
                    let k = Int(rows[j])
                    sums[Int(groups[j])] &+= Int128(ints[k] & (0 &- Int(valid[k])))
                }
            }
        } else if sumsFloats {
            // A null lane adds +0.0, which changes no exact sum.
            floatSums.withUnsafeMutableBufferPointer { sums in
                if single {
                    // Moved out and back, so the sum's partials are mutated in place.
                    var total = sums[0]
                    sums[0] = ExactSum()
                    total.add(floats, valid: valid, rows: rows, count: m)
                    sums[0] = total
                    return
                }
                if groupCount <= VectorAccumulator.chunkedGroups && m <= ExactSum.chunkBlock {
                    // Few groups: fixed-point chunks per group for this batch, folded at its end.
                    let chunks = chunkScratch(groupCount)
                    var lo = ExactSum.chunkCount, hi = -1
                    for j in 0..<m {
                        let k = Int(rows[j]), g = Int(groups[j])
                        let bits = floats[k].bitPattern & (0 &- UInt64(valid[k]))
                        let i = ExactSum.addToChunks(bits, chunks + g &* ExactSum.chunkCount)
                        if i < 0 { sums[g].add(Double(bitPattern: bits)); continue }
                        lo = min(lo, i)
                        hi = max(hi, i + 1)
                    }
                    if hi >= 0 {
                        for g in 0..<groupCount { sums[g].fold(chunks + g * ExactSum.chunkCount, from: lo, through: hi) }
                    }
                    return
                }
                for j in 0..<m {
                    let k = Int(rows[j])
                    sums[Int(groups[j])].add(Double(bitPattern: floats[k].bitPattern & (0 &- UInt64(valid[k]))))
                }
            }
        } else if keepsBest {
            let isFloat = type == .float
            for j in 0..<m where valid[Int(rows[j])] != 0 {
                let k = Int(rows[j])
                keep(Int(groups[j]), isFloat ? floats[k].bitPattern : UInt64(bitPattern: Int64(ints[k])), row: start + k)
            }
        }
    }

    /// Grouped float sums over at most this many groups go through per-group chunks (270 KB).
    static let chunkedGroups = 512
    private var chunks: UnsafeMutablePointer<Int64>?
    private var chunkGroups = 0

    deinit { chunks?.deallocate() }

    /// Zeroed chunks for `groups` groups (they are zeroed again as they are folded).
    private func chunkScratch(_ groups: Int) -> UnsafeMutablePointer<Int64> {
        if let chunks, chunkGroups >= groups { return chunks }
        chunks?.deallocate()
        // Doubling, so groups appearing batch after batch reallocate a few times only.
        let capacity = min(VectorAccumulator.chunkedGroups, max(groups, 2 * chunkGroups, 8))
        let fresh = UnsafeMutablePointer<Int64>.allocate(capacity: capacity * ExactSum.chunkCount)
        fresh.initialize(repeating: 0, count: capacity * ExactSum.chunkCount)
        chunks = fresh
        chunkGroups = capacity
        return fresh
    }

    /// Keeps `bits` (of global row `row`) for group `g` when it beats the kept value: smaller
    /// (min) or larger (max), ties to the earlier row; the earliest row (first) or latest (last).
    @inline(__always)
    private func keep(_ g: Int, _ bits: UInt64, row: Int) {
        let kept = bestRow[g]
        let better: Bool
        if kept < 0 {
            better = true
        } else {
            switch kind {
            case .first: better = row < kept
            case .last: better = row > kept
            default:
                let c = type == .float
                    ? Value.compareDoubles(Double(bitPattern: bits), Double(bitPattern: best[g]))
                    : compareInts(Int64(bitPattern: bits), Int64(bitPattern: best[g]))
                better = (kind == .min ? -c : c) > 0 || (c == 0 && row < kept)
            }
        }
        if better {
            best[g] = bits
            bestRow[g] = row
        }
    }

    @inline(__always)
    private func compareInts(_ a: Int64, _ b: Int64) -> Int { a < b ? -1 : (a > b ? 1 : 0) }

    /// Adds `other`'s state of its group `h` into group `g` (the two saw disjoint rows, whose
    /// row numbers are global): in any order and any split, the same state.
    /// `other` is only read.
    func merge(_ g: Int, from other: VectorAccumulator, group h: Int) {
        grow(to: g + 1)
        // A group `other` never met has the empty state: nothing to add.
        guard h < other.allocated else { return }
        if countsPresent { present[g] &+= other.present[h] }
        if sumsInts { intSums[g] &+= other.intSums[h] }
        if sumsFloats { floatSums[g].add(other.floatSums[h]) }
        if keepsBest && other.bestRow[h] >= 0 { keep(g, other.best[h], row: other.bestRow[h]) }
    }

    /// The aggregate's value for group `g`, exactly as the tree's reducers give it (an int sum
    /// whose total does not fit is the error `Statistics.sum` raises).
    func result(_ g: Int, vm: VectorVM) -> AggregateResult {
        grow(to: g + 1)
        do {
            return .value(try value(g, vm: vm))
        } catch let error as RuntimeError {
            return .error(error)
        } catch {
            return .error(Arithmetic.overflow(span))
        }
    }

    /// Whether `column(groups:vm:)` gives a column (count, an int sum, avg/mean).
    var hasTypedColumn: Bool {
        switch kind {
        case .count, .avg, .mean: return true
        case .sum: return type == .int
        default: return false
        }
    }

    /// The results of groups `0..<groups` as a typed column, when every group's value has the
    /// column's type (nil otherwise: the caller builds the column from values). An int sum's
    /// overflow is reported by `result` first, so its totals here all fit.
    func column(groups: Int, vm: VectorVM) -> Column? {
        grow(to: groups)
        switch kind {
        case .count:
            return Column(storage: .int(Array(present.prefix(groups))), validity: nil)
        case .sum where type == .int:
            return Column(storage: .int(intSums.prefix(groups).map { Int(truncatingIfNeeded: $0) }), validity: nil)
        case .avg, .mean:
            var validity = BitVector(count: groups, value: true)
            var means = [Double](repeating: 0, count: groups)
            for g in 0..<groups {
                if let mean = mean(g) { means[g] = mean } else { validity[g] = false }
            }
            return ColumnBuilder.computed(Column(storage: .float(means), validity: validity))
        default:
            return nil
        }
    }

    /// The exactly rounded sum over the count (nil for no values), as `Statistics.mean`.
    private func mean(_ g: Int) -> Double? {
        let n = present[g]
        guard n > 0 else { return nil }
        if sumsInts {
            var total = ExactSum()
            total.add(intSums[g])
            return total.value / Double(n)
        }
        return floatSums[g].value / Double(n)
    }

    private func value(_ g: Int, vm: VectorVM) throws -> Value {
        switch kind {
        case .count: return .int(present[g])
        case .sum:
            if sumsInts { return try NumericTotal.value(ints: intSums[g], floats: nil, span) }
            return present[g] == 0 ? .int(0) : try NumericTotal.value(ints: 0, floats: floatSums[g], span)
        case .avg, .mean:
            return mean(g).map(Value.float) ?? .null
        default:
            guard bestRow[g] >= 0, let type else { return .null }
            let bits = best[g]
            let i = Int(Int64(bitPattern: bits))
            switch type {
            case .int: return .int(i)
            case .float: return .float(Double(bitPattern: bits))
            case .bool: return .bool(i != 0)
            case .date: return .date(Int32(truncatingIfNeeded: i))
            case .code(let column):
                guard case .string(_, let dictionary) = vm.table.columns[column].storage, dictionary.indices.contains(i) else { return .null }
                return .str(dictionary[i])
            }
        }
    }
}

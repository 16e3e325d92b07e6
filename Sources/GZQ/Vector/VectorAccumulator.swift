/// One aggregate's running state per group, fed the rows each batch selects (`rows`, with
/// their groups from `VectorAggregation.assign`). A group's count of present values is its
/// selected rows minus the nulls met, so `count()` and arguments without nulls count nothing
/// per row; sums and means add every selected row branch-free, a null row adding nothing.
final class VectorAccumulator {
    let kind: AggregateKind
    /// The argument's register, or nil for `count()`.
    let register: Int?
    let type: VectorProgram.RegisterType?
    /// Where each group's selected rows are counted.
    private let grouping: VectorAggregation
    /// Null arguments met per group (subtracted from its selected rows).
    private var nulls: [Int] = []
    private var intSums: [Int] = []
    private var floatSums: [Double] = []
    private var best: [UInt64] = []
    private var hasBest: [Bool] = []
    /// Groups whose int sum overflowed: their result is the tree engine's error.
    private var overflowed: [Bool] = []
    /// The aggregate's span (where an overflow points).
    let span: Span

    /// Nil for aggregates (or argument types) without a kernel.
    init?(kind: AggregateKind, register: Int?, type: VectorProgram.RegisterType?, span: Span, grouping: VectorAggregation) {
        switch (kind, type) {
        case (.count, _): break
        case (.sum, .int?), (.sum, .float?), (.avg, .int?), (.avg, .float?), (.mean, .int?), (.mean, .float?): break
        case (.min, .int?), (.min, .float?), (.min, .date?), (.min, .bool?),
             (.max, .int?), (.max, .float?), (.max, .date?), (.max, .bool?): break
        case (.first, _?), (.last, _?): break
        default: return nil
        }
        self.kind = kind
        self.register = register
        self.type = type
        self.span = span
        self.grouping = grouping
    }

    private func grow(to groups: Int) {
        guard nulls.count < groups else { return }
        let extra = groups - nulls.count
        nulls += repeatElement(0, count: extra)
        intSums += repeatElement(0, count: extra)
        floatSums += repeatElement(0, count: extra)
        best += repeatElement(0, count: extra)
        hasBest += repeatElement(false, count: extra)
        overflowed += repeatElement(false, count: extra)
    }

    /// Present (non-null) values of group `g`'s argument so far (its rows, for `count()`).
    private func presentCount(_ g: Int) -> Int {
        grouping.rows(inGroup: g) - (g < nulls.count ? nulls[g] : 0)
    }

    /// Adds the batch's selected lanes `rows[j]` (group `groups[j]`), `j < m`, in row order.
    func update(_ vm: VectorVM, rows: UnsafePointer<Int32>, groups: UnsafePointer<Int32>, count m: Int, groupCount: Int) {
        grow(to: groupCount)
        guard let r = register, m > 0 else { return }
        let allValid = vm.isAllValid(r)
        let valid = vm.valid(r), ints = vm.ints(r), floats = vm.floats(r)
        let single = grouping.isSingleGroup
        if !allValid && single {
            var present = 0
            for j in 0..<m { present &+= Int(valid[Int(rows[j])]) }
            nulls[0] &+= m &- present
        } else if !allValid {
            nulls.withUnsafeMutableBufferPointer { nulls in
                for j in 0..<m { nulls[Int(groups[j])] &+= 1 &- Int(valid[Int(rows[j])]) }
            }
        }
        switch kind {
        case .count:
            break
        case .sum where type == .int:
            intSums.withUnsafeMutableBufferPointer { sums in
                overflowed.withUnsafeMutableBufferPointer { overflowed in
                    if single {
                        // One group: the running sum stays in a register.
                        var total = sums[0], o = false
                        for j in 0..<m {
                            let k = Int(rows[j])
                            let (next, over) = total.addingReportingOverflow(ints[k] & (0 &- Int(valid[k])))
                            total = next
                            o = o || over
                        }
                        sums[0] = total
                        if o { overflowed[0] = true }
                        return
                    }
                    for j in 0..<m {
                        let k = Int(rows[j]), g = Int(groups[j])
                        // A null lane adds 0 (which never overflows).
                        let (total, o) = sums[g].addingReportingOverflow(ints[k] & (0 &- Int(valid[k])))
                        sums[g] = total
                        if o { overflowed[g] = true }
                    }
                }
            }
        case .sum, .avg, .mean:
            // A null lane adds +0.0: the identity here, as a sum starting at +0.0 is never -0.0.
            let isInt = type == .int
            floatSums.withUnsafeMutableBufferPointer { sums in
                if single {
                    var total = sums[0]
                    for j in 0..<m {
                        let k = Int(rows[j])
                        let x = isInt ? Double(ints[k]) : floats[k]
                        total += Double(bitPattern: x.bitPattern & (0 &- UInt64(valid[k])))
                    }
                    sums[0] = total
                    return
                }
                for j in 0..<m {
                    let k = Int(rows[j])
                    let x = isInt ? Double(ints[k]) : floats[k]
                    sums[Int(groups[j])] += Double(bitPattern: x.bitPattern & (0 &- UInt64(valid[k])))
                }
            }
        case .min, .max:
            let sign = kind == .min ? -1 : 1
            let isFloat = type == .float
            for j in 0..<m where valid[Int(rows[j])] != 0 {
                let k = Int(rows[j]), g = Int(groups[j])
                let candidate = isFloat ? floats[k].bitPattern : UInt64(bitPattern: Int64(ints[k]))
                guard hasBest[g] else {
                    hasBest[g] = true
                    best[g] = candidate
                    continue
                }
                let c = isFloat
                    ? Value.compareDoubles(floats[k], Double(bitPattern: best[g]))
                    : (ints[k] < Int(Int64(bitPattern: best[g])) ? -1 : (ints[k] > Int(Int64(bitPattern: best[g])) ? 1 : 0))
                if c * sign > 0 { best[g] = candidate }
            }
        case .first, .last:
            let isFirst = kind == .first
            for j in 0..<m where valid[Int(rows[j])] != 0 {
                let k = Int(rows[j]), g = Int(groups[j])
                if isFirst && hasBest[g] { continue }
                hasBest[g] = true
                best[g] = type == .float ? floats[k].bitPattern : UInt64(bitPattern: Int64(ints[k]))
            }
        default:
            break
        }
    }

    /// The aggregate's value for group `g`, exactly as the tree's reducers give it (an int sum
    /// that overflowed is the error `Statistics.sum` raises).
    func result(_ g: Int, vm: VectorVM) -> AggregateResult {
        grow(to: g + 1)
        if overflowed[g] { return .error(Arithmetic.overflow(span)) }
        return .value(value(g, vm: vm))
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
    /// column's type (nil otherwise: the caller builds the column from values).
    func column(groups: Int, vm: VectorVM) -> Column? {
        grow(to: groups)
        let present = BitVector(count: groups, value: true)
        switch kind {
        case .count:
            return Column(storage: .int((0..<groups).map(presentCount)), validity: nil)
        case .sum where type == .int:
            return Column(storage: .int(Array(intSums.prefix(groups))), validity: nil)
        case .avg, .mean:
            var validity = present
            var means = [Double](repeating: 0, count: groups)
            for g in 0..<groups {
                let n = presentCount(g)
                if n == 0 { validity[g] = false } else { means[g] = floatSums[g] / Double(n) }
            }
            return ColumnBuilder.computed(Column(storage: .float(means), validity: validity))
        default:
            return nil
        }
    }

    private func value(_ g: Int, vm: VectorVM) -> Value {
        switch kind {
        case .count: return .int(presentCount(g))
        case .sum:
            if presentCount(g) == 0 { return .int(0) }
            return type == .int ? .int(intSums[g]) : .float(0.0 + floatSums[g])
        case .avg, .mean:
            let n = presentCount(g)
            return n == 0 ? .null : .float(floatSums[g] / Double(n))
        default:
            guard hasBest[g], let type else { return .null }
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

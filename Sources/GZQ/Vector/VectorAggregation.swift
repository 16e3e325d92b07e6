/// Grouped aggregation on the fast path: group ids from dense key indexes
/// (dictionary codes, bools, and ints or dates over their min..max range), then one
/// tight loop per aggregate. Groups are numbered in order of first appearance, and
/// values accumulate in row order, so every result is bit-identical to the tree's.
final class VectorAggregation {
    /// Dense group tables larger than this decline to the tree path.
    static let maxDenseSlots = 1 << 22

    private struct Key {
        let register: Int
        let offset: Int
        let range: Int
        let stride: Int
    }

    private let keys: [Key]
    private var slots: [Int32]
    private(set) var firstRows: [Int] = []

    /// Nil when a key is not a plain column of a groupable type or the key space is too large.
    init?(keyColumns: [Int], registers: [Int], table: Table) {
        var keys: [Key] = []
        var stride = 1
        for (column, register) in zip(keyColumns, registers) {
            guard let (offset, range) = VectorAggregation.span(of: table.columns[column]) else { return nil }
            keys.append(Key(register: register, offset: offset, range: range, stride: stride))
            let (next, overflow) = stride.multipliedReportingOverflow(by: range + 1)
            guard !overflow, next <= VectorAggregation.maxDenseSlots else { return nil }
            stride = next
        }
        self.keys = keys
        slots = Array(repeating: -1, count: stride)
    }

    /// The offset and number of distinct non-null key indexes of a column (null gets index `range`).
    private static func span(of column: Column) -> (Int, Int)? {
        switch column.storage {
        case .string(_, let dictionary): return (0, dictionary.count)
        case .bool: return (0, 2)
        case .int(let values): return minMax(values.indices.lazy.filter { column.isValid($0) }.map { values[$0] })
        case .date(let values): return minMax(values.indices.lazy.filter { column.isValid($0) }.map { Int(values[$0]) })
        default: return nil
        }
    }

    private static func minMax<S: Sequence>(_ values: S) -> (Int, Int)? where S.Element == Int {
        var lo = Int.max, hi = Int.min
        for v in values {
            lo = min(lo, v)
            hi = max(hi, v)
        }
        if lo > hi { return (0, 0) }
        let (width, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, width < maxDenseSlots else { return nil }
        return (lo, width + 1)
    }

    var groupCount: Int { firstRows.count }

    /// Fills `groups[k]` with the group of each selected row of the batch (-1 when `selected[k]` is 0).
    func assign(_ vm: VectorVM, start: Int, count n: Int, selected: UnsafePointer<UInt8>?, into groups: UnsafeMutablePointer<Int32>) {
        if keys.isEmpty {
            // One group: it starts at the first selected row.
            for k in 0..<n {
                let take = selected.map { $0[k] != 0 } ?? true
                groups[k] = take ? 0 : -1
                if take && firstRows.isEmpty { firstRows.append(start + k) }
            }
            return
        }
        // Dense slot index of every row first (one tight pass per key), then the slot lookups.
        let index = UnsafeMutablePointer<Int>.allocate(capacity: n)
        defer { index.deallocate() }
        index.initialize(repeating: 0, count: n)
        for key in keys {
            let lanes = vm.ints(key.register), valid = vm.valid(key.register)
            let offset = key.offset, range = key.range, stride = key.stride
            for k in 0..<n {
                let present = Int(valid[k])
                // Branch-free: a null key takes slot `range`.
                let part = (lanes[k] &- offset) & (0 &- present) | range & (present &- 1)
                index[k] &+= part &* stride
            }
        }
        slots.withUnsafeMutableBufferPointer { slots in
            for k in 0..<n {
                if let selected, selected[k] == 0 { groups[k] = -1; continue }
                var group = slots[index[k]]
                if group < 0 {
                    group = Int32(firstRows.count)
                    slots[index[k]] = group
                    firstRows.append(start + k)
                }
                groups[k] = group
            }
        }
    }
}

/// One aggregate's running state per group.
final class VectorAccumulator {
    let kind: AggregateKind
    /// The argument's register, or nil for `count()`.
    let register: Int?
    let type: VectorProgram.RegisterType?
    private var counts: [Int] = []
    private var intSums: [Int] = []
    private var floatSums: [Double] = []
    private var best: [UInt64] = []
    private var hasBest: [Bool] = []
    /// Groups whose int sum overflowed: their result is the tree engine's error.
    private var overflowed: [Bool] = []
    /// The aggregate's span (where an overflow points).
    let span: Span

    /// Nil for aggregates (or argument types) without a kernel.
    init?(kind: AggregateKind, register: Int?, type: VectorProgram.RegisterType?, span: Span) {
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
    }

    private func grow(to groups: Int) {
        guard counts.count < groups else { return }
        let extra = groups - counts.count
        counts += repeatElement(0, count: extra)
        intSums += repeatElement(0, count: extra)
        floatSums += repeatElement(0, count: extra)
        best += repeatElement(0, count: extra)
        hasBest += repeatElement(false, count: extra)
        overflowed += repeatElement(false, count: extra)
    }

    func update(_ vm: VectorVM, groups: UnsafeMutablePointer<Int32>, count n: Int, groupCount: Int) {
        grow(to: groupCount)
        guard let r = register else {
            counts.withUnsafeMutableBufferPointer { counts in
                for k in 0..<n where groups[k] >= 0 { counts[Int(groups[k])] += 1 }
            }
            return
        }
        let valid = vm.valid(r), ints = vm.ints(r), floats = vm.floats(r)
        // Each case is its own tight loop; values accumulate in row order per group.
        counts.withUnsafeMutableBufferPointer { counts in
            for k in 0..<n where groups[k] >= 0 && valid[k] != 0 { counts[Int(groups[k])] += 1 }
        }
        switch kind {
        case .count:
            break
        case .sum where type == .int:
            intSums.withUnsafeMutableBufferPointer { sums in
                overflowed.withUnsafeMutableBufferPointer { overflowed in
                    for k in 0..<n where groups[k] >= 0 && valid[k] != 0 {
                        let g = Int(groups[k])
                        let (total, o) = sums[g].addingReportingOverflow(ints[k])
                        sums[g] = total
                        if o { overflowed[g] = true }
                    }
                }
            }
        case .sum, .avg, .mean:
            let isInt = type == .int
            floatSums.withUnsafeMutableBufferPointer { sums in
                for k in 0..<n where groups[k] >= 0 && valid[k] != 0 {
                    sums[Int(groups[k])] += isInt ? Double(ints[k]) : floats[k]
                }
            }
        case .min, .max:
            let sign = kind == .min ? -1 : 1
            let isFloat = type == .float
            for k in 0..<n where groups[k] >= 0 && valid[k] != 0 {
                let g = Int(groups[k])
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
            for k in 0..<n where groups[k] >= 0 && valid[k] != 0 {
                let g = Int(groups[k])
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
            return Column(storage: .int(Array(counts.prefix(groups))), validity: nil)
        case .sum where type == .int:
            return Column(storage: .int(Array(intSums.prefix(groups))), validity: nil)
        case .avg, .mean:
            var validity = present
            var means = [Double](repeating: 0, count: groups)
            for g in 0..<groups {
                if counts[g] == 0 { validity[g] = false } else { means[g] = floatSums[g] / Double(counts[g]) }
            }
            return ColumnBuilder.computed(Column(storage: .float(means), validity: validity))
        default:
            return nil
        }
    }

    private func value(_ g: Int, vm: VectorVM) -> Value {
        switch kind {
        case .count: return .int(counts[g])
        case .sum:
            if counts[g] == 0 { return .int(0) }
            return type == .int ? .int(intSums[g]) : .float(0.0 + floatSums[g])
        case .avg, .mean:
            return counts[g] == 0 ? .null : .float(floatSums[g] / Double(counts[g]))
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

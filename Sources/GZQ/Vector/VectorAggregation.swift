/// Grouped aggregation on the fast path: group ids from dense key indexes
/// (dictionary codes, bools, and ints or dates over their min..max range) for the rows a
/// batch selects, then one branch-free loop per aggregate over those rows. Groups are
/// numbered in order of first appearance (workers' groupings merge into that numbering), and
/// aggregate states are exact, so every result is bit-identical to the tree's.
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
    /// Each group's dense slot (how a worker's groups are matched when workers merge).
    private var groupSlots: [Int] = []
    /// Each selected row's dense slot index, reused batch after batch.
    private let index = UnsafeMutablePointer<Int>.allocate(capacity: VectorVM.batchSize)

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

    /// An empty grouping over the same keys (a worker's own; no key scan).
    private init(keys: [Key], slotCount: Int) {
        self.keys = keys
        slots = Array(repeating: -1, count: slotCount)
    }

    func fresh() -> VectorAggregation { VectorAggregation(keys: keys, slotCount: slots.count) }

    deinit { index.deallocate() }

    /// The groups of several workers' groupings (fresh copies of one) as one grouping, numbered
    /// by first row as a single pass over all rows numbers them, with where each worker's group
    /// went: `map[worker][group]`.
    static func merging(_ parts: [VectorAggregation]) -> (grouping: VectorAggregation, map: [[Int]]) {
        let merged = parts[0].fresh()
        var entries: [(first: Int, part: Int, group: Int)] = []
        for (p, part) in parts.enumerated() {
            for (h, first) in part.firstRows.enumerated() { entries.append((first, p, h)) }
        }
        entries.sort { $0.first < $1.first }
        var map = parts.map { [Int](repeating: 0, count: $0.firstRows.count) }
        for (first, p, h) in entries {
            let slot = parts[p].groupSlots[h]
            var g = Int(merged.slots[slot])
            if g < 0 {
                g = merged.firstRows.count
                merged.slots[slot] = Int32(g)
                merged.firstRows.append(first)
                merged.groupSlots.append(slot)
            }
            map[p][h] = g
        }
        return (merged, map)
    }

    /// The offset and number of distinct non-null key indexes of a column (null gets index `range`).
    private static func span(of column: Column) -> (Int, Int)? {
        switch column.storage {
        case .string(_, let dictionary): return (0, dictionary.count)
        case .bool: return (0, 2)
        case .int(let values): return values.withUnsafeBufferPointer { minMax($0, column.validity) { $0 } }
        case .date(let values): return values.withUnsafeBufferPointer { minMax($0, column.validity) { Int($0) } }
        default: return nil
        }
    }

    /// Min and max of the valid values (one plain pass when the column has no nulls; else a
    /// validity word at a time, skipping words with no valid cell), as (offset, range).
    private static func minMax<T>(_ values: UnsafeBufferPointer<T>, _ validity: BitVector?, _ int: (T) -> Int) -> (Int, Int)? {
        var lo = Int.max, hi = Int.min
        if let validity {
            var word = 0
            var base = 0
            while base < values.count {
                let bits = validity.words[word]
                let end = min(base + 64, values.count)
                if bits == ~0 {
                    for k in base..<end {
                        lo = min(lo, int(values[k]))
                        hi = max(hi, int(values[k]))
                    }
                } else if bits != 0 {
                    for k in base..<end where bits >> UInt64(k - base) & 1 != 0 {
                        lo = min(lo, int(values[k]))
                        hi = max(hi, int(values[k]))
                    }
                }
                word += 1
                base = end
            }
        } else {
            for v in values {
                lo = min(lo, int(v))
                hi = max(hi, int(v))
            }
        }
        if lo > hi { return (0, 0) }
        let (width, overflow) = hi.subtractingReportingOverflow(lo)
        guard !overflow, width < maxDenseSlots else { return nil }
        return (lo, width + 1)
    }

    var groupCount: Int { firstRows.count }

    /// The dense key space: how many groups there could be.
    var slotCount: Int { slots.count }

    /// Whether every row falls in one group (no `by`).
    var isSingleGroup: Bool { keys.isEmpty }

    /// Fills `groups[j]` with the group of the batch's selected row `rows[j]` (lane numbers in
    /// increasing order), for `j < m`.
    func assign(_ vm: VectorVM, start: Int, rows: UnsafePointer<Int32>, count m: Int, into groups: UnsafeMutablePointer<Int32>) {
        if keys.isEmpty {
            // One group: it starts at the first selected row.
            guard m > 0 else { return }
            if firstRows.isEmpty {
                firstRows.append(start + Int(rows[0]))
                groupSlots.append(0)
            }
            groups.update(repeating: 0, count: m)
            return
        }
        // Dense slot index of every selected row first (one tight pass per key), then the slot lookups.
        let index = self.index
        for (number, key) in keys.enumerated() {
            let lanes = vm.ints(key.register), valid = vm.valid(key.register)
            let offset = key.offset, range = key.range, stride = key.stride
            let first = number == 0
            if vm.isAllValid(key.register) {
                // No null key in this batch: the lane's offset alone.
                for j in 0..<m {
                    let part = (lanes[Int(rows[j])] &- offset) &* stride
                    index[j] = first ? part : index[j] &+ part
                }
                continue
            }
            for j in 0..<m {
                let k = Int(rows[j])
                let present = Int(valid[k])
                // Branch-free: a null key takes slot `range`.
                let part = ((lanes[k] &- offset) & (0 &- present) | range & (present &- 1)) &* stride
                index[j] = first ? part : index[j] &+ part
            }
        }
        slots.withUnsafeMutableBufferPointer { slots in
            for j in 0..<m {
                var group = slots[index[j]]
                if group < 0 {
                    group = Int32(firstRows.count)
                    slots[index[j]] = group
                    firstRows.append(start + Int(rows[j]))
                    groupSlots.append(index[j])
                }
                groups[j] = group
            }
        }
    }
}

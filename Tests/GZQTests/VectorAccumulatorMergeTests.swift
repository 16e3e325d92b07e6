import XCTest
@testable import GZQ

/// The merge API the parallel driver calls: a table's rows split into disjoint sets fed to
/// two or three accumulators (each over its own grouping, batches in different orders), merged
/// in a shuffled order into a `fresh` accumulator, give the bits of one accumulator over all
/// rows, which are the tree reducers' (`AggregateKind.reduceList` over each group in row
/// order) — for every kind with a kernel, every lane type, with nulls, ties and specials.
final class VectorAccumulatorMergeTests: XCTestCase {
    private let rows = 9000
    private let span = Span(file: 0, start: 0, end: 1)

    /// Columns: key k (strings, with nulls), i (ints), f (floats spanning magnitudes, ±0.0 ties),
    /// g (floats with NaN and infinities), z (only ±0.0: ties), h and c (exact sums:
    /// integers and halves, subnormals), d (dates), b (bools), s (strings),
    /// id (700 int keys: more groups than the chunked float sums take).
    private func makeTable(seed: UInt64) -> Table {
        var r = ExactSumTests.Generator(state: seed)
        let keys = ["贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州"]
        var k: [String?] = [], i: [Int?] = [], f: [Double?] = [], g: [Double?] = [], z: [Double?] = [], s: [String?] = []
        var h: [Double?] = [], c: [Double?] = []
        var d: [Int32?] = [], b: [Bool?] = []
        for row in 0..<rows {
            // The last batch's rows all fall in one key, and a key appears only late (group order differs per worker).
            k.append(row % 97 == 0 ? nil : keys[row > 8000 ? 6 : Int.random(in: 0..<6, using: &r)])
            i.append(row % 13 == 0 ? nil : Int.random(in: -1_000_000_000_000...1_000_000_000_000, using: &r))
            let magnitude = Double(sign: .plus, exponent: Int.random(in: -30...50, using: &r), significand: 1 + Double.random(in: 0..<1, using: &r))
            f.append(row % 11 == 0 ? nil : row % 17 == 0 ? (row % 2 == 0 ? 0.0 : -0.0) : (Bool.random(using: &r) ? magnitude : -magnitude))
            g.append(row % 7 == 0 ? nil : row == 4321 ? .nan : row == 5000 ? .infinity : Double.random(in: -1...1, using: &r))
            // Ties at the extremes: min(z) and max(z) keep the earliest of -0.0 and 0.0.
            z.append(row % 5 == 0 ? nil : [0.0, -0.0, -0.0, 0.0][Int.random(in: 0..<4, using: &r)])
            // Sums exactly representable, so every dropped bit shows: integers and halves below
            // 2^40, and subnormals.
            h.append(row % 31 == 0 ? nil : Double(Int.random(in: -(1 << 40)...(1 << 40), using: &r)) + (Bool.random(using: &r) ? 0.5 : 0))
            c.append(Double(sign: .plus, exponent: -1074, significand: Double(Int.random(in: -(1 << 40)...(1 << 40), using: &r))))
            d.append(row % 19 == 0 ? nil : Int32.random(in: 10_000...20_000, using: &r))
            b.append(row % 23 == 0 ? nil : Bool.random(using: &r))
            s.append(row % 29 == 0 ? nil : "甲乙丙丁".map(String.init)[Int.random(in: 0..<4, using: &r)])
        }
        var dates = BitVector(count: rows, value: true), bools = BitVector(count: rows, value: true)
        var boolBits = BitVector(count: rows, value: false)
        for row in 0..<rows {
            if d[row] == nil { dates[row] = false }
            if let v = b[row] { boolBits[row] = v } else { bools[row] = false }
        }
        return table(["k": strings(k), "i": ints(i), "f": floats(f), "g": floats(g), "z": floats(z), "h": floats(h), "c": floats(c),
                      "d": Column(storage: .date(d.map { $0 ?? 0 }), validity: dates),
                      "b": Column(storage: .bool(boolBits), validity: bools), "s": strings(s),
                      "id": ints((0..<rows).map { $0 % 700 })])
    }

    /// One load per column (as the compiler emits them); register r reads column r.
    private func program(_ t: Table) -> VectorProgram {
        let p = VectorProgram(span: span)
        for (c, column) in t.columns.enumerated() {
            let type: VectorProgram.RegisterType
            switch column.storage {
            case .int: type = .int
            case .float: type = .float
            case .date: type = .date
            case .bool: type = .bool
            default: type = .code(column: c)
            }
            let r = p.newRegister(type)
            p.emit(type == .float ? .loadFloat : .loadInt, r, c, span: span)
        }
        return p
    }

    /// Every (kind, argument column) with a batch kernel: nil column is `count()`.
    private func aggregates(_ p: VectorProgram, grouping: VectorAggregation) -> [(String, VectorAccumulator)] {
        var out: [(String, VectorAccumulator)] = []
        for kind in AggregateKind.allCases {
            for column in [nil] + Array(1..<p.registerTypes.count).map(Optional.some) {
                let type = column.map { p.registerTypes[$0] }
                if let a = VectorAccumulator(kind: kind, register: column, type: type, span: span, grouping: grouping) {
                    out.append(("\(kind.name)(\(column.map { "column \($0)" } ?? ""))", a))
                }
            }
        }
        return out
    }

    /// Feeds the rows whose `owner` is `worker`, batch by batch in `order`.
    private func feed(_ accumulators: [VectorAccumulator], _ grouping: VectorAggregation, _ p: VectorProgram, _ t: Table,
                      owner: [Int], worker: Int, order: [Int]) {
        let vm = VectorVM(program: p, table: t)
        let selected = UnsafeMutablePointer<Int32>.allocate(capacity: VectorVM.batchSize)
        let groups = UnsafeMutablePointer<Int32>.allocate(capacity: VectorVM.batchSize)
        defer { selected.deallocate(); groups.deallocate() }
        for batch in order {
            let start = batch * VectorVM.batchSize, n = min(VectorVM.batchSize, t.rowCount - start)
            vm.run(start: start, count: n)
            var m = 0
            for lane in 0..<n where owner[start + lane] == worker {
                selected[m] = Int32(lane)
                m += 1
            }
            grouping.assign(vm, start: start, rows: selected, count: m, into: groups)
            for a in accumulators { a.update(vm, start: start, rows: selected, groups: groups, count: m, groupCount: grouping.groupCount) }
        }
    }

    /// A result with its float bits (NaN and -0.0 compare as themselves).
    private func shown(_ result: AggregateResult) -> String {
        switch result {
        case .value(.float(let x)): return "float \(String(x.bitPattern, radix: 16))"
        case .value(let v): return "\(v)"
        case .error(let e): return "error \(e)"
        }
    }

    private func tree(_ kind: AggregateKind, _ column: Int?, _ t: Table, rows: [Int]) -> String {
        guard let column else { return shown(.value(.int(rows.count))) }
        let values = rows.map { t.columns[column].value(at: $0) }
        do { return shown(.value(try AggregateKind.reduceList(kind, values, span: span))) } catch let e as RuntimeError {
            return shown(.error(e))
        } catch { return "\(error)" }
    }

    private func check(keyed: Bool, key: Int = 0, workers: Int, seed: UInt64) {
        let t = makeTable(seed: seed)
        let p = program(t)
        func grouping() -> VectorAggregation {
            keyed ? VectorAggregation(keyColumns: [key], registers: [key], table: t).unsafelyUnwrapped
                : VectorAggregation(keyColumns: [], registers: [], table: t).unsafelyUnwrapped
        }
        var r = ExactSumTests.Generator(state: seed ^ 0xabc)
        let batches = Array(0..<((rows + VectorVM.batchSize - 1) / VectorVM.batchSize))
        // One accumulator over all rows, in order.
        let whole = grouping()
        let reference = aggregates(p, grouping: whole)
        feed(reference.map(\.1), whole, p, t, owner: Array(repeating: 0, count: rows), worker: 0, order: batches)
        // Workers over disjoint random rows, each in its own batch order.
        let owner = (0..<rows).map { _ in Int.random(in: 0..<workers, using: &r) }
        var parts: [(VectorAggregation, [VectorAccumulator])] = []
        for w in 0..<workers {
            let own = grouping()
            let accumulators = reference.map { $0.1.fresh(grouping: own) }
            feed(accumulators, own, p, t, owner: owner, worker: w, order: w == 1 ? batches.reversed() : batches.shuffled(using: &r))
            parts.append((own, accumulators))
        }
        // The reference group of a row, through its key.
        func keyOf(_ row: Int) -> Value { keyed ? t.columns[key].value(at: row) : .null }
        var groupOfKey: [String: Int] = [:]
        for (g, first) in whole.firstRows.enumerated() { groupOfKey["\(keyOf(first))"] = g }
        let merged = reference.map { $0.1.fresh(grouping: grouping()) }
        for (own, accumulators) in parts.shuffled(using: &r) {
            for (h, first) in own.firstRows.enumerated() {
                guard let g = groupOfKey["\(keyOf(first))"] else { return XCTFail("a worker's group is missing from the whole") }
                for (target, source) in zip(merged, accumulators) { target.merge(g, from: source, group: h) }
            }
        }
        let vm = VectorVM(program: p, table: t)
        var rowsOfGroup = [[Int]](repeating: [], count: whole.groupCount)
        for row in 0..<rows { if let g = groupOfKey["\(keyOf(row))"] { rowsOfGroup[g].append(row) } }
        XCTAssertEqual(rowsOfGroup.map(\.count).reduce(0, +), rows)
        for ((name, whole), target) in zip(reference, merged) {
            for g in 0..<rowsOfGroup.count {
                let expected = tree(whole.kind, whole.register, t, rows: rowsOfGroup[g])
                XCTAssertEqual(shown(whole.result(g, vm: vm)), expected, "\(name), group \(g): one accumulator vs the tree")
                XCTAssertEqual(shown(target.result(g, vm: vm)), expected, "\(name), group \(g): merged from \(workers) workers")
            }
        }
    }

    func testMergedGroupedStatesEqualOneAccumulatorAndTheTree() {
        check(keyed: true, workers: 2, seed: 1)
        check(keyed: true, workers: 3, seed: 2)
    }

    func testMergedStatesOverManyGroupsEqualOneAccumulatorAndTheTree() {
        let id = makeTable(seed: 0).schema.names.firstIndex(of: "id") ?? -1
        check(keyed: true, key: id, workers: 2, seed: 5)
    }

    func testMergedSingleGroupStatesEqualOneAccumulatorAndTheTree() {
        check(keyed: false, workers: 2, seed: 3)
        check(keyed: false, workers: 3, seed: 4)
    }

    /// An int total that fits is no overflow in any split ([Int.max, 1, -1]); one that does not
    /// fit is the overflow error whichever worker saw which row.
    func testIntSumOverflowDependsOnlyOnTheTotal() {
        for (values, overflows) in [([Int.max, 1, -1], false), ([Int.max, 1, 1, -1], true), ([Int.min, -1, 1], false)] {
            let t = table(["i": ints(values + Array(repeating: 0, count: 5000))])
            let p = VectorProgram(span: span)
            let r = p.newRegister(.int)
            p.emit(.loadInt, r, 0, span: span)
            for split in 0..<values.count {
                let parts = (0..<2).map { _ in VectorAggregation(keyColumns: [], registers: [], table: t).unsafelyUnwrapped }
                let sums = parts.map { VectorAccumulator(kind: .sum, register: r, type: .int, span: span, grouping: $0).unsafelyUnwrapped }
                let owner = (0..<t.rowCount).map { $0 == split ? 1 : 0 }
                for w in 0..<2 { feed([sums[w]], parts[w], p, t, owner: owner, worker: w, order: [2, 1, 0]) }
                let merged = sums[0].fresh(grouping: parts[0])
                merged.merge(0, from: sums[1], group: 0)
                merged.merge(0, from: sums[0], group: 0)
                let vm = VectorVM(program: p, table: t)
                if overflows {
                    XCTAssertEqual(shown(merged.result(0, vm: vm)), shown(.error(Arithmetic.overflow(span))))
                } else {
                    XCTAssertEqual(shown(merged.result(0, vm: vm)), shown(.value(.int(values.reduce(0, &+)))))
                }
            }
        }
    }
}

/// Runs a `VectorProgram` over a table, one batch of up to 2048 rows at a time.
/// Registers are Int64 or Double lanes plus a validity byte per lane; kernels are
/// plain loops over unsafe buffers (they vectorize). Lanes of null rows may hold
/// anything: every kernel masks with validity before it can fail.
final class VectorVM {
    static let batchSize = 2048

    let program: VectorProgram
    let table: Table
    private let lanes: UnsafeMutablePointer<UInt64>
    private let validity: UnsafeMutablePointer<UInt8>
    private let registerCount: Int
    /// Set when a kernel hit an error (integer overflow): the caller reruns on the tree path.
    private(set) var failed = false

    init(program: VectorProgram, table: Table) {
        self.program = program
        self.table = table
        registerCount = max(1, program.registerTypes.count)
        lanes = .allocate(capacity: registerCount * VectorVM.batchSize)
        validity = .allocate(capacity: registerCount * VectorVM.batchSize)
        for (r, bits, valid) in program.constants {
            (lanes + r * VectorVM.batchSize).initialize(repeating: bits, count: VectorVM.batchSize)
            (validity + r * VectorVM.batchSize).initialize(repeating: valid ? 1 : 0, count: VectorVM.batchSize)
        }
    }

    deinit {
        lanes.deallocate()
        validity.deallocate()
    }

    @inline(__always) func ints(_ r: Int) -> UnsafeMutablePointer<Int> {
        UnsafeMutableRawPointer(lanes + r * VectorVM.batchSize).assumingMemoryBound(to: Int.self)
    }

    @inline(__always) func floats(_ r: Int) -> UnsafeMutablePointer<Double> {
        UnsafeMutableRawPointer(lanes + r * VectorVM.batchSize).assumingMemoryBound(to: Double.self)
    }

    @inline(__always) func valid(_ r: Int) -> UnsafeMutablePointer<UInt8> { validity + r * VectorVM.batchSize }

    /// Evaluates every instruction for rows `start ..< start + n`; the result is in `program.result`.
    func run(start: Int, count n: Int) {
        for instruction in program.instructions {
            execute(instruction, start: start, n: n)
        }
    }

    // MARK: - Loads

    private func load(_ i: VectorInstruction, start: Int, n: Int) {
        let column = table.columns[i.a]
        let v = valid(i.d)
        if let bitmap = column.validity {
            for k in 0..<n { v[k] = bitmap[start + k] ? 1 : 0 }
        } else {
            v.update(repeating: 1, count: n)
        }
        switch column.storage {
        case .int(let values):
            values.withUnsafeBufferPointer { src in
                ints(i.d).update(from: src.baseAddress! + start, count: n)
            }
        case .float(let values):
            values.withUnsafeBufferPointer { src in
                floats(i.d).update(from: src.baseAddress! + start, count: n)
            }
        case .date(let values):
            let d = ints(i.d)
            values.withUnsafeBufferPointer { src in for k in 0..<n { d[k] = Int(src[start + k]) } }
        case .string(let codes, _):
            let d = ints(i.d)
            codes.withUnsafeBufferPointer { src in for k in 0..<n { d[k] = Int(src[start + k]) } }
        case .bool(let bits):
            let d = ints(i.d)
            for k in 0..<n { d[k] = bits[start + k] ? 1 : 0 }
        case .boxed:
            v.update(repeating: 0, count: n)
        }
    }

    // MARK: - Dispatch

    private func execute(_ i: VectorInstruction, start: Int, n: Int) {
        switch i.op {
        case .loadInt, .loadFloat:
            load(i, start: start, n: n)
        case .intToFloat:
            let a = ints(i.a), d = floats(i.d)
            for k in 0..<n { d[k] = Double(a[k]) }
            valid(i.d).update(from: valid(i.a), count: n)
        case .addInt: intArithmetic(i, n) { $0.addingReportingOverflow($1) }
        case .subInt: intArithmetic(i, n) { $0.subtractingReportingOverflow($1) }
        case .mulInt: intArithmetic(i, n) { $0.multipliedReportingOverflow(by: $1) }
        case .floorDivInt: intDivision(i, n, floor: true)
        case .modInt: intDivision(i, n, floor: false)
        case .negInt:
            let a = ints(i.a), d = ints(i.d), va = valid(i.a), vd = valid(i.d)
            var overflow = false
            for k in 0..<n {
                let (r, o) = 0.subtractingReportingOverflow(a[k])
                d[k] = r
                vd[k] = va[k]
                overflow = overflow || (o && va[k] != 0)
            }
            if overflow { failed = true }
        case .addFloat: floatArithmetic(i, n) { $0 + $1 }
        case .subFloat: floatArithmetic(i, n) { $0 - $1 }
        case .mulFloat: floatArithmetic(i, n) { $0 * $1 }
        case .divFloat: floatDivision(i, n) { $0 / $1 }
        case .floorDivFloat: floatDivision(i, n) { ($0 / $1).rounded(.down) }
        case .modFloat:
            floatDivision(i, n) { x, y in
                let r = x.truncatingRemainder(dividingBy: y)
                return r != 0 && ((r < 0) != (y < 0)) ? r + y : r
            }
        case .negFloat:
            let a = floats(i.a), d = floats(i.d)
            for k in 0..<n { d[k] = -a[k] }
            valid(i.d).update(from: valid(i.a), count: n)
        case .compareInt: compare(i, n) { x, y in x < y ? -1 : (x > y ? 1 : 0) } load: { self.ints($0)[$1] } _: { self.ints($0)[$1] }
        case .compareFloat: compare(i, n) { Value.compareDoubles($0, $1) } load: { self.floats($0)[$1] } _: { self.floats($0)[$1] }
        case .compareIntFloat: compare(i, n) { Value.compareIntDouble($0, $1) } load: { self.ints($0)[$1] } _: { self.floats($0)[$1] }
        case .equalInt: equal(i, n) { self.ints(i.a)[$0] == self.ints(i.b)[$0] }
        case .equalFloat: equal(i, n) { self.floats(i.a)[$0] == self.floats(i.b)[$0] }
        case .equalIntFloat:
            equal(i, n) { k in
                let x = self.ints(i.a)[k], y = self.floats(i.b)[k]
                return Double(x) == y && Int(exactly: y) == x
            }
        case .inSet:
            let set = program.sets[i.extra]
            let a = ints(i.a), va = valid(i.a), d = ints(i.d), vd = valid(i.d)
            for k in 0..<n {
                d[k] = va[k] != 0 ? (set.contains(a[k]) ? 1 : 0) : i.b
                vd[k] = 1
            }
        case .and, .or:
            let a = ints(i.a), b = ints(i.b), va = valid(i.a), vb = valid(i.b), d = ints(i.d), vd = valid(i.d)
            let isAnd = i.op == .and
            for k in 0..<n {
                let truthy = va[k] != 0 && a[k] != 0
                // `and` returns the left operand when it is falsy; `or` when it is truthy.
                if truthy != isAnd {
                    d[k] = a[k]
                    vd[k] = va[k]
                } else {
                    d[k] = b[k]
                    vd[k] = vb[k]
                }
            }
        case .not:
            let a = ints(i.a), va = valid(i.a), d = ints(i.d), vd = valid(i.d)
            let isBool = i.extra == 1
            for k in 0..<n {
                let truthy = va[k] != 0 && (!isBool || a[k] != 0)
                d[k] = truthy ? 0 : 1
                vd[k] = 1
            }
        case .coalesce:
            let a = lanes + i.a * VectorVM.batchSize, b = lanes + i.b * VectorVM.batchSize, d = lanes + i.d * VectorVM.batchSize
            let va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
            for k in 0..<n {
                let useA = va[k] != 0
                d[k] = useA ? a[k] : b[k]
                vd[k] = useA ? 1 : vb[k]
            }
        case .rate:
            floatDivision(i, n) { $0 / $1 }
        case .change:
            let a = floats(i.a), b = floats(i.b), va = valid(i.a), vb = valid(i.b), d = floats(i.d), vd = valid(i.d)
            for k in 0..<n {
                let ok = va[k] & vb[k] != 0 && a[k] != 0
                d[k] = ok ? (b[k] - a[k]) / a[k] : 0
                vd[k] = ok ? 1 : 0
            }
        case .pp:
            let a = floats(i.a), b = floats(i.b), va = valid(i.a), vb = valid(i.b), d = floats(i.d), vd = valid(i.d)
            for k in 0..<n {
                let ok = va[k] & vb[k] != 0
                d[k] = ok ? Rounding.round((b[k] - a[k]) * 100, digits: 12) : 0
                vd[k] = ok ? 1 : 0
            }
        }
    }

    // MARK: - Kernels

    @inline(__always)
    private func intArithmetic(_ i: VectorInstruction, _ n: Int, _ f: (Int, Int) -> (partialValue: Int, overflow: Bool)) {
        let a = ints(i.a), b = ints(i.b), d = ints(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        var overflow = false
        for k in 0..<n {
            let (r, o) = f(a[k], b[k])
            let v = va[k] & vb[k]
            d[k] = r
            vd[k] = v
            overflow = overflow || (o && v != 0)
        }
        if overflow { failed = true }
    }

    private func intDivision(_ i: VectorInstruction, _ n: Int, floor: Bool) {
        let a = ints(i.a), b = ints(i.b), d = ints(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        for k in 0..<n {
            let x = a[k], y = b[k]
            let ok = va[k] & vb[k] != 0 && y != 0
            vd[k] = ok ? 1 : 0
            guard ok else { d[k] = 0; continue }
            if floor {
                let (q, o) = x.dividedReportingOverflow(by: y)
                if o { failed = true; d[k] = 0; continue }
                d[k] = (x % y != 0) && ((x < 0) != (y < 0)) ? q - 1 : q
            } else {
                let (r, _) = x.remainderReportingOverflow(dividingBy: y)
                d[k] = r != 0 && ((r < 0) != (y < 0)) ? r + y : r
            }
        }
    }

    @inline(__always)
    private func floatArithmetic(_ i: VectorInstruction, _ n: Int, _ f: (Double, Double) -> Double) {
        let a = floats(i.a), b = floats(i.b), d = floats(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        for k in 0..<n {
            d[k] = f(a[k], b[k])
            vd[k] = va[k] & vb[k]
        }
    }

    /// Float division-like kernels: null when the divisor is zero.
    @inline(__always)
    private func floatDivision(_ i: VectorInstruction, _ n: Int, _ f: (Double, Double) -> Double) {
        let a = floats(i.a), b = floats(i.b), d = floats(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        for k in 0..<n {
            let ok = va[k] & vb[k] != 0 && b[k] != 0
            d[k] = ok ? f(a[k], b[k]) : 0
            vd[k] = ok ? 1 : 0
        }
    }

    @inline(__always)
    private func compare<A, B>(_ i: VectorInstruction, _ n: Int, _ cmp: (A, B) -> Int,
                               load la: (Int, Int) -> A, _ lb: (Int, Int) -> B) {
        let d = ints(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        for k in 0..<n {
            let v = va[k] & vb[k]
            vd[k] = v
            guard v != 0 else { d[k] = 0; continue }
            let c = cmp(la(i.a, k), lb(i.b, k))
            let r: Bool
            switch i.extra {
            case 0: r = c < 0
            case 1: r = c <= 0
            case 2: r = c > 0
            default: r = c >= 0
            }
            d[k] = r ? 1 : 0
        }
    }

    /// `==`/`!=`: null equals null; a null never equals a value; never null itself.
    @inline(__always)
    private func equal(_ i: VectorInstruction, _ n: Int, _ same: (Int) -> Bool) {
        let d = ints(i.d), va = valid(i.a), vb = valid(i.b), vd = valid(i.d)
        let negate = i.extra == 1
        for k in 0..<n {
            let eq: Bool
            switch (va[k] != 0, vb[k] != 0) {
            case (true, true): eq = same(k)
            case (false, false): eq = true
            default: eq = false
            }
            d[k] = eq != negate ? 1 : 0
            vd[k] = 1
        }
    }

    // MARK: - Reading results

    /// Whether row k of the batch passes as a predicate (truthy: non-null and, for bools, true).
    @inline(__always) func isTruthy(_ r: Int, _ k: Int) -> Bool {
        valid(r)[k] != 0 && (program.registerTypes[r] != .bool || ints(r)[k] != 0)
    }

    func value(_ r: Int, _ k: Int) -> Value {
        guard valid(r)[k] != 0 else { return .null }
        switch program.registerTypes[r] {
        case .int: return .int(ints(r)[k])
        case .float: return .float(floats(r)[k])
        case .bool: return .bool(ints(r)[k] != 0)
        case .date: return .date(Int32(truncatingIfNeeded: ints(r)[k]))
        case .code(let column):
            guard case .string(_, let dictionary) = table.columns[column].storage, dictionary.indices.contains(ints(r)[k]) else { return .null }
            return .str(dictionary[ints(r)[k]])
        }
    }
}

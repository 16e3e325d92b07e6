/// A `where`'s condition as truth bytes: when the program's result is built of `and`, `or`,
/// `not` and comparisons (dictionary codes against a constant, ints against ints or a
/// constant), `VectorVM.selection` computes whether each row is kept straight from the column
/// storage, one byte a row (0 or 1, null already folded in as "not kept"), combining
/// conjuncts byte by byte — no 8-byte lanes, no validity bytes — and then lists the kept rows.
///
/// Row truth is all a selection needs: `a and b` keeps a row when both sides are truthy,
/// `a or b` when either is, `not a` when `a` is not (whichever operand the tree engine returns).
/// The instructions the tree stands for are *deferred*: `run` skips them, and they run as
/// before, densely, only if something reads the result register's lanes (a computed bool
/// column). None of them is checked (the compiler puts no checked arithmetic right of an
/// `and`/`or`, and the fused leaves cannot overflow), so deferring them moves no error.
struct VectorPredicate {
    indirect enum Node {
        case all([Node])
        case any([Node])
        case not(Node)
        /// Dictionary codes of `column` against `code` (-1: not in the dictionary).
        case code(column: Int, code: Int, negate: Bool)
        /// `r[a] <op> r[b]` on int lanes, or against the constant `constant` (then `b` is unused).
        case compare(a: Int, b: Int, constant: Int?, ordering: Int)
        /// `r[a] == r[b]` (`!=` when `negate`), null equal to null; or against a constant.
        case equal(a: Int, b: Int, constant: Int?, negate: Bool)
        /// Any other bool register, computed by `run`: truthy where present and 1.
        case register(Int)

        var depth: Int {
            switch self {
            case .all(let children), .any(let children): return 1 + (children.map(\.depth).max() ?? 0)
            case .not(let child): return 1 + child.depth
            default: return 0
            }
        }
    }

    let root: Node
    /// The result register (read through its lanes only after `materialize`).
    let register: Int
    /// Addresses of the instructions the tree replaces, ascending.
    let deferred: [Int]
    let depth: Int

    /// Nil when the result is not a tree of fused leaves worth computing as bytes.
    init?(_ program: VectorProgram) {
        let instructions = program.instructions
        guard !program.registerTypes.isEmpty, program.registerTypes[program.result] == .bool else { return nil }
        var producer: [Int: Int] = [:], uses: [Int: Int] = [:]
        for (address, i) in instructions.enumerated() {
            producer[i.d] = address
            for r in VectorPredicate.operands(i) { uses[r, default: 0] += 1 }
        }
        var constants: [Int: Int] = [:]
        for (r, bits, valid) in program.constants where valid && program.registerTypes[r] != .float {
            constants[r] = Int(Int64(bitPattern: bits))
        }
        var deferred: [Int] = []
        /// The node for register `r`, read by `readers` instructions (1: its parent; 0: the root).
        func node(_ r: Int, readers: Int) -> Node {
            guard let address = producer[r], uses[r, default: 0] == readers else { return .register(r) }
            let i = instructions[address]
            let result: Node
            switch i.op {
            case .and, .or:
                let (left, right) = (node(i.a, readers: 1), node(i.b, readers: 1))
                func flatten(_ n: Node) -> [Node] {
                    switch (i.op, n) {
                    case (.and, .all(let c)), (.or, .any(let c)): return c
                    default: return [n]
                    }
                }
                let children = flatten(left) + flatten(right)
                result = i.op == .and ? .all(children) : .any(children)
            case .not where i.extra == 1:
                result = .not(node(i.a, readers: 1))
            case .equalCode:
                result = .code(column: i.a, code: i.b, negate: i.extra == 1)
            case .compareInt:
                if let c = constants[i.b] {
                    result = .compare(a: i.a, b: i.b, constant: c, ordering: i.extra)
                } else if let c = constants[i.a] {
                    // c <op> x is x <flipped op> c.
                    result = .compare(a: i.b, b: i.a, constant: c, ordering: [2, 3, 0, 1][i.extra & 3])
                } else {
                    result = .compare(a: i.a, b: i.b, constant: nil, ordering: i.extra)
                }
            case .equalInt:
                if let c = constants[i.b] {
                    result = .equal(a: i.a, b: i.b, constant: c, negate: i.extra == 1)
                } else if let c = constants[i.a] {
                    result = .equal(a: i.b, b: i.a, constant: c, negate: i.extra == 1)
                } else {
                    result = .equal(a: i.a, b: i.b, constant: nil, negate: i.extra == 1)
                }
            default:
                return .register(r)
            }
            deferred.append(address)
            return result
        }
        let root = node(program.result, readers: 0)
        if case .register = root { return nil }
        self.root = root
        self.register = program.result
        self.deferred = deferred.sorted()
        self.depth = root.depth
    }

    /// The registers an instruction reads.
    static func operands(_ i: VectorInstruction) -> [Int] {
        switch i.op.description.shape {
        case .load, .codeEquality: return []
        case .unary, .membership: return [i.a]
        case .binary, .ordering, .equality: return [i.a, i.b]
        }
    }
}

/// How a leaf's truth bytes meet the bytes already there.
enum TruthCombine { case set, and, or }

extension VectorVM {
    /// Writes the truth byte of each of the batch's `n` rows into `t`, combined as `how` says.
    /// `scratch` holds one 2048-byte buffer per level below this node.
    func truth(_ node: VectorPredicate.Node, _ start: Int, _ n: Int, into t: UnsafeMutablePointer<UInt8>,
               _ how: TruthCombine, scratch: UnsafeMutablePointer<UInt8>) {
        switch node {
        case .all(let children), .any(let children):
            let op: TruthCombine
            if case .all = node { op = .and } else { op = .or }
            // Combine children in place when this node sets `t` or combines the same way.
            let target = how == .set || how == op ? t : scratch
            let below = how == .set || how == op ? scratch : scratch + VectorVM.batchSize
            truth(children[0], start, n, into: target, how == op ? op : .set, scratch: below)
            for child in children.dropFirst() { truth(child, start, n, into: target, op, scratch: below) }
            if target != t { VectorVM.store(t, n, how) { target[$0] } }
        case .not(let child):
            truth(child, start, n, into: scratch, .set, scratch: scratch + VectorVM.batchSize)
            VectorVM.store(t, n, how) { scratch[$0] ^ 1 }
        case .code(let column, let code, let negate):
            codeTruth(column, code, negate, start, n, t, how)
        case .compare(let a, let b, let constant, let ordering):
            compareTruth(a, b, constant, ordering, n, t, how)
        case .equal(let a, let b, let constant, let negate):
            equalTruth(a, b, constant, negate, n, t, how)
        case .register(let r):
            let lanes = ints(r), v = valid(r)
            if isAllValid(r) {
                VectorVM.store(t, n, how) { UInt8(truncatingIfNeeded: lanes[$0] & 1) }
            } else {
                VectorVM.store(t, n, how) { UInt8(truncatingIfNeeded: lanes[$0] & 1) & v[$0] }
            }
        }
    }

    /// One loop per way of combining, `f` inlined into each (they vectorize).
    @inline(__always)
    static func store(_ t: UnsafeMutablePointer<UInt8>, _ n: Int, _ how: TruthCombine, _ f: (Int) -> UInt8) {
        switch how {
        case .set: for k in 0..<n { t[k] = f(k) }
        case .and: for k in 0..<n { t[k] &= f(k) }
        case .or: for k in 0..<n { t[k] |= f(k) }
        }
    }

    /// `equalCode`'s truth: a null cell never equals a value (so `!=` holds there).
    private func codeTruth(_ column: Int, _ code: Int, _ negate: Bool, _ start: Int, _ n: Int,
                           _ t: UnsafeMutablePointer<UInt8>, _ how: TruthCombine) {
        let flip: UInt8 = negate ? 1 : 0
        guard code >= 0, code <= Int(UInt32.max), let src = codeBases[column].map({ $0 + start }) else {
            VectorVM.store(t, n, how) { _ in flip }
            return
        }
        let c = UInt32(code)
        if let bitmap = table.columns[column].validity {
            let v = predicateValidity
            bitmap.expand(from: start, count: n, into: v)
            VectorVM.store(t, n, how) { ((src[$0] == c ? 1 : 0) & v[$0]) ^ flip }
        } else {
            VectorVM.store(t, n, how) { (src[$0] == c ? 1 : 0) ^ flip }
        }
    }

    /// `compareInt`'s truth: null (not kept) when either side is null.
    private func compareTruth(_ a: Int, _ b: Int, _ constant: Int?, _ ordering: Int, _ n: Int,
                              _ t: UnsafeMutablePointer<UInt8>, _ how: TruthCombine) {
        let x = ints(a), va = valid(a), aValid = isAllValid(a)
        if let c = constant {
            @inline(__always) func run(_ test: (Int) -> Bool) {
                if aValid {
                    VectorVM.store(t, n, how) { test(x[$0]) ? 1 : 0 }
                } else {
                    VectorVM.store(t, n, how) { (test(x[$0]) ? 1 : 0) & va[$0] }
                }
            }
            switch ordering {
            case 0: run { $0 < c }
            case 1: run { $0 <= c }
            case 2: run { $0 > c }
            default: run { $0 >= c }
            }
            return
        }
        let y = ints(b), vb = valid(b), both = aValid && isAllValid(b)
        @inline(__always) func run(_ test: (Int, Int) -> Bool) {
            if both {
                VectorVM.store(t, n, how) { test(x[$0], y[$0]) ? 1 : 0 }
            } else {
                VectorVM.store(t, n, how) { (test(x[$0], y[$0]) ? 1 : 0) & va[$0] & vb[$0] }
            }
        }
        switch ordering {
        case 0: run { $0 < $1 }
        case 1: run { $0 <= $1 }
        case 2: run { $0 > $1 }
        default: run { $0 >= $1 }
        }
    }

    /// `equalInt`'s truth: null equals null, a null never equals a value (a constant is never null).
    private func equalTruth(_ a: Int, _ b: Int, _ constant: Int?, _ negate: Bool, _ n: Int,
                            _ t: UnsafeMutablePointer<UInt8>, _ how: TruthCombine) {
        let x = ints(a), va = valid(a), flip: UInt8 = negate ? 1 : 0
        if let c = constant {
            if isAllValid(a) {
                VectorVM.store(t, n, how) { (x[$0] == c ? 1 : 0) ^ flip }
            } else {
                VectorVM.store(t, n, how) { ((x[$0] == c ? 1 : 0) & va[$0]) ^ flip }
            }
            return
        }
        let y = ints(b), vb = valid(b)
        if isAllValid(a) && isAllValid(b) {
            VectorVM.store(t, n, how) { (x[$0] == y[$0] ? 1 : 0) ^ flip }
        } else {
            VectorVM.store(t, n, how) {
                let both = va[$0] & vb[$0], neither = (va[$0] | vb[$0]) ^ 1
                return ((both & (x[$0] == y[$0] ? 1 : 0)) | neither) ^ flip
            }
        }
    }

    /// The batch's rows where `node` is truthy, into `rows`; returns how many. A conjunction's
    /// first operand is computed as bytes and listed; each later one is tested only on the rows
    /// still listed (the rows it drops leave the list), so a selective first conjunct makes the
    /// others cost little.
    func select(_ node: VectorPredicate.Node, _ start: Int, _ n: Int, into rows: UnsafeMutablePointer<Int32>,
                bytes t: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) -> Int {
        guard case .all(let children) = node else {
            truth(node, start, n, into: t, .set, scratch: scratch)
            return VectorVM.compact(t, n, into: rows)
        }
        truth(children[0], start, n, into: t, .set, scratch: scratch)
        var m = VectorVM.compact(t, n, into: rows)
        for child in children.dropFirst() where m > 0 {
            m = refine(child, start, n, rows, m, bytes: t, scratch: scratch)
        }
        return m
    }

    /// Keeps the listed rows `rows[0 ..< m]` where `node` is truthy; returns how many are left.
    private func refine(_ node: VectorPredicate.Node, _ start: Int, _ n: Int, _ rows: UnsafeMutablePointer<Int32>, _ m: Int,
                        bytes t: UnsafeMutablePointer<UInt8>, scratch: UnsafeMutablePointer<UInt8>) -> Int {
        switch node {
        case .code(let column, let code, let negate):
            let flip: UInt8 = negate ? 1 : 0
            guard code >= 0, code <= Int(UInt32.max), let src = codeBases[column].map({ $0 + start }) else {
                return negate ? m : 0
            }
            let c = UInt32(code)
            if let bitmap = table.columns[column].validity {
                let v = predicateValidity
                bitmap.expand(from: start, count: n, into: v)
                return VectorVM.keep(rows, m) { ((src[$0] == c ? 1 : 0) & v[$0]) ^ flip }
            }
            return VectorVM.keep(rows, m) { (src[$0] == c ? 1 : 0) ^ flip }
        case .compare(let a, let b, let constant, let ordering):
            let x = ints(a), va = valid(a)
            if let c = constant, isAllValid(a) {
                switch ordering {
                case 0: return VectorVM.keep(rows, m) { x[$0] < c ? 1 : 0 }
                case 1: return VectorVM.keep(rows, m) { x[$0] <= c ? 1 : 0 }
                case 2: return VectorVM.keep(rows, m) { x[$0] > c ? 1 : 0 }
                default: return VectorVM.keep(rows, m) { x[$0] >= c ? 1 : 0 }
                }
            }
            if let c = constant {
                switch ordering {
                case 0: return VectorVM.keep(rows, m) { (x[$0] < c ? 1 : 0) & va[$0] }
                case 1: return VectorVM.keep(rows, m) { (x[$0] <= c ? 1 : 0) & va[$0] }
                case 2: return VectorVM.keep(rows, m) { (x[$0] > c ? 1 : 0) & va[$0] }
                default: return VectorVM.keep(rows, m) { (x[$0] >= c ? 1 : 0) & va[$0] }
                }
            }
            let y = ints(b), vb = valid(b)
            switch ordering {
            case 0: return VectorVM.keep(rows, m) { (x[$0] < y[$0] ? 1 : 0) & va[$0] & vb[$0] }
            case 1: return VectorVM.keep(rows, m) { (x[$0] <= y[$0] ? 1 : 0) & va[$0] & vb[$0] }
            case 2: return VectorVM.keep(rows, m) { (x[$0] > y[$0] ? 1 : 0) & va[$0] & vb[$0] }
            default: return VectorVM.keep(rows, m) { (x[$0] >= y[$0] ? 1 : 0) & va[$0] & vb[$0] }
            }
        case .equal(let a, let b, let constant, let negate):
            let x = ints(a), va = valid(a), flip: UInt8 = negate ? 1 : 0
            if let c = constant, isAllValid(a) {
                return VectorVM.keep(rows, m) { (x[$0] == c ? 1 : 0) ^ flip }
            }
            if let c = constant {
                return VectorVM.keep(rows, m) { ((x[$0] == c ? 1 : 0) & va[$0]) ^ flip }
            }
            let y = ints(b), vb = valid(b)
            return VectorVM.keep(rows, m) {
                let both = va[$0] & vb[$0], neither = (va[$0] | vb[$0]) ^ 1
                return ((both & (x[$0] == y[$0] ? 1 : 0)) | neither) ^ flip
            }
        case .register(let r):
            let lanes = ints(r), v = valid(r)
            return VectorVM.keep(rows, m) { UInt8(truncatingIfNeeded: lanes[$0] & 1) & v[$0] }
        case .all, .any, .not:
            truth(node, start, n, into: t, .set, scratch: scratch)
            return VectorVM.keep(rows, m) { t[$0] }
        }
    }

    /// Compacts `rows[0 ..< m]` to the rows where `test` (of the row's lane) is 1, branch-free.
    @inline(__always)
    static func keep(_ rows: UnsafeMutablePointer<Int32>, _ m: Int, _ test: (Int) -> UInt8) -> Int {
        var kept = 0
        for j in 0..<m {
            let k = rows[j]
            rows[kept] = k
            kept &+= Int(test(Int(k)))
        }
        return kept
    }

    /// For each byte of 8 truth bits: the offsets of its set bits, padded to 8 (8 × 256 entries),
    /// and how many there are. Immutable once built (shared by every VM, on any thread).
    private static let keptOffsets: [Int32] = (0..<256).flatMap { bits in
        (0..<8).filter { bits >> $0 & 1 != 0 }.map(Int32.init) + [Int32](repeating: 0, count: 8 - (bits as Int).nonzeroBitCount)
    }
    private static let keptCounts: [UInt8] = (0..<256).map { UInt8(($0 as Int).nonzeroBitCount) }

    /// The rows whose truth byte is 1, in order, into `rows`; returns how many. Eight rows at a
    /// time and branch-free: their bytes gathered into 8 bits by one multiply, then the bits'
    /// offsets stored from a table (whatever the density).
    static func compact(_ t: UnsafeMutablePointer<UInt8>, _ n: Int, into rows: UnsafeMutablePointer<Int32>) -> Int {
        let raw = UnsafeRawPointer(t)
        var m = 0, k = 0
        keptOffsets.withUnsafeBufferPointer { offsets in
            keptCounts.withUnsafeBufferPointer { counts in
                guard let offsets = offsets.baseAddress, let counts = counts.baseAddress else { return }
                while k + 8 <= n {
                    // Bytes are 0 or 1: the multiply moves byte j's bit to bit 56 + j, without carries.
                    let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                    let bits = Int(truncatingIfNeeded: (word &* 0x0102_0408_1020_4080) >> 56)
                    // Stores up to 8 entries from m; m + 8 <= k + 8 <= n, inside the buffer.
                    let from = UnsafeRawPointer(offsets + 8 &* bits), to = UnsafeMutableRawPointer(rows + m)
                    let base = SIMD4<Int32>(repeating: Int32(truncatingIfNeeded: k))
                    to.storeBytes(of: base &+ from.loadUnaligned(as: SIMD4<Int32>.self), as: SIMD4<Int32>.self)
                    to.storeBytes(of: base &+ from.loadUnaligned(fromByteOffset: 16, as: SIMD4<Int32>.self), toByteOffset: 16, as: SIMD4<Int32>.self)
                    m &+= Int(counts[bits])
                    k &+= 8
                }
            }
        }
        while k < n {
            rows[m] = Int32(truncatingIfNeeded: k)
            m += Int(t[k])
            k += 1
        }
        return m
    }
}

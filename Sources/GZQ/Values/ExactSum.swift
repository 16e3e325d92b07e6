/// The correctly rounded sum of a multiset of doubles and ints, whatever the order and grouping
/// of the additions (so split sums merged in any order give the same bits). Values below 2^900
/// in magnitude are kept as Shewchuk's non-overlapping partials (as Python's `math.fsum`), the
/// first four inline; larger finite values as partials of `x·2^-512` (exact, and never
/// overflowing), rounded together through an exact big integer. An exact total beyond Double's
/// range is ±inf; NaN anywhere, or +inf with -inf, is NaN; otherwise an infinity wins. An exact
/// zero is +0.0.
struct ExactSum: Sendable {
    /// Values at least this large go to `high`, scaled.
    static let highThreshold = 0x1p900
    private static let highScale = 0x1p-512

    /// Partials of increasing magnitude; `spill` holds all of them once there are more than four.
    private var inline = InlineArray<4, Double>(repeating: 0)
    private var count: Int32 = 0
    private var special: UInt8 = 0
    private var spill: [Double]?
    /// Partials of the huge values, scaled by 2^-512.
    private var high: [Double]?

    private static let nan: UInt8 = 1, plusInfinity: UInt8 = 2, minusInfinity: UInt8 = 4

    init() {}

    init(_ x: Double) { add(x) }

    @inline(__always)
    mutating func add(_ x: Double) {
        if Swift.abs(x) < ExactSum.highThreshold { addSmall(x) } else { addLarge(x) }
    }

    /// Exact for every Int: one double when it has at most 53 bits, else two halves that each are.
    @inline(__always)
    mutating func add(_ i: Int) {
        if i.magnitude <= 1 << 53 {
            addSmall(Double(i))
        } else {
            addSmall(Double(i & ~0xffff_ffff))
            addSmall(Double(i & 0xffff_ffff))
        }
    }

    /// Exact for every Int128 (four doubles of at most 32 bits each, scaled by powers of two).
    mutating func add(_ v: Int128) {
        if let i = Int(exactly: v) { return add(i) }
        let low = UInt64(truncatingIfNeeded: v), top = Int64(truncatingIfNeeded: v >> 64)
        addSmall(Double(low & 0xffff_ffff))
        addSmall(Double(low >> 32) * 0x1p32)
        addSmall(Double(top & 0xffff_ffff) * 0x1p64)
        addSmall(Double(top >> 32) * 0x1p96)
    }

    /// Adds every value of another sum (a merge).
    mutating func add(_ other: ExactSum) {
        special |= other.special
        other.forEachPartial { addSmall($0) }
        if let h = other.high { for p in h { addHigh(p) } }
    }

    /// The batch entry point: `xs[rows[j]]` for `j < m` where `valid[rows[j]]` is 1 (0: a null
    /// lane). Each value is cut at its exponent into two integer chunks of a fixed-point
    /// accumulator (Neal's small superaccumulator: a few integer instructions, no rounding),
    /// which is folded into the partials every 2048 values: exact, and an order of magnitude
    /// faster than growing the partials value by value.
    mutating func add(_ xs: UnsafePointer<Double>, valid: UnsafePointer<UInt8>, rows: UnsafePointer<Int32>, count m: Int) {
        withUnsafeTemporaryAllocation(of: Int64.self, capacity: ExactSum.chunkCount) { chunks in
            let chunks = chunks.baseAddress.unsafelyUnwrapped
            chunks.initialize(repeating: 0, count: ExactSum.chunkCount)
            var done = 0
            while done < m {
                let end = min(m, done + ExactSum.chunkBlock)
                for j in done..<end {
                    let k = Int(rows[j])
                    // A null lane adds +0.0, which changes no exact sum.
                    let bits = xs[k].bitPattern & (0 &- UInt64(valid[k]))
                    if ExactSum.addToChunks(bits, chunks) < 0 { addLarge(Double(bitPattern: bits)) }
                }
                fold(chunks, from: 0, through: ExactSum.chunkCount - 1)
                done = end
            }
        }
    }

    /// Chunks of a fixed-point accumulator (`addToChunks`): 32 bits each from 2^-1074 up.
    static let chunkCount = 66
    /// Values a chunk array takes before it must be folded (each adds below 2^52 to a chunk).
    static let chunkBlock = 2048

    /// Adds the finite double of `bits` to `chunks` (its significand cut at its exponent into two
    /// chunks) and returns its lower chunk's index; -1 (nothing added) for inf and NaN.
    @inline(__always)
    static func addToChunks(_ bits: UInt64, _ chunks: UnsafeMutablePointer<Int64>) -> Int {
        let e = Int(bits >> 52 & 0x7ff)
        if e == 0x7ff { return -1 }
        // |x| = significand · 2^(p - 1074), p = e - 1 (subnormals: e = 0, no implicit bit, same p as e = 1).
        let significand = bits & 0x000f_ffff_ffff_ffff | (e == 0 ? 0 : 1 << 52)
        let p = Swift.max(e, 1) - 1
        let i = p >> 5, shift = UInt64(p & 31)
        let negative = Int64(bitPattern: bits) >> 63
        let low = Int64(bitPattern: (significand << shift) & 0xffff_ffff)
        let high = Int64(bitPattern: significand >> (32 - shift))
        chunks[i] &+= (low ^ negative) &- negative
        chunks[i + 1] &+= (high ^ negative) &- negative
        return i
    }

    /// Adds chunks `lo...hi` exactly and zeroes them.
    mutating func fold(_ chunks: UnsafeMutablePointer<Int64>, from lo: Int, through hi: Int) {
        for i in lo...hi where chunks[i] != 0 {
            let c = chunks[i]
            chunks[i] = 0
            addScaled(c >> 32, exponent: 32 * i - 1042)
            addScaled(c & 0xffff_ffff, exponent: 32 * i - 1074)
        }
    }

    /// Adds `m · 2^exponent` exactly (|m| < 2^32, exponent ≥ -1074): to the partials, or scaled
    /// to the huge values' partials when it could reach 2^900.
    private mutating func addScaled(_ m: Int64, exponent: Int) {
        guard m != 0 else { return }
        let sign: FloatingPointSign = m < 0 ? .minus : .plus
        if exponent + 32 < 900 {
            addSmall(Double(sign: sign, exponent: exponent, significand: Double(m.magnitude)))
        } else {
            addHigh(Double(sign: sign, exponent: exponent - 512, significand: Double(m.magnitude)))
        }
    }

    // MARK: - partials

    @inline(__always)
    private func forEachPartial(_ body: (Double) -> Void) {
        if let spill { for p in spill { body(p) }; return }
        for k in 0..<Int(count) { body(inline[k]) }
    }

    /// Error-free sum: `hi + lo == a + b` exactly (Knuth's two-sum; no branch, no overflow below 2^1023).
    @inline(__always)
    private static func twoSum(_ a: Double, _ b: Double) -> (hi: Double, lo: Double) {
        let hi = a + b
        let bv = hi - a
        return (hi, (a - (hi - bv)) + (b - bv))
    }

    /// Shewchuk's grow-expansion over the inline partials, spilling when a fifth is needed.
    @inline(__always)
    private mutating func addSmall(_ value: Double) {
        if var partials = spill.take() {
            // Taken out and put back: the array is mutated in place, never copied.
            ExactSum.grow(&partials, value)
            if partials.count > 8 {
                ExactSum.compress(&partials)
                if partials.count <= 4 {
                    for (k, p) in partials.enumerated() { inline[k] = p }
                    count = Int32(partials.count)
                    return
                }
            }
            spill = partials
            return
        }
        var x = value, kept = 0
        let n = Int(count)
        for k in 0..<n {
            let (hi, lo) = ExactSum.twoSum(x, inline[k])
            if lo != 0 {
                inline[kept] = lo
                kept += 1
            }
            x = hi
        }
        if kept == 4 {
            // A fifth partial: compress the five, inline again if four or fewer remain.
            var partials = [inline[0], inline[1], inline[2], inline[3], x]
            ExactSum.compress(&partials)
            if partials.count > 4 {
                spill = partials
                return
            }
            for (k, p) in partials.enumerated() { inline[k] = p }
            count = Int32(partials.count)
            return
        }
        inline[kept] = x
        count = Int32(kept + 1)
    }

    private static func grow(_ partials: inout [Double], _ value: Double) {
        var x = value, kept = 0
        for k in partials.indices {
            let (hi, lo) = twoSum(x, partials[k])
            if lo != 0 {
                partials[kept] = lo
                kept += 1
            }
            x = hi
        }
        partials.removeSubrange(kept...)
        partials.append(x)
    }

    /// Shewchuk's Compress: the same exact sum in as few non-adjacent partials as it takes
    /// (the grow step lets partials pile up; data within ~100 bits of range needs two).
    private static func compress(_ e: inout [Double]) {
        let m = e.count
        guard m > 1 else { return }
        var g = e
        var q = e[m - 1], bottom = m - 1
        for i in stride(from: m - 2, through: 0, by: -1) {
            let (hi, lo) = twoSum(q, e[i])
            if lo != 0 {
                g[bottom] = hi
                bottom -= 1
                q = lo
            } else {
                q = hi
            }
        }
        g[bottom] = q
        var h: [Double] = []
        h.reserveCapacity(m - bottom)
        for i in (bottom + 1)..<m {
            let (hi, lo) = twoSum(g[i], q)
            if lo != 0 { h.append(lo) }
            q = hi
        }
        h.append(q)
        e = h
    }

    private mutating func addLarge(_ x: Double) {
        if x.isNaN { special |= ExactSum.nan }
        else if x == .infinity { special |= ExactSum.plusInfinity }
        else if x == -.infinity { special |= ExactSum.minusInfinity }
        else { addHigh(x * ExactSum.highScale) }
    }

    private mutating func addHigh(_ scaled: Double) {
        var partials = high.take() ?? []
        ExactSum.grow(&partials, scaled)
        high = partials
    }

    // MARK: - rounding

    /// The correctly rounded (half to even) sum.
    var value: Double {
        if special != 0 {
            if special & ExactSum.nan != 0 || special == ExactSum.plusInfinity | ExactSum.minusInfinity { return .nan }
            return special == ExactSum.plusInfinity ? .infinity : -.infinity
        }
        if let high {
            var total = WideFixedPoint()
            forEachPartial { total.add($0, scale: 0) }
            for p in high { total.add(p, scale: 512) }
            return total.rounded
        }
        if let spill { return ExactSum.round(spill.count) { spill[$0] } }
        let partials = inline
        return ExactSum.round(Int(count)) { partials[$0] }
    }

    /// The rounding step of `math.fsum`: the top partials summed until the sum is inexact, then
    /// the half-way case corrected toward the sign of the partials below.
    @inline(__always)
    private static func round(_ count: Int, _ partials: (Int) -> Double) -> Double {
        var n = count
        guard n > 0 else { return 0 }
        n -= 1
        var hi = partials(n), lo = 0.0
        while n > 0 {
            let x = hi
            n -= 1
            let y = partials(n)
            hi = x + y
            let yr = hi - x
            lo = y - yr
            if lo != 0 { break }
        }
        if n > 0 && ((lo < 0 && partials(n - 1) < 0) || (lo > 0 && partials(n - 1) > 0)) {
            let y = lo * 2
            let x = hi + y
            if y == x - hi { hi = x }
        }
        return hi + 0.0
    }
}

/// An exact two's-complement integer in units of 2^-1074, wide enough for any sum ExactSum
/// rounds through it (magnitudes up to 2^1200); used only when huge values were added.
private struct WideFixedPoint {
    static let limbs = 36
    private var words = [UInt64](repeating: 0, count: WideFixedPoint.limbs)

    /// Adds the finite `x · 2^scale`.
    mutating func add(_ x: Double, scale: Int) {
        guard x != 0 else { return }
        // x = significand · 2^(exponent), significand an integer below 2^53.
        let significand = x.significandBitPattern | (x.isNormal ? 1 << 52 : 0)
        let exponent = (x.isNormal ? Int(x.exponentBitPattern) - 1075 : -1074) + scale
        let shift = exponent + 1074
        var addend = [UInt64](repeating: 0, count: WideFixedPoint.limbs)
        let word = shift / 64, bit = shift % 64
        addend[word] = significand << UInt64(bit)
        if bit > 11 && word + 1 < WideFixedPoint.limbs { addend[word + 1] = significand >> UInt64(64 - bit) }
        if x < 0 { WideFixedPoint.negate(&addend) }
        var carry: UInt64 = 0
        for k in 0..<WideFixedPoint.limbs {
            let (s1, c1) = words[k].addingReportingOverflow(addend[k])
            let (s2, c2) = s1.addingReportingOverflow(carry)
            words[k] = s2
            carry = (c1 ? 1 : 0) + (c2 ? 1 : 0)
        }
    }

    private static func negate(_ w: inout [UInt64]) {
        var carry: UInt64 = 1
        for k in w.indices {
            let (s, c) = (~w[k]).addingReportingOverflow(carry)
            w[k] = s
            carry = c ? 1 : 0
        }
    }

    /// The value rounded half to even (±inf beyond Double's range).
    var rounded: Double {
        var magnitude = words
        let negative = words[WideFixedPoint.limbs - 1] >> 63 != 0
        if negative { WideFixedPoint.negate(&magnitude) }
        guard let top = magnitude.lastIndex(where: { $0 != 0 }) else { return 0 }
        let length = top * 64 + (64 - magnitude[top].leadingZeroBitCount)
        func bit(_ i: Int) -> UInt64 { i < 0 ? 0 : magnitude[i / 64] >> UInt64(i % 64) & 1 }
        let sign: FloatingPointSign = negative ? .minus : .plus
        if length <= 53 {
            // Exactly representable (a subnormal or the lowest normals).
            var m: UInt64 = 0
            for i in stride(from: length - 1, through: 0, by: -1) { m = m << 1 | bit(i) }
            return Double(sign: sign, exponent: -1074, significand: Double(m))
        }
        let shift = length - 53
        var m: UInt64 = 0
        for i in stride(from: length - 1, through: shift, by: -1) { m = m << 1 | bit(i) }
        let half = bit(shift - 1) != 0
        var sticky = false
        if shift - 1 > 0 {
            let lowBits = shift - 1
            for k in 0..<(lowBits / 64) where magnitude[k] != 0 { sticky = true }
            if !sticky && lowBits % 64 != 0 && magnitude[lowBits / 64] & ((1 << UInt64(lowBits % 64)) - 1) != 0 { sticky = true }
        }
        if half && (sticky || m & 1 == 1) { m += 1 }
        // m may now be 2^53: still exact as a double; the exponent overflows to inf past the range.
        return Double(sign: sign, exponent: shift - 1074, significand: Double(m))
    }
}

/// Bit-packed booleans: bool columns and validity bitmaps.
public struct BitVector: Equatable {
    private(set) var words: [UInt64]
    public private(set) var count: Int

    public init(count: Int, value: Bool) {
        self.count = count
        words = Array(repeating: value ? ~0 : 0, count: (count + 63) / 64)
    }

    public init() {
        words = []
        count = 0
    }

    @inline(__always)
    public subscript(_ i: Int) -> Bool {
        get { words[i >> 6] & (1 << UInt64(i & 63)) != 0 }
        set {
            if newValue { words[i >> 6] |= 1 << UInt64(i & 63) } else { words[i >> 6] &= ~(1 << UInt64(i & 63)) }
        }
    }

    public mutating func append(_ bit: Bool) {
        if count & 63 == 0 { words.append(0) }
        count += 1
        if bit { self[count - 1] = true }
    }

    mutating func reserveCapacity(_ n: Int) { words.reserveCapacity((n + 63) / 64) }

    /// Number of set bits among the first `count`.
    var popCount: Int {
        var total = 0
        for (k, w) in words.enumerated() {
            let valid = min(64, count - k * 64)
            let mask: UInt64 = valid == 64 ? ~0 : (1 << UInt64(valid)) - 1
            total += (w & mask).nonzeroBitCount
        }
        return total
    }

    public static func == (a: BitVector, b: BitVector) -> Bool {
        guard a.count == b.count else { return false }
        for i in 0..<a.count where a[i] != b[i] { return false }
        return true
    }

    var byteSize: Int { words.count * 8 }
}

extension BitVector {
    /// The 8 bytes (each 0 or 1, in memory order) that one byte of bits expands to.
    private static let byteSpread: [UInt64] = (0..<256).map { bits in
        var lanes: UInt64 = 0
        for j in 0..<8 where bits >> j & 1 != 0 { lanes |= 1 << UInt64(8 * j) }
        return lanes
    }

    /// Writes bits `start ..< start + count` as bytes (1 = set): 64 bits (one word, or two
    /// words' halves when `start` is not word-aligned) at a time, 8 bytes per table lookup.
    func expand(from start: Int, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        precondition(start >= 0 && count >= 0 && start + count <= self.count, "expand out of range")
        BitVector.byteSpread.withUnsafeBufferPointer { spread in
            words.withUnsafeBufferPointer { words in
                let raw = UnsafeMutableRawPointer(out)
                let shift = UInt64(start & 63)
                var w = start >> 6, k = 0
                while k + 64 <= count {
                    // Bits start+k ..< start+k+64 are all below self.count, so word w+1 exists when shift > 0.
                    var word = words[w] >> shift
                    if shift != 0 { word |= words[w + 1] << (64 - shift) }
                    for b in 0..<8 {
                        raw.storeBytes(of: spread[Int(truncatingIfNeeded: word >> UInt64(8 * b)) & 255], toByteOffset: k + 8 * b, as: UInt64.self)
                    }
                    k += 64
                    w += 1
                }
                while k < count {
                    let bit = start + k
                    out[k] = UInt8(truncatingIfNeeded: (words[bit >> 6] >> UInt64(bit & 63)) & 1)
                    k += 1
                }
            }
        }
    }
}

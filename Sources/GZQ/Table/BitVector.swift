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
    /// Writes bits `start ..< start + count` as bytes (1 = set), a word at a time.
    func expand(from start: Int, count: Int, into out: UnsafeMutablePointer<UInt8>) {
        words.withUnsafeBufferPointer { words in
            var k = 0
            while k < count {
                let bit = start + k
                let shift = bit & 63
                let word = words[bit >> 6] >> UInt64(shift)
                let take = min(64 - shift, count - k)
                for j in 0..<take { out[k + j] = UInt8(truncatingIfNeeded: (word >> UInt64(j)) & 1) }
                k += take
            }
        }
    }
}

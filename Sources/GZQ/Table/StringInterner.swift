/// Distinct byte strings → dense codes, by an open-addressing hash table keyed on the bytes.
/// Each new entry is checked to be UTF-8; `dictionary()` makes one `String` per entry.
struct StringInterner {
    private var arena: [UInt8] = []
    private var starts: [Int]   // entry e is arena[starts[e]..<starts[e + 1]]; empty until the first entry
    private var hashes: [UInt64] = []
    private var slots: [UInt32]   // entry + 1; 0 = free

    init(capacity: Int = 64) {
        slots = [UInt32](repeating: 0, count: capacity)
        starts = capacity == 0 ? [] : [0]
    }

    var count: Int { hashes.count }

    /// The code of these bytes (adding them when new), or nil when they are not valid UTF-8.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
        let h = Self.hash(p, n)
        if slots.isEmpty {
            slots = [UInt32](repeating: 0, count: 64)
            if starts.isEmpty { starts = [0] }
        }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let e = Int(s) - 1
            if hashes[e] == h {
                let a = starts[e], len = starts[e + 1] - a
                if len == n, n == 0 || arena.withUnsafeBufferPointer({ $0.baseAddress.map { Self.equal($0 + a, p, n) } ?? false }) { return UInt32(e) }
            }
            i = (i + 1) & mask
        }
        guard UTF8Text.firstInvalid(p, n) == nil else { return nil }
        let e = hashes.count
        arena.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
        starts.append(arena.count)
        hashes.append(h)
        slots[i] = UInt32(truncatingIfNeeded: e + 1)
        if hashes.count * 2 > slots.count { grow() }
        return UInt32(truncatingIfNeeded: e)
    }

    private mutating func grow() {
        slots = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (e, h) in hashes.enumerated() {
            var i = Int(truncatingIfNeeded: h) & mask
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt32(truncatingIfNeeded: e + 1)
        }
    }

    /// The bytes of entry `e`.
    func entry<R>(_ e: Int, _ body: (UnsafePointer<UInt8>, Int) -> R) -> R {
        arena.withUnsafeBufferPointer { buffer in
            let a = starts[e], n = starts[e + 1] - a
            guard let base = buffer.baseAddress else {
                return withUnsafePointer(to: UInt8(0)) { body($0, 0) }
            }
            return body(base + a, n)
        }
    }

    func dictionary() -> [String] {
        arena.withUnsafeBufferPointer { buffer in
            (0..<count).map { e in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[e]..<starts[e + 1]]), as: UTF8.self)
            }
        }
    }

    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        while i + 8 <= n {
            if ra.loadUnaligned(fromByteOffset: i, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        while i < n {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    @inline(__always)
    static func hash(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: n)
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i + 8 <= n {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i += 8
        }
        if i < n {
            var w: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                w |= UInt64(p[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ w) &* 0x94D0_49BB_1331_11EB
        }
        h ^= h >> 29
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 32)
    }
}

import Foundation

/// Strings as gzq sees them (REFERENCE §3 and §7 v0.2): equal when their Unicode scalars are equal,
/// with no canonical-equivalence folding (`"\u{E9}" != "e\u{301}"`, as in Python, SQLite and
/// DuckDB). Swift's own `String ==`, `<` and hashing fold canonical equivalents, so every
/// place that compares, hashes or dictionary-encodes gzq strings goes through here.
/// Comparing UTF-8 bytes is comparing scalars, and for native strings it is one `memcmp`.
enum ScalarString {
    @inline(__always)
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = a.utf8, y = b.utf8
        guard x.count == y.count else { return false }
        if let same = x.withContiguousStorageIfAvailable({ p in
            y.withContiguousStorageIfAvailable { q -> Bool in
                guard let a = p.baseAddress, let b = q.baseAddress else { return true }  // both empty
                return memcmp(a, b, p.count) == 0
            }
        }), let same { return same }
        return x.elementsEqual(y)
    }

    /// Hashes the UTF-8 bytes (and their count, so that several strings in one key stay apart).
    @inline(__always)
    static func hash(_ s: String, into h: inout Hasher) {
        let bytes = s.utf8
        h.combine(bytes.count)
        if bytes.withContiguousStorageIfAvailable({ h.combine(bytes: UnsafeRawBufferPointer($0)) }) == nil {
            Array(bytes).withUnsafeBytes { h.combine(bytes: $0) }
        }
    }

    /// Whether `s` starts with `prefix`, scalar by scalar (`starts_with("e\u{301}", "e")` is true).
    static func hasPrefix(_ s: String, _ prefix: String) -> Bool {
        s.utf8.starts(with: prefix.utf8)
    }

    static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let x = s.utf8, y = suffix.utf8
        return x.count >= y.count && x.reversed().starts(with: y.reversed())
    }

    /// The index of the first key equal to `key` by scalars.
    static func firstIndex(of key: String, in keys: [String]) -> Int? {
        keys.firstIndex { equal($0, key) }
    }
}

/// A string as a dictionary or set key with gzq's equality: by Unicode scalars.
struct ScalarKey: Hashable {
    let string: String

    init(_ string: String) { self.string = string }

    static func == (a: ScalarKey, b: ScalarKey) -> Bool { ScalarString.equal(a.string, b.string) }

    func hash(into h: inout Hasher) { ScalarString.hash(string, into: &h) }
}

/// Column names and record keys, matched by Unicode scalars.
extension Array where Element == String {
    func containsByScalars(_ s: String) -> Bool { contains { ScalarString.equal($0, s) } }

    func firstIndexByScalars(of s: String) -> Int? { firstIndex { ScalarString.equal($0, s) } }

    func equalsByScalars(_ other: [String]) -> Bool {
        count == other.count && zip(self, other).allSatisfy { ScalarString.equal($0, $1) }
    }
}

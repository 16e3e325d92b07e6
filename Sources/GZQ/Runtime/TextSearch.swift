/// Substring search for `in`, `split` and `replace`: literal (code point for code point, as
/// Python's `str` methods match; no Unicode normalization) over the UTF-8 bytes, in linear
/// time (Knuth–Morris–Pratt). Foundation's and the standard library's searches are quadratic
/// on inputs like `"aa…a"` against `"aa…ab"` (20 KB took seconds), and their replacement costs
/// about a microsecond per match, so one call on a long string could run for minutes —
/// past any time limit, which is only checked between steps. Both strings are valid UTF-8, so
/// a byte match always starts and ends on code point boundaries.
enum TextSearch {
    /// A needle with its KMP failure table.
    struct Pattern {
        let bytes: [UInt8]
        private let failure: [Int]

        init(_ needle: String) {
            bytes = Array(needle.utf8)
            var failure = [Int](repeating: 0, count: bytes.count)
            var k = 0
            var q = 1
            while q < bytes.count {
                while k > 0 && bytes[q] != bytes[k] { k = failure[k - 1] }
                if bytes[q] == bytes[k] { k += 1 }
                failure[q] = k
                q += 1
            }
            self.failure = failure
        }

        /// The first occurrence starting at or after `start`, or nil (an empty needle matches nowhere).
        func firstMatch(in hay: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
            let m = bytes.count
            guard m > 0 else { return nil }
            var k = 0
            var i = start
            while i < hay.count {
                let b = hay[i]
                while k > 0 && b != bytes[k] { k = failure[k - 1] }
                if b == bytes[k] { k += 1 }
                if k == m { return i - m + 1 }
                i += 1
            }
            return nil
        }

        /// Start offsets of the non-overlapping occurrences, left to right, passed to `body`.
        func forEachMatch(in hay: UnsafeBufferPointer<UInt8>, _ body: (Int) -> Void) {
            var from = 0
            while let at = firstMatch(in: hay, from: from) {
                body(at)
                from = at + bytes.count
            }
        }
    }

    private static func withBytes<T>(_ s: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        var s = s
        return s.withUTF8(body)
    }

    static func contains(_ s: String, _ part: String) -> Bool {
        if part.utf8.isEmpty { return true }
        let pattern = Pattern(part)
        return withBytes(s) { pattern.firstMatch(in: $0, from: 0) != nil }
    }

    /// Non-overlapping occurrences of `part` (not empty) in `s`.
    static func count(_ s: String, _ part: String) -> Int {
        let pattern = Pattern(part)
        var n = 0
        withBytes(s) { pattern.forEachMatch(in: $0) { _ in n += 1 } }
        return n
    }

    /// `s` with every non-overlapping occurrence of `old` (not empty), left to right, replaced by `new`.
    static func replacing(_ s: String, _ old: String, with new: String) -> String {
        let pattern = Pattern(old)
        let replacement = Array(new.utf8)
        return withBytes(s) { hay in
            var out: [UInt8] = []
            var copied = 0
            pattern.forEachMatch(in: hay) { at in
                if out.isEmpty { out.reserveCapacity(hay.count) }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[copied..<at]))
                out.append(contentsOf: replacement)
                copied = at + pattern.bytes.count
            }
            if copied == 0 && out.isEmpty { return s }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: hay[copied...]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The parts of `s` between the non-overlapping occurrences of `sep` (not empty): one more
    /// part than occurrences, empty parts included (as Python's `str.split(sep)`).
    static func split(_ s: String, _ sep: String) -> [String] {
        let pattern = Pattern(sep)
        return withBytes(s) { hay in
            var parts: [String] = []
            var start = 0
            pattern.forEachMatch(in: hay) { at in
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: hay[start..<at]), as: UTF8.self))
                start = at + pattern.bytes.count
            }
            parts.append(String(decoding: UnsafeBufferPointer(rebasing: hay[start...]), as: UTF8.self))
            return parts
        }
    }
}

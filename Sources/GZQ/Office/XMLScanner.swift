import Foundation

// A byte-level scanner for the XML parts of a workbook (docs/BUILDING.md §8.4: about 10× faster than
// Foundation's XMLParser, which also fails at the end of documents over 10 MB). It walks
// tags and the text between them; it does not build a tree or check well-formedness beyond
// what it needs. Element names are compared by their local name (`x:row` is `row`), as some
// writers prefix the SpreadsheetML namespace. Comments, processing instructions and
// declarations are skipped.

/// One start, end or empty-element tag: `bytes[start..<end]` is `<…>`.
struct XMLTag {
    /// The local name (after any `prefix:`).
    let name: Range<Int>
    let start: Int
    let end: Int
    let isEnd: Bool
    let isEmpty: Bool
}

struct XMLScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The next tag at or after `position` (which moves past it), or nil at the end.
    @inline(__always)
    mutating func next() -> XMLTag? {
        let n = bytes.count
        guard let base = bytes.baseAddress else { return nil }
        while position < n {
            guard let found = memchr(base + position, Int32(UInt8(ascii: "<")), n - position) else {
                position = n
                return nil
            }
            let lt = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var p = lt + 1
            guard p < n else { position = n; return nil }
            let first = base[p]
            if first == UInt8(ascii: "?") || first == UInt8(ascii: "!") {
                position = skipSpecial(from: p)
                continue
            }
            let isEnd = first == UInt8(ascii: "/")
            if isEnd { p += 1 }
            var nameStart = p
            while p < n {
                let c = base[p]
                if c == UInt8(ascii: ">") || c == UInt8(ascii: "/") || c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { break }
                if c == UInt8(ascii: ":") { nameStart = p + 1 }
                p += 1
            }
            let nameEnd = p
            // Up to the closing '>', stepping over quoted attribute values (which may hold '>').
            var quote: UInt8 = 0
            while p < n {
                let c = base[p]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                    quote = c
                } else if c == UInt8(ascii: ">") {
                    break
                }
                p += 1
            }
            guard p < n else { position = n; return nil }
            position = p + 1
            return XMLTag(name: nameStart..<nameEnd, start: lt, end: p + 1, isEnd: isEnd,
                          isEmpty: !isEnd && p > lt && base[p - 1] == UInt8(ascii: "/"))
        }
        return nil
    }

    /// After `<!--…-->`, `<?…?>`, `<![CDATA[…]]>` or `<!DOCTYPE …>` (p is just after '<').
    private func skipSpecial(from p: Int) -> Int {
        let terminator: [UInt8]
        if matches(p, "!--") { terminator = Array("-->".utf8) }
        else if matches(p, "![CDATA[") { terminator = Array("]]>".utf8) }
        else if bytes[p] == UInt8(ascii: "?") { terminator = Array("?>".utf8) }
        else { terminator = Array(">".utf8) }
        var q = p
        while q + terminator.count <= bytes.count {
            if bytes[q] == terminator[0], matches(q, terminator) { return q + terminator.count }
            q += 1
        }
        return bytes.count
    }

    func matches(_ p: Int, _ s: String) -> Bool { matches(p, Array(s.utf8)) }

    func matches(_ p: Int, _ s: [UInt8]) -> Bool {
        guard p >= 0, p + s.count <= bytes.count else { return false }
        for (k, c) in s.enumerated() where bytes[p + k] != c { return false }
        return true
    }

    /// Whether the tag's local name is `name`.
    @inline(__always)
    func isNamed(_ tag: XMLTag, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        guard tag.name.count == count else { return false }
        let s = name.utf8Start
        for k in 0..<count where bytes[tag.name.lowerBound + k] != s[k] { return false }
        return true
    }

    /// The raw (still escaped) value of attribute `name` inside `tag`, matched with a leading
    /// space so that `r` is not found inside `spans`; a `prefix:` before it is allowed.
    func attribute(_ tag: XMLTag, _ name: StaticString) -> Range<Int>? {
        let count = name.utf8CodeUnitCount
        let s = name.utf8Start
        var p = tag.name.upperBound
        let end = tag.end
        while p + count + 2 < end {
            let c = bytes[p]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == UInt8(ascii: ":") {
                var k = 0
                while k < count, bytes[p + 1 + k] == s[k] { k += 1 }
                if k == count, bytes[p + 1 + count] == UInt8(ascii: "=") {
                    let q = bytes[p + 2 + count]
                    guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return nil }
                    var v = p + 3 + count
                    let start = v
                    while v < end, bytes[v] != q { v += 1 }
                    return start..<v
                }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                // Step over a value, so text inside it is never taken for an attribute name.
                p += 1
                while p < end, bytes[p] != c { p += 1 }
            }
            p += 1
        }
        return nil
    }

    /// The values of the one-letter attributes `r`, `s` and `t` of a cell tag, in one pass
    /// (the hot path of the sheet scan; `attribute` would walk the tag three times).
    @inline(__always)
    func cellAttributes(_ tag: XMLTag) -> (r: Range<Int>?, s: Range<Int>?, t: Range<Int>?) {
        var r: Range<Int>?, s: Range<Int>?, t: Range<Int>?
        var p = tag.name.upperBound
        let end = tag.end
        while p + 3 < end {
            let c = bytes[p]
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                let name = bytes[p + 1]
                if bytes[p + 2] == UInt8(ascii: "="), name == UInt8(ascii: "r") || name == UInt8(ascii: "s") || name == UInt8(ascii: "t") {
                    let q = bytes[p + 3]
                    guard q == UInt8(ascii: "\"") || q == UInt8(ascii: "'") else { return (r, s, t) }
                    var v = p + 4
                    while v < end, bytes[v] != q { v += 1 }
                    let value = (p + 4)..<v
                    if name == UInt8(ascii: "r") { r = value } else if name == UInt8(ascii: "s") { s = value } else { t = value }
                    p = v + 1
                    continue
                }
            } else if c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") {
                p += 1
                while p < end, bytes[p] != c { p += 1 }
            }
            p += 1
        }
        return (r, s, t)
    }

    /// An attribute's value, unescaped.
    func attributeText(_ tag: XMLTag, _ name: StaticString) -> String? {
        attribute(tag, name).map { text($0) }
    }

    /// The text of `range` with XML entities and OOXML `_xHHHH_` escapes decoded.
    func text(_ range: Range<Int>) -> String {
        var out = ScratchText()
        appendText(range, to: &out)
        return out.string
    }

    /// Appends the decoded text of `range` (for strings split across rich-text runs).
    func appendText(_ range: Range<Int>, to out: inout ScratchText) {
        var p = range.lowerBound
        var plainStart = p
        let end = range.upperBound
        while p < end {
            let c = bytes[p]
            if c == UInt8(ascii: "&") || (c == UInt8(ascii: "_") && p + 6 < end && bytes[p + 1] == UInt8(ascii: "x")) {
                out.append(bytes, plainStart..<p)
                if let (scalar, length) = c == UInt8(ascii: "&") ? entity(at: p, end: end) : hexEscape(at: p, end: end) {
                    out.append(scalar)
                    p += length
                } else {
                    out.append(bytes, p..<(p + 1))
                    p += 1
                }
                plainStart = p
            } else {
                p += 1
            }
        }
        out.append(bytes, plainStart..<end)
    }

    /// `&amp;` `&lt;` `&gt;` `&quot;` `&apos;` `&#N;` `&#xH;` at p: the scalar and the length.
    private func entity(at p: Int, end: Int) -> (Unicode.Scalar, Int)? {
        var q = p + 1
        while q < end, q - p < 12, bytes[q] != UInt8(ascii: ";") { q += 1 }
        guard q < end, bytes[q] == UInt8(ascii: ";") else { return nil }
        let body = String(decoding: UnsafeBufferPointer(rebasing: bytes[(p + 1)..<q]), as: UTF8.self)
        let length = q - p + 1
        switch body {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        default:
            guard body.hasPrefix("#") else { return nil }
            let digits = body.dropFirst()
            let value = digits.hasPrefix("x") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
            return value.flatMap(Unicode.Scalar.init).map { ($0, length) }
        }
    }

    /// `_xHHHH_` (OOXML's escape for characters XML cannot hold, as Excel writes it) at p.
    private func hexEscape(at p: Int, end: Int) -> (Unicode.Scalar, Int)? {
        guard p + 7 <= end, bytes[p + 6] == UInt8(ascii: "_") else { return nil }
        var v: UInt32 = 0
        for k in 2..<6 {
            guard let d = hexDigit(bytes[p + k]) else { return nil }
            v = v << 4 | d
        }
        return Unicode.Scalar(v).map { ($0, 7) }
    }

    private func hexDigit(_ c: UInt8) -> UInt32? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// The bytes between the end of `tag` and the next `<` (an element's text, unescaped).
    func textAfter(_ tag: XMLTag) -> Range<Int> {
        var p = tag.end
        while p < bytes.count, bytes[p] != UInt8(ascii: "<") { p += 1 }
        return tag.end..<p
    }
}

/// Decoded text being assembled as UTF-8 bytes.
struct ScratchText {
    private(set) var bytes: [UInt8] = []

    var isEmpty: Bool { bytes.isEmpty }
    var string: String { String(decoding: bytes, as: UTF8.self) }

    mutating func reset() { bytes.removeAll(keepingCapacity: true) }

    mutating func append(_ source: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
        if !range.isEmpty { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[range])) }
    }

    mutating func append(_ scalar: Unicode.Scalar) {
        bytes.append(contentsOf: String(Character(scalar)).utf8)
    }
}

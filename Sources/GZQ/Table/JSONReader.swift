import Foundation

// JSON reading (REFERENCE §8): `read_json` takes an array of flat objects, one per row.
//
// A small byte-level parser instead of JSONSerialization, which loses the order of keys.
// Columns appear in the order their keys first appear; a key missing from an object is
// null in that row. Values go straight into typed column builders (shared with the CSV
// reader): a number without a fraction or exponent is an int when it fits in 64 bits,
// otherwise a float; ints and floats mixed make a float column; any other mix, and any
// nested array or object, is an error naming the key, the object and its line:column.
// A string column whose every value is an ISO date (`2021-06-30`) becomes a date column,
// so `write_json` output reads back with its dates.

/// Reads JSON text into a `Table`.
public enum JSONReader {
    /// Parses `bytes` (the whole file), an array of objects. `name` appears in error messages.
    public static func read(bytes: [UInt8], name: String, progress: ((Double) -> Void)? = nil) throws -> Table {
        try bytes.withUnsafeBufferPointer { try read(buffer: $0, name: name, progress: progress) }
    }

    /// As `read(bytes:…)`, straight from `Data` without copying it.
    public static func read(data: Data, name: String, progress: ((Double) -> Void)? = nil) throws -> Table {
        try data.withUnsafeBytes { try read(buffer: $0.bindMemory(to: UInt8.self), name: name, progress: progress) }
    }

    static func read(buffer: UnsafeBufferPointer<UInt8>, name: String, progress: ((Double) -> Void)?,
                     release: ByteRelease? = nil) throws -> Table {
        let parser = JSONParser(buffer: buffer, name: name)
        return try parser.parse(progress: progress, release: release)
    }
}

final class JSONParser {
    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let end: Int
    let name: String
    var p = 0
    /// The current row (0-based); messages say `object #(row + 1)`.
    var row = 0
    var keys: [String] = []
    var keyBytes: [[UInt8]] = []
    /// Keys by Unicode scalars: "\u00e9" and "e\u0301" are two keys (two columns).
    var keyIndex: [ScalarKey: Int] = [:]
    /// Column of the key at each position in the previous object (keys usually repeat in order).
    var lastOrder: [Int] = []
    var builders: [TypedColumnBuilder] = []
    var scratch = ScratchBytes()
    var expectedRows = 0

    init(buffer: UnsafeBufferPointer<UInt8>, name: String) {
        bytes = buffer
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
        self.name = name
    }

    deinit { scratch.free() }

    func error(_ entry: Msg, _ args: any CustomStringConvertible..., at offset: Int) -> TableReadError {
        TableReadError.at(offset, in: bytes, file: name, Message(entry, args.map(MessageArg.init)))
    }

    /// `release(range)`: bytes already parsed, which will not be needed again (a memory-mapped file may drop them).
    func parse(progress: ((Double) -> Void)?, release: ByteRelease? = nil) throws -> Table {
        p = UTF8Text.hasBOM(bytes) ? 3 : 0
        skipSpace()
        guard p < end, base[p] == UInt8(ascii: "[") else {
            throw p < end ? error(.expectedArrayOfObjects, describe(p), at: p) : error(.emptyJsonFile, at: p)
        }
        let open = p
        p += 1
        skipSpace()
        let progressStep = max(end / 100, 1 << 20)
        var nextProgress = progress == nil ? Int.max : progressStep
        var released = 0
        if p < end, base[p] == UInt8(ascii: "]") {
            p += 1
        } else {
            while true {
                skipSpace()
                try parseObject()
                row += 1
                for k in builders.indices where builders[k].count < row { builders[k].appendNull() }
                if row & 1023 == 0, row + 1024 > expectedRows { reserveRows() }
                if row & 4095 == 0, let release {
                    release(released..<p)
                    released = p
                }
                if p >= nextProgress, let progress {
                    progress(Double(p) / Double(end))
                    nextProgress = p + progressStep
                }
                skipSpace()
                guard p < end else { throw error(.jsonUnterminatedArray, at: open) }
                if base[p] == UInt8(ascii: ",") {
                    p += 1
                } else if base[p] == UInt8(ascii: "]") {
                    p += 1
                    break
                } else {
                    throw error(.jsonExpectedArraySeparator, row, describe(p), at: p)
                }
            }
        }
        skipSpace()
        if p < end { throw error(.jsonTextAfterArray, describe(p), at: p) }
        progress?(1.0)
        let columns = builders.map { $0.finish(datesFromStrings: true) }
        return Table(schema: Schema(names: keys, types: columns.map(\.type)), columns: columns, rowCount: row)
    }

    private func reserveRows() {
        // The rest of the file at the bytes per object so far, 10% to spare (as in the CSV reader).
        expectedRows = row + Int(Double(end - p) / (Double(max(p, 1)) / Double(row)) * 1.1) + 1024
        for k in builders.indices { builders[k].reserve(expectedRows) }
    }

    // object := '{' (string ':' value (',' string ':' value)*)? '}'
    private func parseObject() throws {
        guard p < end, base[p] == UInt8(ascii: "{") else {
            throw p < end ? error(.arrayItemNotObject, row + 1, describeValue(p), at: p) : error(.endExpectedObject, at: p)
        }
        let open = p
        p += 1
        skipSpace()
        if p < end, base[p] == UInt8(ascii: "}") {
            p += 1
            return
        }
        var position = 0
        while true {
            skipSpace()
            guard p < end, base[p] == Self.quote else { throw error(.jsonExpectedKey, describe(p), at: p) }
            let keyStart = p
            let column = try parseKey(position: position)
            position += 1
            if builders[column].count > row { throw error(.jsonDuplicateKey, keys[column], row + 1, at: keyStart) }
            skipSpace()
            guard p < end, base[p] == UInt8(ascii: ":") else { throw error(.jsonExpectedColon, describe(p), at: p) }
            p += 1
            skipSpace()
            try parseValue(column: column)
            skipSpace()
            guard p < end else { throw error(.jsonUnterminatedObject, at: open) }
            if base[p] == UInt8(ascii: ",") {
                p += 1
            } else if base[p] == UInt8(ascii: "}") {
                p += 1
                return
            } else {
                throw error(.jsonExpectedObjectSeparator, describe(p), at: p)
            }
        }
    }

    /// Reads a key; returns its column, adding a column (null so far) for a new key.
    private func parseKey(position: Int) throws -> Int {
        let span = try scanString()
        let n = span.end - span.start
        if n == 0 { throw error(.jsonEmptyKey, at: span.start - 1) }
        let guess = position < lastOrder.count ? lastOrder[position] : -1
        if guess >= 0, !span.escaped, keyBytes[guess].count == n,
           (n == 0 || keyBytes[guess].withUnsafeBufferPointer({ $0.baseAddress.map { memcmp($0, base + span.start, n) == 0 } ?? false })) {
            return guess
        }
        let (ptr, count) = try stringBytes(span)
        let raw = Array(UnsafeBufferPointer(start: ptr, count: count))
        if raw.withUnsafeBufferPointer({ UTF8Text.firstInvalid($0.baseAddress ?? base, $0.count) }) != nil { throw invalidUTF8(span) }
        let key = String(decoding: raw, as: UTF8.self)
        let column: Int
        if let known = keyIndex[ScalarKey(key)] {
            column = known
        } else {
            var builder = TypedColumnBuilder()
            builder.reserve(expectedRows)
            builder.appendNulls(row)
            column = keys.count
            keyIndex[ScalarKey(key)] = column
            keys.append(key)
            keyBytes.append(raw)
            builders.append(builder)
        }
        if position < lastOrder.count { lastOrder[position] = column } else { lastOrder.append(column) }
        return column
    }

    // value := string | number | 'true' | 'false' | 'null'   (arrays and objects are rejected)
    private func parseValue(column: Int) throws {
        guard p < end else { throw error(.jsonEndExpectedValue, at: p) }
        let at = p
        let fits: Bool
        let what: MessageArg
        switch base[p] {
        case Self.quote:
            let span = try scanString()
            let (ptr, n) = try stringBytes(span)
            guard let ok = builders[column].append(string: ptr, n) else { throw invalidUTF8(span) }
            (fits, what) = (ok, .message(Message(.jsonAString)))
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            let value = base[p] == UInt8(ascii: "t")
            try literal(value ? "true" : "false")
            (fits, what) = (builders[column].append(bool: value), .message(Message(.jsonABool)))
        case UInt8(ascii: "n"):
            try literal("null")
            builders[column].appendNull()
            (fits, what) = (true, .text("null"))
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            (fits, what) = (try parseNumber(column: column), .message(Message(.jsonANumber)))
        case UInt8(ascii: "["), UInt8(ascii: "{"):
            let kind = Message(base[p] == UInt8(ascii: "[") ? .jsonAnArray : .jsonAnObject)
            throw error(.jsonNestedValue, keys[column], row + 1, kind, at: p)
        default:
            throw error(.jsonExpectedValue, describe(p), at: p)
        }
        if !fits {
            throw error(.jsonMixedTypes, keys[column], row + 1, what, builders[column].kindName, at: at)
        }
    }

    private func literal(_ word: StaticString) throws {
        let n = word.utf8CodeUnitCount
        guard p + n <= end, memcmp(base + p, word.utf8Start, n) == 0 else {
            throw error(.jsonInvalidLiteral, word, at: p)
        }
        p += n
    }

    // number := '-'? ('0' | [1-9][0-9]*) ('.' [0-9]+)? ([eE] [+-]? [0-9]+)?
    private func parseNumber(column: Int) throws -> Bool {
        let start = p
        if base[p] == UInt8(ascii: "-") { p += 1 }
        guard p < end, isDigit(base[p]) else { throw error(.jsonInvalidNumber, at: start) }
        if base[p] == UInt8(ascii: "0") {
            p += 1
            if p < end, isDigit(base[p]) { throw error(.jsonLeadingZeros, at: start) }
        } else {
            while p < end, isDigit(base[p]) { p += 1 }
        }
        var integral = true
        if p < end, base[p] == UInt8(ascii: ".") {
            p += 1
            guard p < end, isDigit(base[p]) else { throw error(.jsonDigitsAfterPoint, at: start) }
            while p < end, isDigit(base[p]) { p += 1 }
            integral = false
        }
        if p < end, base[p] | 0x20 == UInt8(ascii: "e") {
            p += 1
            if p < end, base[p] == UInt8(ascii: "+") || base[p] == UInt8(ascii: "-") { p += 1 }
            guard p < end, isDigit(base[p]) else { throw error(.jsonDigitsInExponent, at: start) }
            while p < end, isDigit(base[p]) { p += 1 }
            integral = false
        }
        if integral, case .value(let v) = NumberText.parseInt(base + start, p - start) { return builders[column].append(int: v) }
        guard let d = NumberText.parseFloat(base + start, p - start) else { throw error(.jsonInvalidNumber, at: start) }
        return builders[column].append(float: d)
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c &- 48 <= 9 }

    @inline(__always)
    private func skipSpace() {
        while p < end {
            let c = base[p]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            p += 1
        }
    }

    /// Scans a string at `p` (its opening quote); returns the span between the quotes.
    private func scanString() throws -> (start: Int, end: Int, escaped: Bool) {
        let open = p
        var i = p + 1
        var escaped = false
        while true {
            guard i < end else { throw error(.jsonUnterminatedString, at: open) }
            let c = base[i]
            if c == Self.quote { break }
            if c == Self.backslash {
                escaped = true
                i += 2
                continue
            }
            if c < 0x20 { throw error(.jsonControlCharacter, at: i) }
            i += 1
        }
        p = i + 1
        return (open + 1, i, escaped)
    }

    /// The string's content with escapes decoded (then in `scratch`, valid until the next call).
    private func stringBytes(_ span: (start: Int, end: Int, escaped: Bool)) throws -> (UnsafePointer<UInt8>, Int) {
        guard span.escaped else { return (base + span.start, span.end - span.start) }
        scratch.reset()
        var i = span.start
        while i < span.end {
            let c = base[i]
            guard c == Self.backslash else {
                scratch.append(c)
                i += 1
                continue
            }
            let e = base[i + 1]
            switch e {
            case Self.quote, Self.backslash, UInt8(ascii: "/"): scratch.append(e)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i + 2, escape: i)
                var length = 6
                if (0xD800..<0xDC00).contains(scalar), i + 12 <= span.end, base[i + 6] == Self.backslash,
                   base[i + 7] == UInt8(ascii: "u") {
                    let low = try hex4(at: i + 8, escape: i + 6)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        length = 12
                    }
                }
                guard let u = Unicode.Scalar(scalar) else { throw error(.jsonUnpairedSurrogate, at: i) }
                scratch.append(contentsOf: String(Character(u)).utf8)
                i += length
                continue
            default:
                throw error(.jsonInvalidEscape, Character(Unicode.Scalar(e)), at: i)
            }
            i += 2
        }
        return (UnsafePointer(scratch.base), scratch.count)
    }

    private func hex4(at i: Int, escape: Int) throws -> UInt32 {
        var v: UInt32 = 0
        for k in i..<i + 4 {
            guard k < end, let digit = Character(Unicode.Scalar(base[k])).hexDigitValue else {
                throw error(.jsonBadUnicodeEscape, at: escape)
            }
            v = v << 4 | UInt32(digit)
        }
        return v
    }

    private func invalidUTF8(_ span: (start: Int, end: Int, escaped: Bool)) -> TableReadError {
        let bad = span.start + (UTF8Text.firstInvalid(base + span.start, span.end - span.start) ?? 0)
        return error(.invalidUTF8ByteAt, String(base[bad], radix: 16, uppercase: true), bad, at: bad)
    }

    private func describe(_ i: Int) -> MessageArg {
        guard i < end else { return .message(Message(.jsonEndOfFile)) }
        let c = base[i]
        return c >= 0x21 && c < 0x7F ? .text("'\(Character(Unicode.Scalar(c)))'")
            : c < 0x80 ? .message(Message(.jsonByte, String(c, radix: 16, uppercase: true))) : describeNonASCII(i)
    }

    private func describeValue(_ i: Int) -> MessageArg {
        switch base[i] {
        case Self.quote: return .message(Message(.jsonAString))
        case UInt8(ascii: "["): return .message(Message(.jsonAnArray))
        case UInt8(ascii: "t"), UInt8(ascii: "f"): return .message(Message(.jsonABool))
        case UInt8(ascii: "n"): return .text("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .message(Message(.jsonANumber))
        default: return describe(i)
        }
    }
}

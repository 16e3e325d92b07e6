import Foundation

// CSV reading (SPEC §8, DESIGN §3): a hand-written RFC 4180 parser over the file's bytes.
//
// One pass over the bytes. Each cell is a byte span into the buffer (or into a scratch
// buffer when a quoted field holds `""` escapes) and goes straight into its column's
// builder, which infers the type as it goes: the first non-empty cell picks int, float,
// bool, date or string, later cells either fit, widen the column (int → float), or turn it
// into a string column. Only that last step needs the cells already read as text again;
// the column's earlier cells are then re-read from the bytes (at most once per column), so
// no text is kept for columns that stay typed. Strings are dictionary-encoded while
// reading (a byte-keyed hash table, one `String` per distinct value). No `Value` per cell,
// no `[String]` per row.
//
// Positions are byte offsets during parsing; line and column are computed from the bytes
// only when an error is reported. Any error aborts the read: no half-loaded table escapes.

/// A malformed data file: the file's name, a 1-based line and column (in characters), and
/// what is wrong. `description` is `file:line:column: message`.
public struct TableReadError: Error, CustomStringConvertible, Equatable {
    public let file: String
    public let message: String
    public let line: Int
    public let column: Int

    public init(file: String, message: String, line: Int, column: Int) {
        self.file = file
        self.message = message
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column): \(message)" }

    /// The error at byte `offset` of `bytes`.
    static func at(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String, _ message: String) -> TableReadError {
        let (line, column) = lineColumn(of: offset, in: bytes)
        return TableReadError(file: file, message: message, line: line, column: column)
    }

    /// 1-based line and column (counting Unicode scalars; a leading BOM is not counted).
    static func lineColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        let limit = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = UTF8Text.hasBOM(bytes) ? min(3, limit) : 0
        for i in 0..<limit where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<limit where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}

/// Reads CSV text into a `Table`.
public enum CSVReader {
    /// Parses `bytes` (the whole file) with a header row and `separator` between fields.
    /// `name` appears in error messages. `progress`, when given, receives the fraction of
    /// the bytes read so far, now and then.
    public static func read(bytes: [UInt8], name: String, separator: UInt8 = UInt8(ascii: ","),
                            progress: ((Double) -> Void)? = nil) throws -> Table {
        try bytes.withUnsafeBufferPointer { try read(buffer: $0, name: name, separator: separator, progress: progress) }
    }

    /// As `read(bytes:…)`, straight from `Data` without copying it.
    public static func read(data: Data, name: String, separator: UInt8 = UInt8(ascii: ","),
                            progress: ((Double) -> Void)? = nil) throws -> Table {
        try data.withUnsafeBytes { raw in
            try read(buffer: raw.bindMemory(to: UInt8.self), name: name, separator: separator, progress: progress)
        }
    }

    static func read(buffer: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8,
                     progress: ((Double) -> Void)?) throws -> Table {
        guard separator != CSVParser.quote, separator != CSVParser.lf, separator != CSVParser.cr, separator < 0x80 else {
            throw TableReadError(file: name, message: "the separator must be one ASCII character other than a quote or a line break",
                                 line: 1, column: 1)
        }
        var parser = CSVParser(buffer: buffer, name: name, separator: separator)
        return try parser.parse(progress: progress)
    }
}

/// The state of one CSV parse. `p` positions are byte offsets into `bytes`.
struct CSVParser {
    static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

    struct Field {
        var start: Int
        var end: Int
        var quoted: Bool
        var escaped: Bool
    }

    let bytes: UnsafeBufferPointer<UInt8>
    let base: UnsafePointer<UInt8>
    let end: Int
    let name: String
    let sep: UInt8
    var names: [String] = []
    var builders: [TypedColumnBuilder] = []
    var dataStart = 0
    /// Holds the content of a quoted field with `""` escapes, unescaped.
    var scratch: [UInt8] = []

    init(buffer: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8) {
        bytes = buffer
        // An empty buffer may have no base address; any valid pointer does, as nothing is read.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
        self.name = name
        sep = separator
    }

    func error(_ message: String, at offset: Int) -> TableReadError {
        TableReadError.at(offset, in: bytes, file: name, message)
    }

    mutating func parse(progress: ((Double) -> Void)?) throws -> Table {
        var p = UTF8Text.hasBOM(bytes) ? 3 : 0
        guard p < end else { throw error("empty file: expected a header row", at: p) }
        try readHeader(&p)
        dataStart = p
        let columnCount = names.count
        builders = (0..<columnCount).map { _ in TypedColumnBuilder() }

        var row = 0
        var nextReserveCheck = 1024
        let progressStep = max(end / 100, 1 << 20)
        var nextProgress = progress == nil ? Int.max : progressStep
        while p < end {
            if columnCount > 1 { skipBlankLines(&p); if p >= end { break } }
            let rowStart = p
            var column = 0
            while true {
                let field = try scanField(&p)
                if column == columnCount {
                    throw error("row has \(fieldCount(from: rowStart)) fields, the header has \(columnCount)",
                                at: field.start - (field.quoted ? 1 : 0))
                }
                try addCell(field, column: column, row: row, rowStart: rowStart)
                column += 1
                if endsRecord(&p) { break }
            }
            if column < columnCount {
                throw error("row has \(column) field\(column == 1 ? "" : "s"), the header has \(columnCount)", at: lineEnd(before: p))
            }
            row += 1
            if row == nextReserveCheck {
                // Reserve the expected row count once, from the bytes per row so far.
                nextReserveCheck = Int.max
                let expected = Int(Double(row) * Double(end - dataStart) / Double(max(p - dataStart, 1)) * 1.02) + 64
                for b in builders { b.reserve(expected) }
            }
            if p >= nextProgress, let progress {
                progress(Double(p) / Double(end))
                nextProgress = p + progressStep
            }
        }
        progress?(1.0)
        let columns = builders.map { $0.finish() }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: row)
    }

    /// Reads the header row: non-empty, distinct, valid UTF-8 names.
    mutating func readHeader(_ p: inout Int) throws {
        var seen: [String: Int] = [:]
        while true {
            let field = try scanField(&p)
            let at = field.start - (field.quoted ? 1 : 0)
            let decoded = try withCell(field) { ptr, n -> String? in
                UTF8Text.firstInvalid(ptr, n) == nil ? String(decoding: UnsafeBufferPointer(start: ptr, count: n), as: UTF8.self) : nil
            }
            guard let name = decoded else { throw invalidUTF8(field, nil) }
            if name.isEmpty { throw error("empty column name (column \(names.count + 1) of the header)", at: at) }
            if let first = seen[name] {
                throw error("duplicate column name '\(name)' (also column \(first + 1))", at: at)
            }
            seen[name] = names.count
            names.append(name)
            if endsRecord(&p) { break }
        }
    }

    /// Skips empty lines (used when the table has more than one column; with one column an
    /// empty line is a row whose cell is null).
    @inline(__always)
    func skipBlankLines(_ p: inout Int) {
        while p < end {
            if base[p] == Self.lf { p += 1 } else if base[p] == Self.cr, p + 1 < end, base[p + 1] == Self.lf { p += 2 } else { break }
        }
    }

    /// Scans one field starting at `p`; leaves `p` at its terminator (separator, line break or end).
    @inline(__always)
    func scanField(_ p: inout Int) throws -> Field {
        let base = self.base, end = self.end, sep = self.sep
        if p < end, base[p] == Self.quote {
            let open = p
            var i = p + 1
            var escaped = false
            while true {
                while i < end, base[i] != Self.quote { i += 1 }
                if i >= end { throw error("unterminated quoted field (opened here)", at: open) }
                if i + 1 < end, base[i + 1] == Self.quote {
                    escaped = true
                    i += 2
                    continue
                }
                break
            }
            let field = Field(start: open + 1, end: i, quoted: true, escaped: escaped)
            i += 1
            if i < end {
                let c = base[i]
                if c != sep, c != Self.lf, !(c == Self.cr && (i + 1 == end || base[i + 1] == Self.lf)) {
                    throw error("unexpected character after a closing quote (inside a quoted field a quote is written \"\")", at: i)
                }
            }
            p = i
            return field
        }
        let start = p
        var i = p
        while i < end {
            let c = base[i]
            if c == sep || c == Self.lf { break }
            if c == Self.quote {
                throw error("quote inside an unquoted field (quote the whole field and write the quote as \"\")", at: i)
            }
            i += 1
        }
        p = i
        var fieldEnd = i
        if fieldEnd > start, base[fieldEnd - 1] == Self.cr, i == end || base[i] == Self.lf { fieldEnd -= 1 }
        return Field(start: start, end: fieldEnd, quoted: false, escaped: false)
    }

    /// Consumes the terminator at `p`; true when it ends the record (line break or end of file).
    @inline(__always)
    func endsRecord(_ p: inout Int) -> Bool {
        guard p < end else { return true }
        let c = base[p]
        if c == sep {
            p += 1
            return false
        }
        p += (c == Self.cr && p + 1 < end) ? 2 : 1
        return true
    }

    /// Calls `body` with the field's content, unescaped.
    @inline(__always)
    mutating func withCell<R>(_ field: Field, _ body: (UnsafePointer<UInt8>, Int) throws -> R) throws -> R {
        guard field.escaped else { return try body(base + field.start, field.end - field.start) }
        scratch.removeAll(keepingCapacity: true)
        var i = field.start
        while i < field.end {
            let c = base[i]
            scratch.append(c)
            i += c == Self.quote ? 2 : 1
        }
        return try scratch.withUnsafeBufferPointer { try body($0.baseAddress!, $0.count) }
    }

    @inline(__always)
    mutating func addCell(_ field: Field, column: Int, row: Int, rowStart: Int) throws {
        let builder = builders[column]
        if field.end == field.start {
            builder.appendNull()
            return
        }
        let outcome = try withCell(field) { builder.appendText($0, $1) }
        switch outcome {
        case .ok: return
        case .invalidUTF8: throw invalidUTF8(field, nil)
        case .mismatch:
            try convertToStrings(column: column, rows: row)
            if case .invalidUTF8 = try withCell(field, { builder.appendText($0, $1) }) { throw invalidUTF8(field, nil) }
        }
    }

    /// Makes column `column` a string column: re-reads its first `rows` cells as text.
    mutating func convertToStrings(column: Int, rows: Int) throws {
        let builder = builders[column]
        builder.resetAsStrings()
        var p = dataStart
        for _ in 0..<rows {
            if names.count > 1 { skipBlankLines(&p) }
            var k = 0
            while true {
                let field = try scanField(&p)
                if k == column {
                    if field.end == field.start {
                        builder.appendNull()
                    } else if case .invalidUTF8 = try withCell(field, { builder.appendText($0, $1) }) {
                        throw invalidUTF8(field, nil)
                    }
                }
                k += 1
                if endsRecord(&p) { break }
            }
        }
    }

    /// The error for a field that is not valid UTF-8, at its first bad byte.
    func invalidUTF8(_ field: Field, _ offsetInCell: Int?) -> TableReadError {
        // Quotes are ASCII, so the first bad byte of the raw span is the first bad byte of the cell.
        let bad = field.start + (UTF8Text.firstInvalid(base + field.start, field.end - field.start) ?? offsetInCell ?? 0)
        let byte = bad < end ? String(base[bad], radix: 16, uppercase: true) : "?"
        return error("invalid UTF-8 (byte 0x\(byte.count == 1 ? "0" + byte : byte) at byte offset \(bad))", at: bad)
    }

    /// Counts the fields of the record starting at `start` (for the error message).
    func fieldCount(from start: Int) -> Int {
        var p = start, count = 0
        while true {
            guard (try? scanField(&p)) != nil else { return count + 1 }
            count += 1
            if endsRecord(&p) { return count }
        }
    }

    /// Where to point at a short row: the line break that ended it (or the end of the file).
    func lineEnd(before p: Int) -> Int {
        var q = p
        if q > 0, q <= end, base[q - 1] == Self.lf { q -= 1 }
        if q > 0, q <= end, base[q - 1] == Self.cr { q -= 1 }
        return q
    }
}

/// Builds one column, inferring its type from the cells (CSV) or receiving typed values (JSON).
/// Null cells are remembered by row and hold a zero placeholder.
final class TypedColumnBuilder {
    enum Kind { case empty, int, float, bool, date, string }
    enum Outcome { case ok, mismatch, invalidUTF8 }

    private(set) var kind = Kind.empty
    private(set) var count = 0
    private var nullRows: [Int] = []
    private var ints: [Int] = []
    private var floats: [Double] = []
    private var bools = BitVector()
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    private var strings = StringInterner()
    private var expected = 0

    func reserve(_ rows: Int) {
        expected = rows
        switch kind {
        case .empty: break
        case .int: ints.reserveCapacity(rows)
        case .float: floats.reserveCapacity(rows)
        case .bool: bools.reserveCapacity(rows)
        case .date: dates.reserveCapacity(rows)
        case .string: codes.reserveCapacity(rows)
        }
    }

    @inline(__always)
    func appendNull() {
        nullRows.append(count)
        switch kind {
        case .empty: break
        case .int: ints.append(0)
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .date: dates.append(0)
        case .string: codes.append(0)
        }
        count += 1
    }

    /// Appends `n` nulls.
    func appendNulls(_ n: Int) {
        for _ in 0..<n { appendNull() }
    }

    /// Appends a CSV cell (non-empty text). `.mismatch`: the cell does not fit the column's
    /// type and the column must become a string column (nothing was appended).
    @inline(__always)
    func appendText(_ p: UnsafePointer<UInt8>, _ n: Int) -> Outcome {
        switch kind {
        case .int:
            switch NumberText.parseInt(p, n) {
            case .value(let v): ints.append(v)
            case .overflow, .invalid:
                guard let d = NumberText.parseFloat(p, n) else { return .mismatch }
                becomeFloat()
                floats.append(d)
            }
        case .float:
            guard let d = NumberText.parseFloat(p, n) else { return .mismatch }
            floats.append(d)
        case .string:
            guard let code = strings.intern(p, n) else { return .invalidUTF8 }
            codes.append(code)
        case .bool:
            guard let b = NumberText.parseBool(p, n) else { return .mismatch }
            bools.append(b)
        case .date:
            guard let d = NumberText.parseDate(p, n) else { return .mismatch }
            dates.append(d)
        case .empty:
            if case .value(let v) = NumberText.parseInt(p, n) {
                start(.int)
                ints.append(v)
            } else if let d = NumberText.parseFloat(p, n) {
                start(.float)
                floats.append(d)
            } else if let b = NumberText.parseBool(p, n) {
                start(.bool)
                bools.append(b)
            } else if let d = NumberText.parseDate(p, n) {
                start(.date)
                dates.append(d)
            } else {
                guard let code = strings.intern(p, n) else { return .invalidUTF8 }
                start(.string)
                codes.append(code)
            }
        }
        count += 1
        return .ok
    }

    // Typed appends (JSON). False when the value does not fit the column (int and float mix).

    func append(int v: Int) -> Bool {
        switch kind {
        case .empty: start(.int); ints.append(v)
        case .int: ints.append(v)
        case .float: floats.append(Double(v))
        default: return false
        }
        count += 1
        return true
    }

    func append(float d: Double) -> Bool {
        switch kind {
        case .empty: start(.float)
        case .int: becomeFloat()
        case .float: break
        default: return false
        }
        floats.append(d)
        count += 1
        return true
    }

    func append(bool b: Bool) -> Bool {
        switch kind {
        case .empty: start(.bool)
        case .bool: break
        default: return false
        }
        bools.append(b)
        count += 1
        return true
    }

    /// False when the kind does not fit; nil when the bytes are not valid UTF-8.
    func append(string p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard kind == .empty || kind == .string else { return false }
        guard let code = strings.intern(p, n) else { return nil }
        if kind == .empty { start(.string) }
        codes.append(code)
        count += 1
        return true
    }

    /// Leaves the empty state: fills the nulls so far with placeholders.
    private func start(_ newKind: Kind) {
        kind = newKind
        let capacity = max(expected, count)
        switch newKind {
        case .empty: break
        case .int: ints.reserveCapacity(capacity); ints.append(contentsOf: repeatElement(0, count: count))
        case .float: floats.reserveCapacity(capacity); floats.append(contentsOf: repeatElement(0, count: count))
        case .bool: bools.reserveCapacity(capacity); for _ in 0..<count { bools.append(false) }
        case .date: dates.reserveCapacity(capacity); dates.append(contentsOf: repeatElement(0, count: count))
        case .string: codes.reserveCapacity(capacity); codes.append(contentsOf: repeatElement(0, count: count))
        }
    }

    private func becomeFloat() {
        var converted: [Double] = []
        converted.reserveCapacity(max(expected, ints.count + 1))
        for v in ints { converted.append(Double(v)) }
        floats = converted
        ints = []
        kind = .float
    }

    /// Drops everything so far; the caller re-appends the column's cells as strings.
    func resetAsStrings() {
        kind = .string
        count = 0
        nullRows = []
        ints = []
        floats = []
        bools = BitVector()
        dates = []
        codes = []
        codes.reserveCapacity(expected)
        strings = StringInterner()
    }

    /// What the column holds so far, for messages ("earlier values are numbers").
    var kindName: String {
        switch kind {
        case .empty: return "null"
        case .int, .float: return "numbers"
        case .bool: return "bools"
        case .date: return "dates"
        case .string: return "strings"
        }
    }

    /// The finished column. A column with no non-null cell is a string column of nulls.
    /// With `datesFromStrings`, a string column whose every value is `YYYY-MM-DD` becomes a date column.
    func finish(datesFromStrings: Bool = false) -> Column {
        var validity: BitVector?
        if !nullRows.isEmpty {
            var v = BitVector(count: count, value: true)
            for r in nullRows { v[r] = false }
            validity = v
        }
        switch kind {
        case .empty:
            return Column(storage: .string(codes: Array(repeating: 0, count: count), dictionary: []), validity: validity)
        case .int: return Column(storage: .int(ints), validity: validity)
        case .float: return Column(storage: .float(floats), validity: validity)
        case .bool: return Column(storage: .bool(bools), validity: validity)
        case .date: return Column(storage: .date(dates), validity: validity)
        case .string:
            let dictionary = strings.dictionary()
            if datesFromStrings, !dictionary.isEmpty {
                let days = dictionary.map { CivilDate.parse($0) }
                if days.allSatisfy({ $0 != nil }) {
                    let table = days.map { $0! }
                    return Column(storage: .date(codes.map { table[Int($0)] }), validity: validity)
                }
            }
            return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
        }
    }
}

/// Distinct byte strings → dense codes, by an open-addressing hash table keyed on the bytes.
/// Each new entry is checked to be UTF-8; `dictionary()` makes one `String` per entry.
struct StringInterner {
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    private var slots = [UInt32](repeating: 0, count: 64)   // entry + 1; 0 = free

    var count: Int { hashes.count }

    /// The code of these bytes (adding them when new), or nil when they are not valid UTF-8.
    @inline(__always)
    mutating func intern(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt32? {
        let h = Self.hash(p, n)
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let s = slots[i]
            if s == 0 { break }
            let e = Int(s) - 1
            if hashes[e] == h {
                let a = starts[e], len = starts[e + 1] - a
                if len == n, arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + a, p, n) == 0 }) { return UInt32(e) }
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

    func dictionary() -> [String] {
        arena.withUnsafeBufferPointer { buffer in
            (0..<count).map { e in
                String(decoding: UnsafeBufferPointer(rebasing: buffer[starts[e]..<starts[e + 1]]), as: UTF8.self)
            }
        }
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

/// Cell text → typed values, exactly (no whitespace trimming, decimal notation only).
enum NumberText {
    enum IntResult { case value(Int), overflow, invalid }

    /// `[+-]?[0-9]+`; `.overflow` when it does not fit in 64 bits.
    @inline(__always)
    static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> IntResult {
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
            if n == 1 { return .invalid }
        }
        var v: UInt64 = 0
        var overflow = false
        while i < n {
            let d = p[i] &- 48
            if d > 9 { return .invalid }
            let (m, o1) = v.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.addingReportingOverflow(UInt64(d))
            overflow = overflow || o1 || o2
            v = s
            i += 1
        }
        if overflow { return .overflow }
        if negative {
            if v > UInt64(Int.max) + 1 { return .overflow }
            return .value(v == UInt64(Int.max) + 1 ? Int.min : -Int(v))
        }
        if v > UInt64(Int.max) { return .overflow }
        return .value(Int(v))
    }

    private static let powersOf10: [Double] = (0...22).map { pow(10.0, Double($0)) }

    /// `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`, correctly rounded.
    static func parseFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        var digits = 0
        while i < n, p[i] &- 48 <= 9 {
            addDigit(p[i] &- 48, &mantissa, &significant, &truncated, &exponent, fraction: false)
            digits += 1
            i += 1
        }
        if i < n, p[i] == UInt8(ascii: ".") {
            i += 1
            while i < n, p[i] &- 48 <= 9 {
                addDigit(p[i] &- 48, &mantissa, &significant, &truncated, &exponent, fraction: true)
                digits += 1
                i += 1
            }
        }
        guard digits > 0 else { return nil }
        if i < n, p[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var expNegative = false
            if i < n, p[i] == UInt8(ascii: "-") || p[i] == UInt8(ascii: "+") {
                expNegative = p[i] == UInt8(ascii: "-")
                i += 1
            }
            var e = 0
            var expDigits = 0
            while i < n, p[i] &- 48 <= 9 {
                e = min(e * 10 + Int(p[i] &- 48), 1_000_000)
                expDigits += 1
                i += 1
            }
            guard expDigits > 0 else { return nil }
            exponent += expNegative ? -e : e
        }
        guard i == n else { return nil }
        // Clinger's fast path: both the mantissa and the power of ten are exact doubles.
        if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            let d = exponent >= 0 ? m * powersOf10[exponent] : m / powersOf10[-exponent]
            return negative ? -d : d
        }
        return Double(String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self))
    }

    @inline(__always)
    private static func addDigit(_ d: UInt8, _ mantissa: inout UInt64, _ significant: inout Int, _ truncated: inout Bool,
                                 _ exponent: inout Int, fraction: Bool) {
        if significant < 19 {
            mantissa = mantissa * 10 + UInt64(d)
            if mantissa != 0 { significant += 1 }
            if fraction { exponent -= 1 }
        } else {
            if d != 0 { truncated = true }
            if !fraction { exponent += 1 }
        }
    }

    /// `true`/`false` (also `True`/`False`, `TRUE`/`FALSE`).
    @inline(__always)
    static func parseBool(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard n == 4 || n == 5 else { return nil }
        let s = UnsafeBufferPointer(start: p, count: n)
        if n == 4 {
            return s.elementsEqual("true".utf8) || s.elementsEqual("True".utf8) || s.elementsEqual("TRUE".utf8) ? true : nil
        }
        return s.elementsEqual("false".utf8) || s.elementsEqual("False".utf8) || s.elementsEqual("FALSE".utf8) ? false : nil
    }

    /// `YYYY-MM-DD`, a real calendar date.
    @inline(__always)
    static func parseDate(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int32? {
        guard n == 10, p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-") else { return nil }
        func number(_ from: Int, _ to: Int) -> Int? {
            var v = 0
            for k in from..<to {
                let d = p[k] &- 48
                if d > 9 { return nil }
                v = v * 10 + Int(d)
            }
            return v
        }
        guard let y = number(0, 4), let m = number(5, 7), let d = number(8, 10) else { return nil }
        return CivilDate.days(year: y, month: m, day: d)
    }
}

enum UTF8Text {
    static func hasBOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    /// Offset of the first byte that does not begin a well-formed UTF-8 sequence, or nil.
    /// Rejects overlong forms, surrogates and code points above U+10FFFF.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var scalar: UInt32
            let minimum: UInt32
            if b & 0xE0 == 0xC0 {
                (length, scalar, minimum) = (2, UInt32(b & 0x1F), 0x80)
            } else if b & 0xF0 == 0xE0 {
                (length, scalar, minimum) = (3, UInt32(b & 0x0F), 0x800)
            } else if b & 0xF8 == 0xF0 {
                (length, scalar, minimum) = (4, UInt32(b & 0x07), 0x10000)
            } else {
                return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = p[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }
}

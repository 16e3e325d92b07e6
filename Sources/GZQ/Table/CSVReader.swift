import Foundation

// CSV reading (REFERENCE §8, docs/ARCHITECTURE.md §3): a hand-written RFC 4180 parser over the file's bytes.
//
// One pass over the bytes, a chunk of a few thousand records at a time. Scanning a chunk
// records each cell as a byte span into the file (or into the chunk's arena when a quoted
// field holds `""` escapes); then each column's builder takes its cells in one tight loop
// and infers the type as it goes: the first non-empty cell picks int, float, bool, date or
// string, later cells either fit, widen the column (int → float), or turn it into a string
// column. Only that last step needs the cells already read as text again: the column goes
// on as strings, and its earlier cells are re-read from the bytes after the last chunk, in
// one pass for all such columns (so reading stays linear however many columns turn), and no
// text is kept for columns that stay typed. Options (encoding, skip, nulls, trim, report
// numbers) live in CSVOptions.swift and CSVCells.swift. Strings are dictionary-encoded while reading (a
// byte-keyed hash table, one `String` per distinct value). No `Value` per cell, no
// `[String]` per row.
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

    /// UTF-8 text with the default options (see `read(buffer:name:options:…)` for the rest).
    static func read(buffer: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8,
                     progress: ((Double) -> Void)?, release: ((Int) -> Void)? = nil) throws -> Table {
        var options = CSVOptions()
        options.separator = separator
        options.encoding = .utf8
        return try read(buffer: buffer, name: name, options: options, progress: progress, release: release)
    }
}

/// The state of one CSV parse. `p` positions are byte offsets into `bytes`.
final class CSVParser {
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
    let options: CSVOptions
    /// Trimming or null texts apply (the plain path skips `adjust`).
    let adjusting: Bool
    /// Holds the content of a quoted field with `""` escapes, unescaped.
    var scratch = ScratchBytes()

    init(buffer: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8, options: CSVOptions = CSVOptions()) {
        self.options = options
        adjusting = options.adjustsCells
        bytes = buffer
        // An empty buffer may have no base address; any valid pointer does, as nothing is read.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        end = buffer.count
        self.name = name
        sep = separator
    }

    deinit { scratch.free() }

    func error(_ message: String, at offset: Int) -> TableReadError {
        TableReadError.at(offset, in: bytes, file: name, message)
    }

    /// `release(p)`: the bytes before `p` will not be needed again (unless a column turns into
    /// strings and its earlier cells are re-read), so a memory-mapped file may drop them.
    func parse(progress: ((Double) -> Void)?, release: ((Int) -> Void)? = nil) throws -> Table {
        var p = UTF8Text.hasBOM(bytes) ? 3 : 0
        try skipTitleLines(&p)
        guard p < end else {
            throw error(options.skip > 0 ? "no header row after the \(options.skip) skipped line\(options.skip == 1 ? "" : "s")" : "empty file: expected a header row", at: p)
        }
        try readHeader(&p)
        dataStart = p
        let columnCount = names.count
        builders = (0..<columnCount).map { _ in TypedColumnBuilder(reportNumbers: options.reportNumbers) }
        // About 32 768 cells per chunk. (At least 64 rows made a very wide header — a few bytes
        // per column — allocate 64 cells per column up front: a 2 MB file took 270 MB.)
        let chunkRows = max(1, 32_768 / columnCount)
        var chunk = CellChunk(rows: chunkRows, columns: columnCount)
        defer { chunk.free() }

        var row = 0
        var reserved = 0
        let progressStep = max(end / 100, 1 << 20)
        var nextProgress = progress == nil ? Int.max : progressStep
        while p < end {
            let rows = try scanChunk(&p, into: &chunk)
            if row + rows > reserved {
                // Reserve the rows the rest of the file should hold at the bytes per row so far, with
                // 10% to spare: capacity never touched costs address space, not memory, while an
                // array that outgrows its capacity is copied into one twice its size.
                let bytesPerRow = Double(max(p - dataStart, 1)) / Double(row + rows)
                // (The spare rows are one chunk's worth: 64 rows per column of a 40,000-column file
                // were 20 MB for nothing.)
                reserved = row + rows + Int(Double(end - p) / bytesPerRow * 1.1) + min(64, chunkRows)
                for k in builders.indices { builders[k].reserve(reserved) }
            }
            for column in 0..<columnCount { try appendChunk(chunk, column: column, rows: rows, firstRow: row) }
            row += rows
            release?(p)
            if p >= nextProgress, let progress {
                progress(Double(p) / Double(end))
                nextProgress = p + progressStep
            }
        }
        try readDeferredStrings(rows: row)
        progress?(1.0)
        let columns = builders.map { $0.finish() }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: row)
    }

    /// Reads up to `chunk.capacity` records from `p`, recording each cell's span (quoted
    /// fields with `""` escapes are unescaped into the chunk's arena). Returns the row count.
    func scanChunk(_ p: inout Int, into chunk: inout CellChunk) throws -> Int {
        let columnCount = names.count
        chunk.arena.reset()
        var rows = 0
        while rows < chunk.capacity, p < end {
            if columnCount > 1 {
                skipBlankLines(&p)
                if p >= end { break }
            }
            let rowStart = p
            chunk.rowStarts[rows] = rowStart
            var cell = rows * columnCount
            let rowEnd = cell + columnCount
            while true {
                var field = try scanField(&p)
                if adjusting { adjust(&field) }
                if cell == rowEnd {
                    throw error("row has \(fieldCount(from: rowStart)) fields, the header has \(columnCount)",
                                at: field.start - (field.quoted ? 1 : 0))
                }
                if field.escaped {
                    let offset = chunk.arena.count
                    var i = field.start
                    while i < field.end {
                        let c = base[i]
                        chunk.arena.append(c)
                        i += c == Self.quote ? 2 : 1
                    }
                    chunk.starts[cell] = offset
                    chunk.ends[cell] = chunk.arena.count
                    chunk.inArena[cell] = true
                } else {
                    chunk.starts[cell] = field.start
                    chunk.ends[cell] = field.end
                    chunk.inArena[cell] = false
                }
                cell += 1
                if endsRecord(&p) { break }
            }
            if cell < rowEnd {
                let count = columnCount - (rowEnd - cell)
                throw error("row has \(count) field\(count == 1 ? "" : "s"), the header has \(columnCount)", at: lineEnd(before: p))
            }
            rows += 1
        }
        return rows
    }

    /// Appends one column's cells of a chunk, changing the column's type as the cells require.
    func appendChunk(_ chunk: CellChunk, column: Int, rows: Int, firstRow: Int) throws {
        let cells = CellSpans(file: base, arena: UnsafePointer(chunk.arena.base), starts: chunk.starts, ends: chunk.ends,
                              inArena: chunk.inArena, stride: names.count, column: column)
        var r = 0
        while true {
            r = builders[column].appendRun(cells, from: r, to: rows)
            if r == rows { return }
            // Cell r does not fit the column as it is.
            let (ptr, n) = cells.bytes(r)
            switch builders[column].kind {
            case .empty:
                builders[column].start(builders[column].classify(ptr, n))
            case .int where builders[column].parsesAsFloat(ptr, n):
                builders[column].becomeFloat()
            case .string:
                throw invalidUTF8(rawField(rowStart: chunk.rowStarts[r], column: column))
            default:
                builders[column].becomeStrings(deferring: firstRow + r)
            }
        }
    }

    /// The raw field `column` of the record starting at `rowStart` (for error positions).
    func rawField(rowStart: Int, column: Int) -> Field {
        var p = rowStart
        var k = 0
        while true {
            guard let field = try? scanField(&p) else { break }
            if k == column { return field }
            k += 1
            if endsRecord(&p) { break }
        }
        return Field(start: rowStart, end: rowStart, quoted: false, escaped: false)
    }

    /// Reads the header row: non-empty, distinct, valid UTF-8 names.
    func readHeader(_ p: inout Int) throws {
        var seen: [ScalarKey: Int] = [:]  // by Unicode scalars, as column names match
        while true {
            var field = try scanField(&p)
            if options.trim, !field.quoted { CSVTrim.trim(base, &field.start, &field.end) }
            let at = field.start - (field.quoted ? 1 : 0)
            let (ptr, n) = cellBytes(field)
            guard UTF8Text.firstInvalid(ptr, n) == nil else { throw invalidUTF8(field) }
            let name = String(decoding: UnsafeBufferPointer(start: ptr, count: n), as: UTF8.self)
            if name.isEmpty { throw error("empty column name (column \(names.count + 1) of the header)", at: at) }
            if let first = seen[ScalarKey(name)] {
                throw error("duplicate column name '\(name)' (also column \(first + 1))", at: at)
            }
            seen[ScalarKey(name)] = names.count
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

    /// The field's content, unescaped (then in `scratch`, valid until the next call).
    @inline(__always)
    func cellBytes(_ field: Field) -> (UnsafePointer<UInt8>, Int) {
        guard field.escaped else { return (base + field.start, field.end - field.start) }
        scratch.reset()
        var i = field.start
        while i < field.end {
            let c = base[i]
            scratch.append(c)
            i += c == Self.quote ? 2 : 1
        }
        return (UnsafePointer(scratch.base), scratch.count)
    }

    /// The error for a field that is not valid UTF-8, at its first bad byte.
    func invalidUTF8(_ field: Field) -> TableReadError {
        // Quotes are ASCII, so the first bad byte of the raw span is the first bad byte of the cell.
        let bad = field.start + (UTF8Text.firstInvalid(base + field.start, field.end - field.start) ?? 0)
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
struct TypedColumnBuilder {
    enum Kind { case empty, int, float, bool, date, string }

    private(set) var kind = Kind.empty
    private(set) var count = 0
    private var nullRows: [Int] = []
    private var ints: [Int] = []
    private var floats: [Double] = []
    private var bools = BitVector()
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    /// Allocated on first use (most columns of a wide file never hold a string).
    private var strings = StringInterner(capacity: 0)
    private var expected = 0
    /// `numbers: "report"`: `1,069`, `18.81%`, `5.5亿`… are numbers too.
    let reportNumbers: Bool
    /// Rows 0..<deferredRows of a column that turned into strings: re-read at the end.
    private(set) var deferredRows = 0

    init(reportNumbers: Bool = false) { self.reportNumbers = reportNumbers }

    mutating func reserve(_ rows: Int) {
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
    mutating func appendNull() {
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
    mutating func appendNulls(_ n: Int) {
        for _ in 0..<n { appendNull() }
    }

    /// The type a column takes from its first non-empty cell.
    func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> Kind {
        if (reportNumbers ? CellNumber.reportInt(p, n) : CellNumber.plainInt(p, n)) != nil { return .int }
        if parsesAsFloat(p, n) { return .float }
        if NumberText.parseBool(p, n) != nil { return .bool }
        if NumberText.parseDate(p, n) != nil { return .date }
        return .string
    }

    /// Appends cells `from..<to` while they fit the column's type; returns the first row that
    /// did not fit (or `to`). Empty cells are null.
    mutating func appendRun(_ cells: CellSpans, from: Int, to: Int) -> Int {
        switch kind {
        case .empty:
            var r = from
            while r < to, cells.isEmpty(r) {
                nullRows.append(count)
                count += 1
                r += 1
            }
            return r
        case .int:
            if reportNumbers { return Self.fill(&ints, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.reportInt($0, $1) } }
            return Self.fill(&ints, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.plainInt($0, $1) }
        case .float:
            if reportNumbers { return Self.fill(&floats, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.reportFloat($0, $1) } }
            return Self.fill(&floats, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.plainFloat($0, $1) }
        case .date:
            return Self.fill(&dates, &nullRows, &count, cells, from, to, zero: 0) { NumberText.parseDate($0, $1) }
        case .bool:
            for r in from..<to {
                let (p, n) = cells.bytes(r)
                if n == 0 {
                    nullRows.append(count)
                    bools.append(false)
                } else if let b = NumberText.parseBool(p, n) {
                    bools.append(b)
                } else {
                    return r
                }
                count += 1
            }
            return to
        case .string:
            var interner = strings
            strings = StringInterner(capacity: 0)
            defer { strings = interner }
            return Self.fill(&codes, &nullRows, &count, cells, from, to, zero: 0) { interner.intern($0, $1) }
        }
    }

    /// Appends `to - from` values parsed by `parse` into `out` (zero for empty cells) until one
    /// does not parse; returns its row (or `to`).
    @inline(__always)
    private static func fill<T>(_ out: inout [T], _ nullRows: inout [Int], _ count: inout Int, _ cells: CellSpans,
                                _ from: Int, _ to: Int, zero: T, _ parse: (UnsafePointer<UInt8>, Int) -> T?) -> Int {
        let first = out.count
        out.append(contentsOf: repeatElement(zero, count: to - from))
        var stop = to
        let startCount = count
        out.withUnsafeMutableBufferPointer { buffer in
            for r in from..<to {
                let (p, n) = cells.bytes(r)
                if n == 0 {
                    nullRows.append(startCount + r - from)
                    continue
                }
                guard let v = parse(p, n) else {
                    stop = r
                    return
                }
                buffer[first + r - from] = v
            }
        }
        if stop < to { out.removeLast(to - stop) }
        count += stop - from
        return stop
    }

    // Typed appends (JSON). False when the value does not fit the column (int and float mix).

    mutating func append(int v: Int) -> Bool {
        switch kind {
        case .empty: start(.int); ints.append(v)
        case .int: ints.append(v)
        case .float: floats.append(Double(v))
        default: return false
        }
        count += 1
        return true
    }

    mutating func append(float d: Double) -> Bool {
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

    mutating func append(bool b: Bool) -> Bool {
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
    mutating func append(string p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard kind == .empty || kind == .string else { return false }
        guard let code = strings.intern(p, n) else { return nil }
        if kind == .empty { start(.string) }
        codes.append(code)
        count += 1
        return true
    }

    /// Leaves the empty state: fills the nulls so far with placeholders.
    mutating func start(_ newKind: Kind) {
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

    mutating func becomeFloat() {
        var converted: [Double] = []
        converted.reserveCapacity(max(expected, ints.count + 1))
        for v in ints { converted.append(Double(v)) }
        floats = converted
        ints = []
        kind = .float
    }

    /// Whether the cell is a float by this column's rules (an int is one too).
    @inline(__always)
    func parsesAsFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        (reportNumbers ? CellNumber.reportFloat(p, n) : CellNumber.plainFloat(p, n)) != nil
    }

    /// Makes the column a string column from row `rows` on, dropping its typed values; the
    /// reader re-reads rows 0..<rows as text later and hands them to `joinDeferred`.
    mutating func becomeStrings(deferring rows: Int) {
        kind = .string
        count = rows
        deferredRows = rows
        nullRows = []
        ints = []
        floats = []
        bools = BitVector()
        dates = []
        codes = []
        codes.reserveCapacity(max(expected - rows, 0))
        strings = StringInterner(capacity: 0)
    }

    /// Puts the re-read first rows before the rows appended since, with codes renumbered in
    /// order of first appearance (as if the column had been strings from the start).
    mutating func joinDeferred(_ prefix: inout DeferredStrings) {
        var interner = prefix.strings
        prefix.strings = StringInterner(capacity: 0)
        var remap = [UInt32](repeating: UInt32.max, count: strings.count)
        var joined = prefix.codes
        prefix.codes = []
        joined.reserveCapacity(joined.count + codes.count)
        for code in codes {
            var new = remap[Int(code)]
            if new == UInt32.max {
                // Already checked as UTF-8 when first interned.
                new = strings.entry(Int(code)) { interner.intern($0, $1) } ?? 0
                remap[Int(code)] = new
            }
            joined.append(new)
        }
        codes = joined
        strings = interner
        nullRows = prefix.nullRows + nullRows
        deferredRows = 0
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
                let table = dictionary.compactMap { CivilDate.parse($0) }
                if table.count == dictionary.count {
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

/// Cell text → typed values, exactly (no whitespace trimming, decimal notation only).
enum NumberText {
    enum IntResult { case value(Int), overflow, invalid }

    /// `[+-]?[0-9]+`; `.overflow` when it does not fit in 64 bits.
    @inline(__always)
    static func parseInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> IntResult {
        guard n > 0 else { return .invalid }
        var i = 0
        var negative = false
        if p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") {
            negative = p[0] == UInt8(ascii: "-")
            i = 1
            if n == 1 { return .invalid }
        }
        if n - i <= 18 {
            // Eighteen digits cannot overflow.
            var v = 0
            while i < n {
                let d = p[i] &- 48
                if d > 9 { return .invalid }
                v = v &* 10 &+ Int(d)
                i += 1
            }
            return .value(negative ? -v : v)
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

    /// `[+-]?(digits[.digits?]|.digits)([eE][+-]?digits)?`, correctly rounded; also the
    /// non-finite words the CSV writer uses.
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
        guard digits > 0 else { return special(p, n) }
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

    /// `nan`, `NaN`, `inf`, `+inf`, `-inf`: what the CSV writer writes for non-finite floats.
    private static func special(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard n >= 3, n <= 4 else { return nil }
        let s = UnsafeBufferPointer(start: p, count: n)
        if s.elementsEqual("nan".utf8) || s.elementsEqual("NaN".utf8) { return .nan }
        if s.elementsEqual("inf".utf8) || s.elementsEqual("+inf".utf8) { return .infinity }
        if s.elementsEqual("-inf".utf8) { return -.infinity }
        return nil
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

/// A growable byte buffer with a stable address, for unescaped cells. Its owner calls `free()`.
struct ScratchBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity = 256
    private(set) var count = 0

    init() { base = .allocate(capacity: 256) }

    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        base[count] = byte
        count += 1
    }

    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        for b in bytes { append(b) }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func free() { base.deallocate() }
}

/// The cells of up to `capacity` records: byte spans into the file, or into `arena` for
/// quoted fields whose `""` escapes were undone. Row-major; freed by its owner.
struct CellChunk {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let inArena: UnsafeMutablePointer<Bool>
    let rowStarts: UnsafeMutablePointer<Int>
    var arena = ScratchBytes()

    init(rows: Int, columns: Int) {
        capacity = rows
        starts = .allocate(capacity: rows * columns)
        ends = .allocate(capacity: rows * columns)
        inArena = .allocate(capacity: rows * columns)
        rowStarts = .allocate(capacity: rows)
    }

    func free() {
        starts.deallocate()
        ends.deallocate()
        inArena.deallocate()
        rowStarts.deallocate()
        arena.free()
    }
}

/// One column's cells in a `CellChunk`.
struct CellSpans {
    let file: UnsafePointer<UInt8>
    let arena: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    let inArena: UnsafePointer<Bool>
    let stride: Int
    let column: Int

    init(file: UnsafePointer<UInt8>, arena: UnsafePointer<UInt8>, starts: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>,
         inArena: UnsafeMutablePointer<Bool>, stride: Int, column: Int) {
        self.file = file
        self.arena = arena
        self.starts = UnsafePointer(starts)
        self.ends = UnsafePointer(ends)
        self.inArena = UnsafePointer(inArena)
        self.stride = stride
        self.column = column
    }

    @inline(__always)
    func bytes(_ row: Int) -> (UnsafePointer<UInt8>, Int) {
        let i = row * stride + column
        let start = starts[i]
        return ((inArena[i] ? arena : file) + start, ends[i] - start)
    }

    @inline(__always)
    func isEmpty(_ row: Int) -> Bool {
        let i = row * stride + column
        return starts[i] == ends[i]
    }
}

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
                     progress: ((Double) -> Void)?, release: ByteRelease? = nil) throws -> Table {
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
    /// Column storage is reserved for the rows up to here (default `end`; the first of several
    /// ranges reserves for the whole file, as its columns become the table's).
    var reserveEnd: Int?
    let options: CSVOptions
    /// Trimming or null texts apply (the plain path skips `adjust`).
    let adjusting: Bool
    /// Holds the content of a quoted field with `""` escapes, unescaped.
    var scratch = ScratchBytes()

    /// A parser of `buffer`; `end` (default: all of it) bounds the rows a range parser reads,
    /// while error positions are still counted from the start of `buffer`.
    init(buffer: UnsafeBufferPointer<UInt8>, name: String, separator: UInt8, options: CSVOptions = CSVOptions(), end: Int? = nil) {
        self.options = options
        adjusting = options.adjustsCells
        bytes = buffer
        // An empty buffer may have no base address; any valid pointer does, as nothing is read.
        base = buffer.baseAddress ?? UnsafePointer(bitPattern: 1)!
        self.end = end ?? buffer.count
        self.name = name
        sep = separator
    }

    deinit { scratch.free() }

    func error(_ entry: Msg, _ args: any CustomStringConvertible..., at offset: Int) -> TableReadError {
        TableReadError.at(offset, in: bytes, file: name, Message(entry, args.map(MessageArg.init)))
    }

    /// Reads the header, then the rows: on `options.threads` threads when the file is big
    /// enough (CSVParallel.swift), else on this one. `release` is told which bytes are done.
    func parse(progress: ((Double) -> Void)?, release: ByteRelease? = nil) throws -> Table {
        var p = UTF8Text.hasBOM(bytes) ? 3 : 0
        try skipTitleLines(&p)
        guard p < end else {
            throw options.skip > 0 ? error(.noHeaderAfterSkipped, options.skip, options.skip == 1 ? "" : "s", at: p) : error(.emptyCsvFile, at: p)
        }
        try readHeader(&p)
        dataStart = p
        if let table = parseInParallel(progress: progress, release: release) { return table }
        builders = (0..<names.count).map { _ in TypedColumnBuilder(reportNumbers: options.reportNumbers) }
        let rows = try parseRows(progress: progress, release: release)
        progress?(1.0)
        return finishTable(rows: rows)
    }

    func finishTable(rows: Int) -> Table {
        let columns = builders.map { $0.finish() }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: rows)
    }

    /// Reads the records from `dataStart` to `end` into `builders` (only the builders of
    /// `columns`, when given: a range read again as floats) and returns their count.
    func parseRows(progress: ((Double) -> Void)?, release: ByteRelease?, columns: [Int]? = nil) throws -> Int {
        let columnCount = names.count
        var p = dataStart
        // About 32 768 cells per chunk. (At least 64 rows made a very wide header — a few bytes
        // per column — allocate 64 cells per column up front: a 2 MB file took 270 MB.)
        let chunkRows = max(1, 32_768 / columnCount)
        var chunk = CellChunk(rows: chunkRows, columns: columnCount)
        defer { chunk.free() }
        let appended = columns ?? Array(0..<columnCount)

        var row = 0
        var reserved = 0
        var released = dataStart
        let span = end - dataStart
        let progressStep = max(span / 100, 1 << 20)
        var nextProgress = progress == nil ? Int.max : dataStart + progressStep
        while p < end {
            let rows = try scanChunk(&p, into: &chunk)
            if row + rows > reserved {
                // Reserve the rows the rest of the file should hold at the bytes per row so far, with
                // 10% to spare: capacity never touched costs address space, not memory, while an
                // array that outgrows its capacity is copied into one twice its size.
                let bytesPerRow = Double(max(p - dataStart, 1)) / Double(row + rows)
                // (The spare rows are one chunk's worth: 64 rows per column of a 40,000-column file
                // were 20 MB for nothing.)
                reserved = row + rows + Int(Double((reserveEnd ?? end) - p) / bytesPerRow * 1.1) + min(64, chunkRows)
                for k in appended { builders[k].reserve(reserved) }
            }
            for column in appended { try appendChunk(chunk, column: column, rows: rows, firstRow: row) }
            row += rows
            if let release {
                release(released..<p)
                released = p
            }
            if p >= nextProgress, let progress {
                progress(Double(p - dataStart) / Double(max(span, 1)))
                nextProgress = p + progressStep
            }
        }
        try readDeferredStrings(rows: row)
        return row
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
                    throw error(.rowFieldCount, fieldCount(from: rowStart), columnCount,
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
                throw error(.rowFieldCountAtEnd, count, count == 1 ? "" : "s", columnCount, at: lineEnd(before: p))
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
            if name.isEmpty { throw error(.emptyColumnName, names.count + 1, at: at) }
            if let first = seen[ScalarKey(name)] {
                throw error(.duplicateCsvColumnName, name, first + 1, at: at)
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
                if i >= end { throw error(.unterminatedQuotedField, at: open) }
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
                    throw error(.textAfterClosingQuote, at: i)
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
                throw error(.quoteInUnquotedField, at: i)
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
        return error(.invalidUTF8ByteAt, byte.count == 1 ? "0" + byte : byte, bad, at: bad)
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

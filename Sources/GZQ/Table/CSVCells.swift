import Foundation

// The parts of a CSV parse that options add (CSVOptions): title lines skipped above the
// header, trimmed cells and null texts; and the one pass that re-reads, as text, the first
// rows of the columns that turned into strings.
extension CSVParser {
    /// Skips `options.skip` lines (title rows: any text, not parsed as CSV, but checked as UTF-8).
    func skipTitleLines(_ p: inout Int) throws {
        for skipped in 0..<options.skip {
            guard p < end else {
                throw error(.skipPastEnd, options.skip, skipped, skipped == 1 ? "" : "s", at: p)
            }
            let lineEnd = memchr(base + p, 0x0A, end - p).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            if let bad = UTF8Text.firstInvalid(base + p, lineEnd - p) {
                let at = p + bad
                throw error(.invalidUTF8At, TextDecoding.hex(base[at]), at, at: at)
            }
            p = min(lineEnd + 1, end)
        }
    }

    /// Applies `trim` (unquoted cells) and the null texts to a scanned field: a null becomes
    /// an empty span, which the builders read as null.
    @inline(__always)
    func adjust(_ field: inout Field) {
        if options.trim, !field.quoted { CSVTrim.trim(base, &field.start, &field.end) }
        guard !options.nulls.isEmpty, field.end > field.start, !field.escaped else { return }
        let n = field.end - field.start
        for text in options.nulls where text.count == n {
            let same = text.withUnsafeBufferPointer { t in t.baseAddress.map { memcmp($0, base + field.start, n) == 0 } ?? false }
            if same {
                field.end = field.start
                return
            }
        }
    }

    /// Re-reads rows 0..<deferredRows of every column that turned into strings, in one pass
    /// over those rows, and joins them to the rows read since.
    func readDeferredStrings(rows: Int) throws {
        let columnCount = names.count
        var until = [Int](repeating: 0, count: columnCount)
        for k in 0..<columnCount { until[k] = builders[k].deferredRows }
        let last = until.max() ?? 0
        guard last > 0 else { return }
        // slot[k]: column k's re-read cells in `prefixes`.
        var slot = [Int](repeating: -1, count: columnCount)
        var prefixes: [DeferredStrings] = []
        for k in 0..<columnCount where until[k] > 0 {
            slot[k] = prefixes.count
            prefixes.append(DeferredStrings(rows: until[k]))
        }
        var p = dataStart
        for row in 0..<min(last, rows) {
            if columnCount > 1 { skipBlankLines(&p) }
            var k = 0
            while true {
                var field = try scanField(&p)
                if k < columnCount, row < until[k] {
                    if adjusting { adjust(&field) }
                    if field.end == field.start {
                        prefixes[slot[k]].appendNull(row: row)
                    } else {
                        let (ptr, n) = cellBytes(field)
                        if !prefixes[slot[k]].append(ptr, n) { throw invalidUTF8(field) }
                    }
                }
                k += 1
                if endsRecord(&p) { break }
            }
        }
        for k in 0..<columnCount where slot[k] >= 0 { builders[k].joinDeferred(&prefixes[slot[k]]) }
    }
}

/// The first rows of a column that turned into strings, re-read as text.
struct DeferredStrings {
    var strings = StringInterner(capacity: 0)
    var codes: [UInt32] = []
    var nullRows: [Int] = []

    init(rows: Int) { codes.reserveCapacity(rows) }

    mutating func appendNull(row: Int) {
        nullRows.append(row)
        codes.append(0)
    }

    /// False when the bytes are not valid UTF-8.
    mutating func append(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        guard let code = strings.intern(p, n) else { return false }
        codes.append(code)
        return true
    }
}

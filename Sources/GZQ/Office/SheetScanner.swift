// The cells of one worksheet part (`xl/worksheets/sheetN.xml`), by a byte scan of its XML
// (docs/BUILDING.md §8.4: 350 MB/s in release, against 30 MB/s for XMLParser). Cells are placed by
// their `r="C7"` reference, never by position: empty cells are absent from the XML. A cell
// with no `t` is a number, `t="s"` a shared-string index, `t="inlineStr"` holds `<is>` text,
// `t="str"` is a formula's text result, `t="b"` a boolean, `t="e"` an error (`#N/A`), and
// `t="d"` an ISO date. A formula cell (`<f>`) is read by its cached `<v>`; one without a
// cached value is empty. Styled blanks (`<c r="H7" s="3"/>`) are empty.

/// One cell's value as stored.
enum RawCell {
    case int(Int)
    case number(Double)
    /// A number whose cell style shows a date (the serial day number, not yet converted).
    case dateSerial(Double)
    case date(Int32)
    case shared(Int32)
    case text(String)
    case bool(Bool)
    /// `#DIV/0!`, `#N/A`, …: read as null.
    case error
}

/// The cells of one column, in sheet order: `rows[k]` is the 1-based row of `cells[k]`.
struct RawColumn {
    var rows: [Int32] = []
    var cells: [RawCell] = []
}

struct ScannedSheet {
    var columns: [RawColumn] = []
    /// Merged ranges as (first row, first column, last row, last column), 1-based.
    var merges: [(Int, Int, Int, Int)] = []
}

struct SheetScanner {
    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    let dateStyles: [Bool]
    /// `file[sheet]`, the prefix of every message.
    let place: String

    func scan(_ bytes: [UInt8]) throws(WorkbookError) -> ScannedSheet {
        try bytes.withUnsafeBufferPointer { (buffer) throws(WorkbookError) -> ScannedSheet in
            var scanner = XMLScanner(buffer)
            var sheet = ScannedSheet()
            var row = 0, column = 0
            var inline = ScratchText()
            while let tag = scanner.next() {
                if tag.isEnd { continue }
                if scanner.isNamed(tag, "c") {
                    let attributes = scanner.cellAttributes(tag)
                    if let ref = attributes.r {
                        guard let (r, c) = Self.cellReference(buffer, ref) else {
                            throw WorkbookError(.badCellReference, place, scanner.text(ref))
                        }
                        if r != row { row = r }
                        column = c
                    } else {
                        column += 1
                        guard column <= Self.maxColumn else { throw WorkbookError(.rowTooWide, place, row, Self.maxColumn) }
                    }
                    guard row >= 1 else { throw WorkbookError(.cellOutsideRow, place) }
                    if tag.isEmpty { continue }
                    guard let cell = try readCell(&scanner, type: attributes.t, style: attributes.s, row: row, column: column,
                                                  inline: &inline) else { continue }
                    if column > sheet.columns.count {
                        sheet.columns.append(contentsOf: repeatElement(RawColumn(), count: column - sheet.columns.count))
                    }
                    sheet.columns[column - 1].rows.append(Int32(row))
                    sheet.columns[column - 1].cells.append(cell)
                } else if scanner.isNamed(tag, "row") {
                    if let ref = scanner.attribute(tag, "r") {
                        guard let r = Self.number(buffer, ref), r >= 1, r <= Self.maxRow else {
                            throw WorkbookError(.badRowNumber, place, scanner.text(ref))
                        }
                        row = r
                    } else {
                        row += 1
                    }
                    column = 0
                } else if scanner.isNamed(tag, "mergeCell"), let ref = scanner.attribute(tag, "ref") {
                    let text = scanner.text(ref)
                    let ends = text.split(separator: ":")
                    if ends.count == 2, let a = Self.cellReference(String(ends[0])), let b = Self.cellReference(String(ends[1])) {
                        sheet.merges.append((min(a.0, b.0), min(a.1, b.1), max(a.0, b.0), max(a.1, b.1)))
                    }
                }
            }
            return sheet
        }
    }

    /// The children of `<c>` up to `</c>`: the cached value, or inline text.
    private func readCell(_ scanner: inout XMLScanner, type: Range<Int>?, style: Range<Int>?, row: Int, column: Int,
                          inline: inout ScratchText) throws(WorkbookError) -> RawCell? {
        var value: Range<Int>?
        var hasInline = false
        inline.reset()
        var phonetic = 0
        while let tag = scanner.next() {
            if scanner.isNamed(tag, "c") {
                if tag.isEnd { break }
                throw WorkbookError(.cellInsideCell, place, Self.name(row: row, column: column))
            }
            if tag.isEnd || tag.isEmpty {
                if scanner.isNamed(tag, "rPh"), tag.isEnd { phonetic -= 1 }
                continue
            }
            if scanner.isNamed(tag, "v") {
                value = scanner.textAfter(tag)
            } else if scanner.isNamed(tag, "is") {
                hasInline = true
            } else if scanner.isNamed(tag, "rPh") {
                phonetic += 1
            } else if scanner.isNamed(tag, "t"), phonetic == 0 {
                scanner.appendText(scanner.textAfter(tag), to: &inline)
            }
        }
        func typeIs(_ s: StaticString) -> Bool {
            guard let type, type.count == s.utf8CodeUnitCount else { return false }
            for k in 0..<type.count where scanner.bytes[type.lowerBound + k] != s.utf8Start[k] { return false }
            return true
        }
        if type == nil || typeIs("n") {
            guard let value else { return nil }
            return try number(scanner, value, style: style, row: row, column: column)
        }
        if typeIs("s") {
            guard let value else { return nil }
            guard let index = Self.number(scanner.bytes, value), index <= Int(Int32.max) else {
                throw WorkbookError(.badSharedStringIndex, place, Self.name(row: row, column: column), scanner.text(value))
            }
            return .shared(Int32(index))
        }
        if typeIs("inlineStr") { return hasInline ? .text(inline.string) : nil }
        if typeIs("str") { return value.map { .text(scanner.text($0)) } }
        if typeIs("b") {
            guard let value else { return nil }
            return .bool(scanner.text(value) != "0" && scanner.text(value) != "false")
        }
        if typeIs("e") { return .error }
        if typeIs("d") {
            guard let value else { return nil }
            let text = scanner.text(value)
            guard let days = CivilDate.parse(text.prefix(10)) else {
                throw WorkbookError(.badDate, place, Self.name(row: row, column: column), text)
            }
            return .date(days)
        }
        throw WorkbookError(.unknownCellType, place, Self.name(row: row, column: column), type.map { scanner.text($0) } ?? "")
    }

    /// A number cell: an exact int when written as one, else a float; a date serial when its style shows dates.
    private func number(_ scanner: XMLScanner, _ value: Range<Int>, style: Range<Int>?, row: Int, column: Int) throws(WorkbookError) -> RawCell {
        var start = value.lowerBound, end = value.upperBound
        while start < end, scanner.bytes[start] == 0x20 { start += 1 }
        while end > start, scanner.bytes[end - 1] == 0x20 { end -= 1 }
        guard start < end, let base = scanner.bytes.baseAddress else {
            throw WorkbookError(.emptyNumber, place, Self.name(row: row, column: column))
        }
        let isDate = style.flatMap { Self.number(scanner.bytes, $0) }.map { $0 < dateStyles.count && dateStyles[$0] } ?? false
        if !isDate, case .value(let i) = NumberText.parseInt(base + start, end - start) { return .int(i) }
        guard let d = NumberText.parseFloat(base + start, end - start) else {
            throw WorkbookError(.cellNotANumber, place, Self.name(row: row, column: column), scanner.text(value))
        }
        return isDate ? .dateSerial(d) : .number(d)
    }

    // MARK: - References

    /// `C7` → (row 7, column 3).
    static func cellReference(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> (Int, Int)? {
        var p = range.lowerBound
        var column = 0
        while p < range.upperBound, bytes[p] &- UInt8(ascii: "A") < 26 {
            column = column * 26 + Int(bytes[p] - UInt8(ascii: "A")) + 1
            if column > maxColumn { return nil }
            p += 1
        }
        guard column > 0, let row = number(bytes, p..<range.upperBound), row >= 1, row <= maxRow else { return nil }
        return (row, column)
    }

    static func cellReference(_ text: String) -> (Int, Int)? {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer { cellReference($0, 0..<$0.count) }
    }

    /// Decimal digits (at most 9) as an int.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var v = 0
        for p in range {
            let d = bytes[p] &- 48
            guard d <= 9 else { return nil }
            v = v * 10 + Int(d)
        }
        return v
    }

    /// Column 3 → `C`, 28 → `AB`.
    static func letters(_ column: Int) -> String {
        var c = column
        var out: [Character] = []
        while c > 0 {
            let r = (c - 1) % 26
            out.append(Character(Unicode.Scalar(UInt8(65 + r))))
            c = (c - 1) / 26
        }
        return String(out.reversed())
    }

    static func name(row: Int, column: Int) -> String { letters(column) + String(row) }
}

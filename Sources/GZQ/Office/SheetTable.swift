// A scanned sheet → a table (REFERENCE §13). Rows 1…skip are ignored; the first row after them
// that has a cell is the header; rows without any cell are skipped. In a merged range only the
// top-left cell keeps its value. Each column's type follows from its cells, after `trim` and
// `nulls` have been applied to text cells (and `numbers: "report"` has read the numbers
// report tables write): numbers make an int column when every one is whole and fits in 64
// bits, else a float column; date-formatted numbers a date column; booleans a bool column;
// text a string column. A column that mixes these kinds becomes a string column holding each
// cell as it would print (see docs/DECISIONS.md), as a CSV column mixing numbers and text does.

/// The cell-level options of read_xlsx.
struct SheetOptions {
    var skip = 0
    var nulls: Set<String> = [""]
    var trim = false
    var reportNumbers = false
    /// At most this many cells (rows × columns) are built. A sheet is stored sparsely, so a
    /// small file can name cell XFD1048576; the table would not be small. The builtin lowers
    /// this to what the memory limit allows.
    var maxCells = 1_000_000_000
}

/// A text cell after the options: null, text, or a number read from report notation.
enum CellText {
    case null
    case text(String)
    case int(Int)
    case float(Double)
}

struct SheetTable {
    let place: String
    let options: SheetOptions
    let sharedStrings: [String]
    let date1904: Bool

    func table(_ sheet: ScannedSheet) throws(WorkbookError) -> Table {
        var columns = sheet.columns
        if !sheet.merges.isEmpty { dropMergedFollowers(&columns, sheet.merges) }
        let skip = Int32(clamping: options.skip)
        var header = Int32.max
        for column in columns {
            for r in column.rows where r > skip && r < header { header = r }
        }
        guard header != Int32.max else {
            let last = columns.compactMap { $0.rows.max() }.max()
            guard let last, options.skip > 0 else { throw WorkbookError(.sheetEmpty, place) }
            throw WorkbookError(.sheetNoHeaderAfterSkip, place, options.skip, last)
        }
        // Data rows: every row below the header that has a cell, in order.
        var maxRow: Int32 = header
        for column in columns { if let last = column.rows.max(), last > maxRow { maxRow = last } }
        var rowIndex = [Int32](repeating: -1, count: Int(maxRow - header) + 1)
        for column in columns { for r in column.rows where r > header { rowIndex[Int(r - header)] = 0 } }
        var rowCount: Int32 = 0
        for k in 1..<rowIndex.count where rowIndex[k] == 0 {
            rowIndex[k] = rowCount
            rowCount += 1
        }
        let (cells, overflow) = columns.count.multipliedReportingOverflow(by: Int(rowCount))
        if overflow || cells > options.maxCells {
            throw WorkbookError(.sheetTooLarge, place, rowCount, columns.count, options.maxCells)
        }
        let sharedTexts = sharedStrings.map(cellText)
        var names: [String] = []
        var built: [Column] = []
        var seen: [ScalarKey: Int] = [:]
        for (c, column) in columns.enumerated() {
            let name = headerName(column, row: header, column: c + 1, sharedTexts)
            if let other = seen[ScalarKey(name)] {
                throw WorkbookError(.sheetDuplicateColumnName, place, SheetScanner.name(row: Int(header), column: c + 1), name, SheetScanner.letters(other))
            }
            seen[ScalarKey(name)] = c + 1
            names.append(name)
            built.append(try build(column, header: header, rowIndex: rowIndex, rowCount: Int(rowCount), column: c + 1, sharedTexts))
        }
        return Table(schema: Schema(names: names, types: built.map(\.type)), columns: built, rowCount: Int(rowCount))
    }

    /// Text after `trim` and `nulls`, and read as a number under `numbers: "report"`.
    func cellText(_ raw: String) -> CellText {
        let s = options.trim ? Self.trimmed(raw) : raw
        if options.nulls.contains(s) { return .null }
        if options.reportNumbers, case .success(let number) = ReportNumber.parse(s) {
            // The report forms of read_csv and parse_num: 1,069, 18.81%, 5.5亿, +12, full-width digits.
            switch number {
            case .int(let v): return .int(v)
            case .float(let d): return .float(d)
            }
        }
        return .text(s)
    }

    /// Spaces, tabs, line breaks and U+3000 (ideographic space) removed from both ends.
    static func trimmed(_ s: String) -> String {
        let scalars = s.unicodeScalars
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{3000}" || c == "\u{A0}" }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }

    private func headerName(_ column: RawColumn, row: Int32, column c: Int, _ sharedTexts: [CellText]) -> String {
        var name = ""
        if let k = column.rows.firstIndex(of: row) {
            switch column.cells[k] {
            case .shared(let i): name = i >= 0 && Int(i) < sharedStrings.count ? sharedStrings[Int(i)] : ""
            case .text(let s): name = s
            case .int(let i): name = String(i)
            case .number(let d): name = d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : ValueFormatter.float(d)
            case .dateSerial(let d): name = NumberFormats.days(serial: d, date1904: date1904).map(CivilDate.format) ?? ValueFormatter.float(d)
            case .date(let d): name = CivilDate.format(d)
            case .bool(let b): name = b ? "true" : "false"
            case .error: name = ""
            }
        }
        name = Self.trimmed(name)
        return name.isEmpty ? SheetScanner.letters(c) : name
    }

    /// In a merged range, every cell but the top-left one is empty. Merged ranges do not
    /// overlap (Excel refuses that), so per column they are sorted by first row and each cell
    /// looks at the one range that starts at or above it.
    private func dropMergedFollowers(_ columns: inout [RawColumn], _ merges: [(Int, Int, Int, Int)]) {
        for c in columns.indices {
            let column = c + 1
            let here = merges.filter { $0.1 <= column && column <= $0.3 }.sorted { $0.0 < $1.0 }
            if here.isEmpty { continue }
            var kept = RawColumn()
            for (r, cell) in zip(columns[c].rows, columns[c].cells) {
                let row = Int(r)
                var lo = 0, hi = here.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if here[mid].0 <= row { lo = mid + 1 } else { hi = mid }
                }
                let follower = lo > 0 && row <= here[lo - 1].2 && !(row == here[lo - 1].0 && column == here[lo - 1].1)
                if !follower {
                    kept.rows.append(r)
                    kept.cells.append(cell)
                }
            }
            columns[c] = kept
        }
    }
}

extension SheetTable {
    /// The kinds of value one column holds.
    private struct Kinds {
        var numbers = false, allWhole = true, dates = false, bools = false, texts = false
        var count: Int { [numbers, dates, bools, texts].filter { $0 }.count }
    }

    /// One cell after the options, as a value of its own kind.
    private enum Cell {
        case null, int(Int), float(Double), date(Int32), bool(Bool), text(String), shared(Int32)
        /// A number read from text by `numbers: "report"`, with that text, which a column that
        /// turns out to hold text as well keeps (`1,000` stays `1,000`, not `1000`).
        case reported(ReportNumber.Parsed, text: String)
    }

    private func cell(_ raw: RawCell, row: Int32, column: Int, _ sharedTexts: [CellText]) throws(WorkbookError) -> Cell {
        switch raw {
        case .int(let i): return .int(i)
        case .number(let d): return .float(d)
        case .dateSerial(let d):
            guard let days = NumberFormats.days(serial: d, date1904: date1904) else {
                throw WorkbookError(.dateOutOfExcelRange, place, SheetScanner.name(row: Int(row), column: column), ValueFormatter.float(d))
            }
            return .date(days)
        case .date(let d): return .date(d)
        case .bool(let b): return .bool(b)
        case .error: return .null
        case .text(let s):
            switch cellText(s) {
            case .null: return .null
            case .text(let t): return .text(t)
            case .int(let i): return .reported(.int(i), text: s)
            case .float(let d): return .reported(.float(d), text: s)
            }
        case .shared(let i):
            guard i >= 0, Int(i) < sharedTexts.count else {
                throw WorkbookError(.sharedStringMissing, place, SheetScanner.name(row: Int(row), column: column), i, sharedTexts.count)
            }
            switch sharedTexts[Int(i)] {
            case .null: return .null
            case .text: return .shared(i)
            case .int(let v): return .reported(.int(v), text: sharedSource(i))
            case .float(let d): return .reported(.float(d), text: sharedSource(i))
            }
        }
    }

    private func build(_ column: RawColumn, header: Int32, rowIndex: [Int32], rowCount: Int, column c: Int,
                       _ sharedTexts: [CellText]) throws(WorkbookError) -> Column {
        var cells = [Cell](repeating: .null, count: rowCount)
        var kinds = Kinds()
        for (r, raw) in zip(column.rows, column.cells) where r > header {
            let value = try cell(raw, row: r, column: c, sharedTexts)
            switch value {
            case .null: continue
            case .int, .float, .reported:
                kinds.numbers = true
                if case .float(let d)? = Self.number(value),
                   !(d == d.rounded(.towardZero) && d >= -9.223372036854775808e18 && d < 9.223372036854775808e18) { kinds.allWhole = false }
            case .date: kinds.dates = true
            case .bool: kinds.bools = true
            case .text, .shared: kinds.texts = true
            }
            cells[Int(rowIndex[Int(r - header)])] = value
        }
        var validity = BitVector(count: rowCount, value: true)
        for (i, v) in cells.enumerated() { if case .null = v { validity[i] = false } }
        if kinds.count == 1, kinds.numbers, kinds.allWhole {
            return Column(storage: .int(cells.map { Self.number($0)?.int ?? 0 }), validity: validity)
        }
        if kinds.count == 1, kinds.numbers {
            return Column(storage: .float(cells.map { Self.number($0)?.double ?? 0 }), validity: validity)
        }
        if kinds.count == 1, kinds.dates {
            return Column(storage: .date(cells.map { if case .date(let d) = $0 { return d }; return 0 }), validity: validity)
        }
        if kinds.count == 1, kinds.bools {
            var bits = BitVector(count: rowCount, value: false)
            for (i, v) in cells.enumerated() { if case .bool(true) = v { bits[i] = true } }
            return Column(storage: .bool(bits), validity: validity)
        }
        return strings(cells, validity: validity, sharedTexts)
    }

    /// The number a cell holds, whether written as a number or read from report text.
    private static func number(_ cell: Cell) -> ReportNumber.Parsed? {
        switch cell {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .reported(let n, _): return n
        default: return nil
        }
    }

    /// The text of shared string `i` after `trim`, as the cell wrote it.
    private func sharedSource(_ i: Int32) -> String {
        options.trim ? Self.trimmed(sharedStrings[Int(i)]) : sharedStrings[Int(i)]
    }

    /// A dictionary-encoded string column; shared strings are looked up once per index.
    private func strings(_ cells: [Cell], validity: BitVector, _ sharedTexts: [CellText]) -> Column {
        var dictionary: [String] = []
        var positions: [ScalarKey: UInt32] = [:]
        var sharedCodes: [Int32: UInt32] = [:]
        var codes = [UInt32](repeating: 0, count: cells.count)
        func code(_ s: String) -> UInt32 {
            if let c = positions[ScalarKey(s)] { return c }
            let c = UInt32(dictionary.count)
            positions[ScalarKey(s)] = c
            dictionary.append(s)
            return c
        }
        for (i, v) in cells.enumerated() {
            switch v {
            case .null: continue
            case .shared(let k):
                if let c = sharedCodes[k] { codes[i] = c; continue }
                guard case .text(let s) = sharedTexts[Int(k)] else { continue }
                let c = code(s)
                sharedCodes[k] = c
                codes[i] = c
            case .text(let s), .reported(_, let s): codes[i] = code(s)
            case .int(let n): codes[i] = code(String(n))
            case .float(let d): codes[i] = code(ValueFormatter.float(d))
            case .date(let d): codes[i] = code(CivilDate.format(d))
            case .bool(let b): codes[i] = code(b ? "true" : "false")
            }
        }
        return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
    }
}

private extension ReportNumber.Parsed {
    /// Whole floats only reach an int column, so the conversion is exact.
    var int: Int? {
        switch self {
        case .int(let i): return i
        case .float(let d): return Int(exactly: d)
        }
    }

    var double: Double {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        }
    }
}

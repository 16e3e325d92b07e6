// Writing tables as an .xlsx workbook (REFERENCE §13): one worksheet per table; a bold header row,
// frozen; numbers as numbers, dates as serial day numbers with a `yyyy-mm-dd` format, bools
// as booleans, null as an absent cell; strings in a shared-string table; each column's
// display format (REFERENCE §15) as its Excel number format; column widths fitted to the text,
// East Asian wide characters counting two. Floats that cannot be stored (NaN, ±infinity) are
// written as the error `#NUM!`; dates Excel cannot show (before 1900) as their ISO text.

enum WorkbookWriter {
    static func bytes(_ sheets: [(name: String, table: Table)]) throws(WorkbookError) -> [UInt8] {
        var seen: Set<String> = []
        for (name, _) in sheets {
            if let problem = WorkbookParts.problem(withSheetName: name) { throw WorkbookError(problem) }
            // Excel compares sheet names without regard to case.
            guard seen.insert(name.lowercased()).inserted else { throw WorkbookError(.sheetNameTwice, ValueFormatter.quoted(name)) }
        }
        var strings = SharedStringTable()
        var styles = StyleTable()
        var zip = ZIPWriter()
        do {
            try zip.add("[Content_Types].xml", Array(WorkbookParts.contentTypes(sheets: sheets.count).utf8))
            try zip.add("_rels/.rels", Array(WorkbookParts.packageRelationships.utf8))
            try zip.add("xl/workbook.xml", Array(WorkbookParts.workbook(names: sheets.map(\.name)).utf8))
            try zip.add("xl/_rels/workbook.xml.rels", Array(WorkbookParts.workbookRelationships(sheets: sheets.count).utf8))
            for (i, sheet) in sheets.enumerated() {
                let xml = SheetWriter(table: sheet.table, selected: i == 0).xml(&strings, &styles)
                try zip.add("xl/worksheets/sheet\(i + 1).xml", xml)
            }
            try zip.add("xl/styles.xml", Array(styles.xml.utf8))
            try zip.add("xl/sharedStrings.xml", strings.xml)
            return try zip.finish()
        } catch {
            throw WorkbookError(error.message)
        }
    }
}

/// Distinct strings in first-use order.
struct SharedStringTable {
    /// Keyed by Unicode scalars: canonically equivalent strings are different strings (é, e\u{301}).
    private var positions: [ScalarKey: Int] = [:]
    private var body: [UInt8] = []
    private(set) var uses = 0

    /// The index of `s`, counting one use of it.
    mutating func code(_ s: String) -> Int {
        uses += 1
        return index(s)
    }

    /// One more use of a string already indexed.
    mutating func countUse() { uses += 1 }

    /// The index of `s` (added when new), without counting a use.
    mutating func index(_ s: String) -> Int {
        if let i = positions[ScalarKey(s)] { return i }
        let i = positions.count
        positions[ScalarKey(s)] = i
        let keepSpaces = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
        body += Array((keepSpaces ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
        body += Array(XMLText.escaped(s).utf8)
        body += Array("</t></si>".utf8)
        return i
    }

    var xml: [UInt8] {
        Array((WorkbookParts.header + "<sst xmlns=\"\(WorkbookParts.mainNamespace)\" count=\"\(uses)\" uniqueCount=\"\(positions.count)\">").utf8)
            + body + Array("</sst>".utf8)
    }
}

struct SheetWriter {
    let table: Table
    let selected: Bool

    /// How one column's cells are written: the text between `<c r="A2` and the value, and
    /// per-column lookups made once (a string column's shared-string index per dictionary code).
    private struct ColumnPlan {
        var open: [UInt8]            // `" s="3"><v>` or `" t="s"><v>` …
        var sharedIndex: [Int] = []  // string columns: dictionary code → shared-string index
        var width: Int
    }

    func xml(_ strings: inout SharedStringTable, _ styles: inout StyleTable) -> [UInt8] {
        let columnCount = table.schema.count
        let letters = (0..<columnCount).map { Array(SheetScanner.letters($0 + 1).utf8) }
        var plans: [ColumnPlan] = []
        for c in 0..<columnCount {
            let column = table.columns[c]
            var style = 0
            if let format = table.displayFormat(ofColumn: c), column.type == .int || column.type == .float {
                style = styles.style(for: StyleTable.code(format))
            } else if column.type == .date {
                style = styles.style(for: StyleTable.dateFormat)
            }
            var plan = ColumnPlan(open: Array((style != 0 ? "\" s=\"\(style)\"><v>" : "\"><v>").utf8),
                                  width: DisplayWidth.of(table.schema.names[c]))
            if case .string(let codes, let dictionary) = column.storage {
                // Only entries some valid cell uses (a filtered table keeps its whole dictionary).
                var used = [Bool](repeating: false, count: dictionary.count)
                for (i, code) in codes.enumerated() where column.isValid(i) { used[Int(code)] = true }
                plan.open = Array("\" t=\"s\"><v>".utf8)
                plan.sharedIndex = [Int](repeating: 0, count: dictionary.count)
                for (code, text) in dictionary.enumerated() where used[code] {
                    plan.sharedIndex[code] = strings.index(text)
                    plan.width = max(plan.width, DisplayWidth.of(text))
                }
            }
            plans.append(plan)
        }
        var out = ByteWriter()
        out.reserve(table.rowCount * columnCount * 24)
        // Header: bold, shared strings.
        out.append("<row r=\"1\">")
        for (c, name) in table.schema.names.enumerated() {
            out.append("<c r=\"")
            out.append(letters[c])
            out.append("1\" t=\"s\" s=\"\(StyleTable.header)\"><v>")
            out.appendDigits(strings.code(name))
            out.append("</v></c>")
        }
        out.append("</row>")
        var rowDigits: [UInt8] = []
        for r in 0..<table.rowCount {
            rowDigits.removeAll(keepingCapacity: true)
            ByteWriter.digits(r + 2, into: &rowDigits)
            out.append("<row r=\"")
            out.append(rowDigits)
            out.append("\">")
            for c in 0..<columnCount {
                let column = table.columns[c]
                guard column.isValid(r) else { continue }
                out.append("<c r=\"")
                out.append(letters[c])
                out.append(rowDigits)
                let shown = writeValue(column, r, plans[c], table.displayFormat(ofColumn: c), &out, &strings)
                if shown > plans[c].width { plans[c].width = shown }
            }
            out.append("</row>")
        }
        var s = WorkbookParts.header + "<worksheet xmlns=\"\(WorkbookParts.mainNamespace)\" xmlns:r=\"\(WorkbookParts.relNamespace)\">"
        let last = columnCount > 0 ? "\(SheetScanner.letters(columnCount))\(table.rowCount + 1)" : "A1"
        s += "<dimension ref=\"A1:\(last)\"/>"
        s += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        s += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        s += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        s += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            s += "<cols>"
            for (c, plan) in plans.enumerated() {
                // Excel's width unit is one digit of the default font; two for padding, capped.
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(max(plan.width, 4) + 2, 100))\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        var result = Array(s.utf8)
        result += out.bytes
        result += Array("</sheetData></worksheet>".utf8)
        return result
    }

    /// Writes the rest of the cell of row `r`; returns the width of the text it shows (0 when
    /// the column plan already accounts for it).
    private func writeValue(_ column: Column, _ r: Int, _ plan: ColumnPlan, _ format: DisplayFormat?,
                            _ out: inout ByteWriter, _ strings: inout SharedStringTable) -> Int {
        switch column.storage {
        case .int(let v):
            out.append(plan.open)
            let start = out.count
            out.appendDigits(v[r])
            let length = out.count - start
            out.append("</v></c>")
            return format.map { Self.shownWidth(Double(v[r]), $0) } ?? length
        case .float(let v):
            let d = v[r]
            guard d.isFinite else {
                out.append("\" t=\"e\"><v>#NUM!</v></c>")
                return 5
            }
            out.append(plan.open)
            let text = ValueFormatter.float(d)
            out.append(text)
            out.append("</v></c>")
            return format.map { Self.shownWidth(d, $0) } ?? min(text.utf8.count, 11)
        case .string(let codes, _):
            out.append(plan.open)
            out.appendDigits(plan.sharedIndex[Int(codes[r])])
            strings.countUse()
            out.append("</v></c>")
            return 0
        case .bool(let bits):
            out.append(bits[r] ? "\" t=\"b\"><v>1</v></c>" : "\" t=\"b\"><v>0</v></c>")
            return 5
        case .date(let days):
            if let serial = NumberFormats.serial(days: days[r]) {
                out.append(plan.open)
                out.appendDigits(serial)
                out.append("</v></c>")
            } else {
                out.append("\" t=\"s\"><v>")
                out.appendDigits(strings.code(CivilDate.format(days[r])))
                out.append("</v></c>")
            }
            return 10
        case .boxed(let values):
            let text = ValueFormatter.literal(values[r])
            out.append("\" t=\"s\"><v>")
            out.appendDigits(strings.code(text))
            out.append("</v></c>")
            return DisplayWidth.of(text)
        }
    }

    /// About as wide as Excel shows a number in its format (only the width matters here).
    private static func shownWidth(_ x: Double, _ format: DisplayFormat) -> Int {
        guard x.isFinite else { return 5 }
        switch format {
        case .pct(let d): return Rounding.roundedString(Swift.abs(x * 100), digits: min(d, 30)).utf8.count + 2
        case .fixed(let d): return Rounding.roundedString(Swift.abs(x), digits: min(d, 30)).utf8.count + 1
        case .num(let d), .cn(let d):
            let digits = Rounding.roundedString(Swift.abs(x), digits: min(d, 30))
            let whole = digits.split(separator: ".").first?.count ?? 1
            return digits.utf8.count + (whole - 1) / 3 + 1
        }
    }
}

/// A growing byte buffer for XML, with ASCII numbers written without building strings.
struct ByteWriter {
    private(set) var bytes: [UInt8] = []
    var count: Int { bytes.count }

    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }
    mutating func append(_ b: [UInt8]) { bytes.append(contentsOf: b) }
    mutating func append(_ s: String) { bytes.append(contentsOf: s.utf8) }
    mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func appendDigits(_ v: Int) {
        if v < 0 {
            bytes.append(UInt8(ascii: "-"))
            // -Int.min does not fit: go through the magnitude.
            Self.digits(v.magnitude, into: &bytes)
        } else {
            Self.digits(UInt(v), into: &bytes)
        }
    }

    static func digits(_ v: Int, into out: inout [UInt8]) { digits(UInt(max(v, 0)), into: &out) }

    static func digits(_ v: UInt, into out: inout [UInt8]) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { raw in
            var n = v
            var i = raw.count
            repeat {
                i -= 1
                raw[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            out.append(contentsOf: raw[i...])
        }
    }
}

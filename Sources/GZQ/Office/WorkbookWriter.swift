// Writing tables as an .xlsx workbook (SPEC §13): one worksheet per table; a bold header row,
// frozen; numbers as numbers, dates as serial day numbers with a `yyyy-mm-dd` format, bools
// as booleans, null as an absent cell; strings in a shared-string table; each column's
// display format (SPEC §15) as its Excel number format; column widths fitted to the text,
// East Asian wide characters counting two. Floats that cannot be stored (NaN, ±infinity) are
// written as the error `#NUM!`; dates Excel cannot show (before 1900) as their ISO text.

enum WorkbookWriter {
    static func bytes(_ sheets: [(name: String, table: Table)]) throws(WorkbookError) -> [UInt8] {
        var seen: Set<String> = []
        for (name, _) in sheets {
            if let problem = WorkbookParts.problem(withSheetName: name) { throw WorkbookError(problem) }
            // Excel compares sheet names without regard to case.
            guard seen.insert(name.lowercased()).inserted else { throw WorkbookError("two sheets are named \(ValueFormatter.quoted(name))") }
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
    private var index: [String: Int] = [:]
    private var body: [UInt8] = []
    private(set) var uses = 0

    mutating func code(_ s: String) -> Int {
        uses += 1
        if let i = index[s] { return i }
        let i = index.count
        index[s] = i
        let keepSpaces = s.first.map { $0.isWhitespace } == true || s.last.map { $0.isWhitespace } == true
        body += Array((keepSpaces ? "<si><t xml:space=\"preserve\">" : "<si><t>").utf8)
        body += Array(XMLText.escaped(s).utf8)
        body += Array("</t></si>".utf8)
        return i
    }

    var xml: [UInt8] {
        Array((WorkbookParts.header + "<sst xmlns=\"\(WorkbookParts.mainNamespace)\" count=\"\(uses)\" uniqueCount=\"\(index.count)\">").utf8)
            + body + Array("</sst>".utf8)
    }
}

struct SheetWriter {
    let table: Table
    let selected: Bool

    func xml(_ strings: inout SharedStringTable, _ styles: inout StyleTable) -> [UInt8] {
        let columnCount = table.schema.count
        let letters = (0..<columnCount).map { SheetScanner.letters($0 + 1) }
        var widths = table.schema.names.map { DisplayWidth.of($0) }
        let columnStyles = (0..<columnCount).map { c -> Int in
            if let format = table.displayFormat(ofColumn: c), table.columns[c].type == .int || table.columns[c].type == .float {
                return styles.style(for: StyleTable.code(format))
            }
            return table.columns[c].type == .date ? styles.style(for: StyleTable.dateFormat) : 0
        }
        var rows: [UInt8] = []
        rows.reserveCapacity(table.rowCount * columnCount * 16)
        // Header.
        rows += Array("<row r=\"1\">".utf8)
        for (c, name) in table.schema.names.enumerated() {
            rows += Array("<c r=\"\(letters[c])1\" t=\"s\" s=\"\(StyleTable.header)\"><v>\(strings.code(name))</v></c>".utf8)
        }
        rows += Array("</row>".utf8)
        for r in 0..<table.rowCount {
            let rowNumber = String(r + 2)
            rows += Array("<row r=\"\(rowNumber)\">".utf8)
            for c in 0..<columnCount {
                let value = table.columns[c].value(at: r)
                if case .null = value { continue }
                let (cell, text) = Self.cell(value, style: columnStyles[c], format: table.displayFormat(ofColumn: c), &strings)
                rows += Array("<c r=\"".utf8)
                rows += Array(letters[c].utf8)
                rows += Array(rowNumber.utf8)
                rows += cell
                let width = DisplayWidth.of(text)
                if width > widths[c] { widths[c] = width }
            }
            rows += Array("</row>".utf8)
        }
        var s = WorkbookParts.header + "<worksheet xmlns=\"\(WorkbookParts.mainNamespace)\" xmlns:r=\"\(WorkbookParts.relNamespace)\">"
        let last = columnCount > 0 ? "\(letters[columnCount - 1])\(table.rowCount + 1)" : "A1"
        s += "<dimension ref=\"A1:\(last)\"/>"
        s += "<sheetViews><sheetView\(selected ? " tabSelected=\"1\"" : "") workbookViewId=\"0\">"
        s += "<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
        s += "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        s += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if columnCount > 0 {
            s += "<cols>"
            for (c, w) in widths.enumerated() {
                // Excel's width unit is one digit of the default font; two for padding, capped.
                s += "<col min=\"\(c + 1)\" max=\"\(c + 1)\" width=\"\(min(max(w, 4) + 2, 100))\" customWidth=\"1\"/>"
            }
            s += "</cols>"
        }
        s += "<sheetData>"
        return Array(s.utf8) + rows + Array("</sheetData></worksheet>".utf8)
    }

    /// The rest of a `<c r="…` element for a non-null value, and the text it shows (for widths).
    static func cell(_ value: Value, style: Int, format: DisplayFormat?, _ strings: inout SharedStringTable) -> ([UInt8], String) {
        let styled = style != 0 ? "\" s=\"\(style)\"" : "\""
        switch value {
        case .int(let i):
            let text = String(i)
            return (Array((styled + "><v>" + text + "</v></c>").utf8), shownText(Double(i), text, format))
        case .float(let d):
            guard d.isFinite else { return (Array("\" t=\"e\"><v>#NUM!</v></c>".utf8), "#NUM!") }
            let text = ValueFormatter.float(d)
            return (Array((styled + "><v>" + text + "</v></c>").utf8), shownText(d, text, format))
        case .bool(let b):
            return (Array("\" t=\"b\"><v>\(b ? 1 : 0)</v></c>".utf8), b ? "TRUE" : "FALSE")
        case .date(let days):
            let iso = CivilDate.format(days)
            if let serial = NumberFormats.serial(days: days) {
                return (Array((styled + "><v>\(serial)</v></c>").utf8), iso)
            }
            return (Array("\" t=\"s\"><v>\(strings.code(iso))</v></c>".utf8), iso)
        case .string(let s):
            return (Array("\" t=\"s\"><v>\(strings.code(s.value))</v></c>".utf8), s.value)
        default:
            let text = ValueFormatter.literal(value)
            return (Array("\" t=\"s\"><v>\(strings.code(text))</v></c>".utf8), text)
        }
    }

    /// About as wide as Excel shows a number in its format (only the width matters here).
    private static func shownText(_ x: Double, _ plain: String, _ format: DisplayFormat?) -> String {
        guard let format else { return plain.count > 11 ? String(plain.prefix(11)) : plain }
        switch format {
        case .pct(let d): return Rounding.roundedString(Swift.abs(x * 100), digits: min(d, 30)) + "%-"
        case .fixed(let d): return Rounding.roundedString(Swift.abs(x), digits: min(d, 30)) + "-"
        case .num(let d), .cn(let d):
            let digits = Rounding.roundedString(Swift.abs(x), digits: min(d, 30))
            let whole = digits.split(separator: ".").first?.count ?? 1
            return digits + String(repeating: ",", count: (whole - 1) / 3) + "-"
        }
    }
}

// The fixed parts of a workbook gzq writes (docs/BUILDING.md §8.4): content types, package and
// workbook relationships, the workbook with its sheet list, and the style sheet. These seven
// kinds of part are all Excel, WPS, LibreOffice and openpyxl need.

enum WorkbookParts {
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    static let mainNamespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    private static let relType = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    private static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml."

    static func contentTypes(sheets: Int) -> String {
        var s = header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        s += "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(contentType)sheet.main+xml\"/>"
        for i in 1...max(sheets, 1) where i <= sheets {
            s += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"\(contentType)worksheet+xml\"/>"
        }
        s += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(contentType)styles+xml\"/>"
        s += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(contentType)sharedStrings+xml\"/>"
        return s + "</Types>"
    }

    static let packageRelationships = header
        + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"\(relType)officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"

    static func workbookRelationships(sheets: Int) -> String {
        var s = header + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for i in 1...max(sheets, 1) where i <= sheets {
            s += "<Relationship Id=\"rId\(i)\" Type=\"\(relType)worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        s += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(relType)styles\" Target=\"styles.xml\"/>"
        s += "<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(relType)sharedStrings\" Target=\"sharedStrings.xml\"/>"
        return s + "</Relationships>"
    }

    static func workbook(names: [String]) -> String {
        var s = header + "<workbook xmlns=\"\(mainNamespace)\" xmlns:r=\"\(relNamespace)\">"
        s += "<bookViews><workbookView/></bookViews><sheets>"
        for (i, name) in names.enumerated() {
            s += "<sheet name=\"\(XMLText.escaped(name, attribute: true))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>"
        }
        return s + "</sheets></workbook>"
    }

    /// Excel's rules for sheet names; nil when `name` is a valid one.
    static func problem(withSheetName name: String) -> Message? {
        if name.isEmpty { return Message(.sheetNameEmpty) }
        if name.utf16.count > 31 { return Message(.sheetNameTooLong, ValueFormatter.quoted(name)) }
        if let bad = name.first(where: { ":\\/?*[]".contains($0) }) {
            return Message(.sheetNameForbiddenCharacter, ValueFormatter.quoted(name), bad)
        }
        if name.hasPrefix("'") || name.hasSuffix("'") { return Message(.sheetNameApostrophe, ValueFormatter.quoted(name)) }
        if name.unicodeScalars.contains(where: { $0.value < 0x20 }) { return Message(.sheetNameControlCharacter, ValueFormatter.quoted(name)) }
        return nil
    }
}

/// The cell styles a written workbook uses: 0 is the default, 1 the bold header; then one per
/// number format (dates, and the display formats of REFERENCE §15).
struct StyleTable {
    private(set) var codes: [String] = []          // custom number formats, ids 164, 165, …
    private(set) var xfFormats: [Int] = [0, 0]     // numFmtId of each cellXfs entry
    private var styleOfCode: [String: Int] = [:]

    static let header = 1
    static let dateFormat = "yyyy-mm-dd"
    private static let builtin: [String: Int] = ["0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10]

    /// The Excel number format of a display format. `cn(d)` has no Excel equivalent that
    /// rounds and trims as fmt_cn does, so it is shown as `num(d)` (see docs/DECISIONS.md).
    static func code(_ format: DisplayFormat) -> String {
        func decimals(_ d: Int) -> String { d > 0 ? "." + String(repeating: "0", count: min(d, 30)) : "" }
        switch format {
        case .pct(let d): return "0" + decimals(d) + "%"
        case .num(let d), .cn(let d): return "#,##0" + decimals(d)
        case .fixed(let d): return "0" + decimals(d)
        }
    }

    /// The style index showing numbers in format `code`.
    mutating func style(for code: String) -> Int {
        if let s = styleOfCode[code] { return s }
        let id: Int
        if let b = Self.builtin[code] {
            id = b
        } else {
            id = 164 + codes.count
            codes.append(code)
        }
        xfFormats.append(id)
        styleOfCode[code] = xfFormats.count - 1
        return xfFormats.count - 1
    }

    var xml: String {
        var s = WorkbookParts.header + "<styleSheet xmlns=\"\(WorkbookParts.mainNamespace)\">"
        if !codes.isEmpty {
            s += "<numFmts count=\"\(codes.count)\">"
            for (i, code) in codes.enumerated() {
                s += "<numFmt numFmtId=\"\(164 + i)\" formatCode=\"\(XMLText.escaped(code, attribute: true))\"/>"
            }
            s += "</numFmts>"
        }
        s += "<fonts count=\"2\"><font><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font>"
        s += "<font><b/><sz val=\"11\"/><name val=\"Calibri\"/><family val=\"2\"/></font></fonts>"
        s += "<fills count=\"2\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill></fills>"
        s += "<borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"
        s += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>"
        s += "<cellXfs count=\"\(xfFormats.count)\">"
        for (i, id) in xfFormats.enumerated() {
            let font = i == Self.header ? " fontId=\"1\" applyFont=\"1\"" : " fontId=\"0\""
            let number = id != 0 ? " applyNumberFormat=\"1\"" : ""
            s += "<xf numFmtId=\"\(id)\"\(font) fillId=\"0\" borderId=\"0\" xfId=\"0\"\(number)/>"
        }
        s += "</cellXfs><cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        return s + "</styleSheet>"
    }
}

/// Text for XML parts: `& < >` (and `"` in attributes) escaped; characters XML 1.0 cannot hold
/// (C0 controls other than tab and line breaks, U+FFFE, U+FFFF) written as OOXML's `_xHHHH_`,
/// and a literal `_x` sequence that would read as one protected as `_x005F_`.
enum XMLText {
    static func escaped(_ s: String, attribute: Bool = false) -> String {
        var needs = false
        for c in s.utf8 where c == UInt8(ascii: "&") || c == UInt8(ascii: "<") || c == UInt8(ascii: ">") || c == UInt8(ascii: "\"")
            || c == UInt8(ascii: "_") || c < 0x20 || c == 0xEF {
            needs = true
            break
        }
        if !needs { return s }
        var out = ""
        let scalars = Array(s.unicodeScalars)
        for (i, c) in scalars.enumerated() {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            // XML parsers turn a literal CR (and, in attributes, tab and LF) into LF or a space;
            // a character reference survives.
            case "\r": out += "&#13;"
            case "\t", "\n":
                out += attribute ? "&#\(c.value);" : String(c)
            case "_" where looksLikeEscape(scalars, i): out += "_x005F_"
            default:
                if c.value < 0x20 || c.value == 0xFFFE || c.value == 0xFFFF {
                    let hex = String(c.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(c)
                }
            }
        }
        return out
    }

    /// `_xHHHH_` starting at scalar i.
    private static func looksLikeEscape(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 6 < s.count, s[i + 1] == "x", s[i + 6] == "_" else { return false }
        return s[(i + 2)...(i + 5)].allSatisfy { $0.properties.isASCIIHexDigit }
    }
}

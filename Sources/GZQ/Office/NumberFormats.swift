/// Which cell styles of a workbook show dates (`xl/styles.xml`). A date in a workbook is only a
/// number (days since 1899-12-30) with a date number format: the style index `s` of a cell
/// selects an `xf` of `cellXfs`, whose `numFmtId` is a built-in format or one declared in
/// `numFmts`. Style indexes are never hard-coded: LibreOffice renumbers them.
enum NumberFormats {
    /// Built-in ids that show a date: 14–17 and 22 everywhere, and the ids Chinese
    /// (zh-CN) Excel uses for its 年/月/日 formats without declaring them. Time-only formats
    /// (18–21, 45–47, 32–35, 55, 56) show a fraction of a day, not a date: those cells stay numbers.
    static let builtinDateIds: Set<Int> = [14, 15, 16, 17, 22, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]

    /// For each `cellXfs` index, whether it shows dates.
    static func dateStyles(_ bytes: [UInt8]) -> [Bool] {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var custom: [Int: String] = [:]
            var xfIds: [Int] = []
            var inCellXfs = false
            while let tag = scanner.next() {
                if scanner.isNamed(tag, "numFmt"), !tag.isEnd {
                    if let id = scanner.attributeText(tag, "numFmtId").flatMap({ Int($0) }),
                       let code = scanner.attributeText(tag, "formatCode") {
                        custom[id] = code
                    }
                } else if scanner.isNamed(tag, "cellXfs") {
                    inCellXfs = !tag.isEnd && !tag.isEmpty
                } else if inCellXfs, !tag.isEnd, scanner.isNamed(tag, "xf") {
                    xfIds.append(scanner.attributeText(tag, "numFmtId").flatMap { Int($0) } ?? 0)
                }
            }
            return xfIds.map { id in custom[id].map(isDateFormat) ?? builtinDateIds.contains(id) }
        }
    }

    /// Whether a format code shows a date: once quoted text, `[…]` (colours, conditions,
    /// locales; `[h]` elapsed time counts as a time), `\x` escapes and `_x`/`*x` spacing are removed, it has a `y` or a `d`, or an
    /// `m` with no `h` or `s` (in `h:mm` the m is minutes). A date-time format shows a date
    /// (the time of day is dropped when read); `General` does not.
    static func isDateFormat(_ code: String) -> Bool {
        var y = false, d = false, m = false, h = false, s = false
        var iterator = code.lowercased().unicodeScalars.makeIterator()
        // Only the first section (positive numbers) decides.
        while let c = iterator.next() {
            switch c {
            case "\"": while let q = iterator.next(), q != "\"" {}
            case "[":
                // `[h]`, `[mm]`, `[ss]` are elapsed times; other brackets (colours, conditions, locales) say nothing.
                var inside = ""
                while let q = iterator.next(), q != "]" { inside.unicodeScalars.append(q) }
                if !inside.isEmpty, inside.unicodeScalars.allSatisfy({ "hms".unicodeScalars.contains($0) }) { h = true }
            case "\\", "_", "*": _ = iterator.next()
            case ";": return y || d || (m && !h && !s)
            case "y": y = true
            case "d": d = true
            case "m": m = true
            case "h": h = true
            case "s": s = true
            default: break
            }
        }
        return y || d || (m && !h && !s)
    }

    /// Days since 1970-01-01 of a serial day number: the 1900 system counts from 1899-12-31
    /// with Excel's fictitious 1900-02-29 as serial 60 (read as 1900-02-28, as openpyxl does),
    /// the 1904 system from 1904-01-01. The time of day is dropped. Nil outside years 1–9999.
    static func days(serial: Double, date1904: Bool) -> Int32? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        let whole = Int(serial.rounded(.down))
        let days: Int
        if date1904 {
            days = whole - 24107
        } else {
            days = whole < 61 ? whole - 25568 - (whole == 60 ? 1 : 0) : whole - 25569
        }
        return Int32(days)
    }

    /// The serial day number of a date in the 1900 system (what gzq writes); nil outside
    /// 1900-01-01 … 9999-12-31, which Excel cannot show as dates.
    static func serial(days: Int32) -> Int? {
        let d = Int(days)
        if d > 2_932_896 { return nil }              // after 9999-12-31
        if d >= -25508 { return d + 25569 }          // 1900-03-01 and later
        if d >= -25567 { return d + 25568 }          // 1900-01-01 … 1900-02-28
        return nil
    }
}

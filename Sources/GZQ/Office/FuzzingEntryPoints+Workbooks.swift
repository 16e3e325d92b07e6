extension FuzzingEntryPoints {
    /// Reads `bytes` as an .xlsx workbook when they start with a ZIP signature (every sheet), or
    /// else as the XML of one worksheet (with two shared strings and style 1 a date style).
    /// - Returns: the rows read in all, or -1 when the bytes are refused.
    /// - Precondition (checked): a sheet's table written with write_xlsx reads back with the
    ///   same column names and no more rows (rows whose every cell is null are not kept).
    public static func readXLSX(_ bytes: [UInt8]) -> Int {
        // Sparse sheets can span millions of cells from a few bytes; the fuzzer wants many small runs.
        let maxCells = 200_000
        if ZIPReader.looksLikeZIP(bytes) {
            guard let workbook = try? Workbook(bytes, file: "<fuzz>", maxPartBytes: 64 << 20) else { return -1 }
            var rows = 0
            for i in workbook.sheets.indices {
                guard let sheet = try? workbook.sheet(.int(i + 1)), let part = try? workbook.worksheetBytes(sheet),
                      let styles = try? workbook.dateStyles(), let strings = try? workbook.sharedStrings(),
                      let scanned = try? SheetScanner(dateStyles: styles, place: "<fuzz>").scan(part),
                      let table = try? SheetTable(place: "<fuzz>", options: SheetOptions(maxCells: maxCells), sharedStrings: strings,
                                                  date1904: workbook.date1904).table(scanned) else { continue }
                rows += table.rowCount
            }
            return rows
        }
        guard let scanned = try? SheetScanner(dateStyles: [false, true], place: "<fuzz>").scan(bytes),
              let table = try? SheetTable(place: "<fuzz>", options: SheetOptions(trim: bytes.count % 2 == 0, maxCells: maxCells),
                                          sharedStrings: ["a", " b "], date1904: false).table(scanned) else { return -1 }
        do {
            let written = try WorkbookWriter.bytes([("s", table)])
            let workbook = try Workbook(written, file: "<fuzz-roundtrip>")
            let sheet = try workbook.sheet(.int(1))
            let again = try SheetTable(place: "<fuzz-roundtrip>", options: SheetOptions(), sharedStrings: try workbook.sharedStrings(),
                                       date1904: false)
                .table(try SheetScanner(dateStyles: try workbook.dateStyles(), place: "<fuzz-roundtrip>").scan(try workbook.worksheetBytes(sheet)))
            precondition(again.schema.names == table.schema.names && again.rowCount <= table.rowCount,
                         "xlsx round trip changed the columns: \(table.schema.names) became \(again.schema.names)")
        } catch {
            preconditionFailure("a workbook written by gzq does not read back: \(error)")
        }
        return table.rowCount
    }
}

import Foundation

/// Excel workbooks (REFERENCE §13): sheets, read_xlsx, write_xlsx. Files go through the host, so
/// the sandbox applies as for read_csv and write_csv.
extension Builtins {
    static let office: [Builtin] = [
        Builtin("sheets", ["path"], pure: false,
                doc: """
                The names of the sheets of an .xlsx workbook, in tab order (hidden sheets included), as a list of \
                strings.
                """,
                example: "write_xlsx({\"2021\": t, \"汇总\": t}, \"t.xlsx\"); sheets(\"t.xlsx\")") { call in
            let path = try call.string(0)
            let workbook = try openWorkbook(path, call)
            return .list(workbook.sheets.map { .str($0.name) })
        },
        Builtin("read_xlsx", ["path", "sheet", "skip", "nulls", "trim", "numbers"],
                defaults: [nil, .int(1), .int(0), .list([.str("")]), .bool(false), .str("plain")], pure: false,
                doc: """
                Reads one sheet of an .xlsx workbook into a table. `sheet` is a 1-based index or a sheet name. The \
                sheet's rows 1 to `skip` are ignored (a report's title rows); the first row after them that has a \
                cell is the header, and rows with no cell at all are skipped. A number column is int when every \
                number in it is whole, else float; numbers shown with a date format are dates (the 1900 date \
                system, or 1904 when the workbook says so); booleans are bool; shared, inline and rich-text strings \
                are strings; a formula cell gives its cached value; an error cell (#DIV/0!, #N/A) is null; in a \
                merged range only the top-left cell holds the value. A column mixing numbers, dates, booleans or \
                text is a string column of the cells as they print. An empty header cell is named by its column \
                letter (C). `trim: true` strips spaces (U+3000 included) around text cells, and text cells listed \
                in `nulls` are null. Errors name the file, sheet and cell: `cases.xlsx[2021]!C7`.
                """,
                example: "write_xlsx(t, \"t.xlsx\", sheet: \"2021\"); read_xlsx(\"t.xlsx\", sheet: \"2021\")") { call in
            let path = try call.string(0)
            let options = try sheetOptions(call)
            let workbook = try openWorkbook(path, call)
            do {
                let sheet = try workbook.sheet(call[1])
                let place = "\(path)[\(sheet.name)]"
                let scanned = try SheetScanner(dateStyles: try workbook.dateStyles(), place: place).scan(try workbook.worksheetBytes(sheet))
                let reader = SheetTable(place: place, options: options, sharedStrings: try workbook.sharedStrings(), date1904: workbook.date1904)
                let table = try reader.table(scanned)
                try call.ctx.noteTableBytes(table.byteSize, call.span)
                return .table(table)
            } catch let error as WorkbookError {
                throw call.error(error.content)
            }
        },
        Builtin("write_xlsx", ["t", "path", "sheet"], defaults: [nil, nil, .str("Sheet1")], pure: false,
                doc: """
                Writes an .xlsx workbook at path, replacing it: table t as sheet `sheet`, or, when t is a record of \
                tables ({"2021": t1, "汇总": t2}), one sheet per field in field order. Numbers are numbers, dates are \
                dates shown as yyyy-mm-dd, bools are booleans and null is an empty cell; the header row is bold and \
                frozen, column widths fit the text (wide characters count two), and a column's display format \
                becomes its Excel number format (pct(2) shows 0.1881 as 18.81%; num(d) and cn(d) as #,##0 with d \
                decimals; fixed(d) as 0.00…). NaN and infinities are written as #NUM!, dates before 1900 as text. \
                Returns null.
                """,
                example: "write_xlsx(t, \"t.xlsx\"); read_xlsx(\"t.xlsx\")") { call in
            let sheets: [(name: String, table: Table)]
            switch call[0] {
            case .table(let t):
                sheets = [(try call.string(2), t)]
            case .record(let r):
                guard !r.keys.isEmpty else { throw call.error(.writeXlsxNoTables) }
                sheets = try zip(r.keys, r.values).map { key, value in
                    guard case .table(let t) = value else {
                        throw call.error(.writeXlsxFieldNotTable, ValueFormatter.quoted(key), value.typeName)
                    }
                    return (key, t)
                }
            default:
                throw call.typeError(0, expected: Message(.expectsTableRecordTables))
            }
            let path = try call.string(1)
            do {
                let bytes = try WorkbookWriter.bytes(sheets)
                try call.ctx.host.writeFile(path, Data(bytes))
            } catch let error as WorkbookError {
                throw call.error(.writeXlsxFailed, error.content)
            } catch let error as FileAccessError {
                throw call.error(.writeXlsxFailed, error.content)
            }
            return .null
        },
    ]

    private static func openWorkbook(_ path: String, _ call: NativeCall) throws -> Workbook {
        do {
            let data = try call.ctx.host.readFile(path)
            return try Workbook([UInt8](data), file: path, maxPartBytes: call.ctx.host.limits.maxMemoryBytes ?? Int(UInt32.max))
        } catch let error as FileAccessError {
            throw call.error(error.content)
        } catch let error as WorkbookError {
            throw call.error(error.content)
        }
    }

    private static func sheetOptions(_ call: NativeCall) throws -> SheetOptions {
        var options = SheetOptions()
        // A cell costs about 24 bytes while the columns are built.
        if let limit = call.ctx.host.limits.maxMemoryBytes { options.maxCells = min(options.maxCells, limit / 24) }
        switch call[1] {
        case .int, .string: break
        default: throw call.typeError(1, expected: Message(.expectsBasedIndexSheetName))
        }
        options.skip = try call.int(2)
        guard options.skip >= 0 else { throw call.error(.readXlsxSkipNegative, options.skip) }
        options.nulls = Set(try call.list(3).map { item in
            guard case .string(let s) = item else { throw call.error(.readXlsxNullsNotStrings, item.typeName) }
            return s.value
        })
        guard case .bool(let trim) = call[4] else { throw call.typeError(4, expected: Message(.expectsBool)) }
        options.trim = trim
        switch try call.string(5) {
        case "plain": break
        case "report":
            options.reportNumbers = true
        case let other:
            throw call.error(.readXlsxNumbersInvalid, ValueFormatter.quoted(other))
        }
        return options
    }
}

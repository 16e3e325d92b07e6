/// An .xlsx workbook opened for reading: its ZIP archive, the sheets listed in
/// `xl/workbook.xml` (in tab order), and the parts every sheet shares. The workbook part and
/// the sheets are found through the package relationships (`_rels/.rels`,
/// `xl/_rels/workbook.xml.rels`), not by fixed names: writers name them differently.
struct Workbook {
    struct Sheet {
        let name: String
        /// The part of the worksheet, e.g. `xl/worksheets/sheet1.xml` (nil: a relationship is missing).
        let part: String?
        let isChart: Bool
    }

    /// The file as the user named it, for messages.
    let file: String
    let zip: ZIPReader
    let sheets: [Sheet]
    /// `<workbookPr date1904="1"/>`: serial day numbers count from 1904-01-01 (old Mac Excel).
    let date1904: Bool
    private let sharedStringsPart: String?
    private let stylesPart: String?

    init(_ bytes: [UInt8], file: String, maxPartBytes: Int = Int(UInt32.max)) throws(WorkbookError) {
        self.file = file
        guard ZIPReader.looksLikeZIP(bytes) else {
            throw WorkbookError(.notAWorkbookNoZipSignature, file)
        }
        do {
            zip = try ZIPReader(bytes, maxEntrySize: maxPartBytes)
        } catch {
            throw WorkbookError(.inWorkbook, file, error.message)
        }
        let root = Self.relationships(try Self.part(zip, "_rels/.rels", file))
        let workbookPart = root.first { $0.type.hasSuffix("/officeDocument") }.map { Self.resolve($0.target, from: "") } ?? "xl/workbook.xml"
        guard let workbookBytes = try Self.optionalPart(zip, workbookPart, file) else {
            throw WorkbookError(.notAWorkbookMissingPart, file, workbookPart)
        }
        guard Self.hasElement(workbookBytes, "workbook") else {
            throw WorkbookError(.notAWorkbookMainPart, file, workbookPart)
        }
        let folder = workbookPart.split(separator: "/").dropLast().joined(separator: "/")
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPart.split(separator: "/").last.map(String.init) ?? "") + ".rels"
        let rels = Self.relationships(try Self.optionalPart(zip, relsPart, file) ?? [])
        var targets: [String: (target: String, type: String)] = [:]
        for rel in rels where !rel.external { targets[rel.id] = (Self.resolve(rel.target, from: folder), rel.type) }
        sharedStringsPart = rels.first { $0.type.hasSuffix("/sharedStrings") }.map { Self.resolve($0.target, from: folder) }
        stylesPart = rels.first { $0.type.hasSuffix("/styles") }.map { Self.resolve($0.target, from: folder) }
        (sheets, date1904) = Self.sheetList(workbookBytes, targets)
    }

    /// Shared strings, or none when the workbook has no table of them (openpyxl writes strings inline).
    func sharedStrings() throws(WorkbookError) -> [String] {
        guard let part = sharedStringsPart, let bytes = try Self.optionalPart(zip, part, file) else { return [] }
        return SharedStrings.parse(bytes)
    }

    /// For each cell style index, whether it shows dates.
    func dateStyles() throws(WorkbookError) -> [Bool] {
        guard let part = stylesPart, let bytes = try Self.optionalPart(zip, part, file) else { return [] }
        return NumberFormats.dateStyles(bytes)
    }

    /// The sheet named by a 1-based index or a name; the error lists the sheets there are.
    func sheet(_ selector: Value) throws(WorkbookError) -> Sheet {
        let list = sheets.map { ValueFormatter.quoted($0.name) }.joined(separator: ", ")
        switch selector {
        case .int(let i):
            guard i >= 1, i <= sheets.count else {
                // Sheets named by years are common: sheet: 2021 counts, sheet: "2021" names.
                let hint = sheets.contains { $0.name == String(i) } ? MessageArg.message(Message(.sheetNamedLikeIndex, i)) : .none
                throw WorkbookError(.noSheetAtIndex, file, i, sheets.count, list, hint)
            }
            return sheets[i - 1]
        case .string(let s):
            guard let sheet = sheets.first(where: { $0.name == s.value }) else {
                throw WorkbookError(.noSheetNamed, file, ValueFormatter.quoted(s.value), list)
            }
            return sheet
        default:
            throw WorkbookError(.sheetArgumentInvalid, selector.typeName)
        }
    }

    func worksheetBytes(_ sheet: Sheet) throws(WorkbookError) -> [UInt8] {
        guard !sheet.isChart else { throw WorkbookError(.chartSheet, file, sheet.name) }
        guard let part = sheet.part, let bytes = try Self.optionalPart(zip, part, file) else {
            throw WorkbookError(.sheetPartMissing, file, sheet.name)
        }
        return bytes
    }

    // MARK: - Package parts

    private static func part(_ zip: ZIPReader, _ name: String, _ file: String) throws(WorkbookError) -> [UInt8] {
        guard let bytes = try optionalPart(zip, name, file) else {
            throw WorkbookError(.notAWorkbookMissing, file, name)
        }
        return bytes
    }

    private static func optionalPart(_ zip: ZIPReader, _ name: String, _ file: String) throws(WorkbookError) -> [UInt8]? {
        do {
            return try zip.read(name)
        } catch {
            throw WorkbookError(.inWorkbook, file, error.message)
        }
    }

    /// Whether the part has an element with this local name.
    private static func hasElement(_ bytes: [UInt8], _ name: StaticString) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            while let tag = scanner.next() { if !tag.isEnd, scanner.isNamed(tag, name) { return true } }
            return false
        }
    }

    struct Relationship {
        let id: String, type: String, target: String, external: Bool
    }

    static func relationships(_ bytes: [UInt8]) -> [Relationship] {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var out: [Relationship] = []
            while let tag = scanner.next() {
                guard !tag.isEnd, scanner.isNamed(tag, "Relationship") else { continue }
                out.append(Relationship(id: scanner.attributeText(tag, "Id") ?? "", type: scanner.attributeText(tag, "Type") ?? "",
                                        target: scanner.attributeText(tag, "Target") ?? "",
                                        external: scanner.attributeText(tag, "TargetMode") == "External"))
            }
            return out
        }
    }

    /// A relationship target as a part name: absolute (`/xl/…`) or relative to `folder`, with `..` resolved.
    static func resolve(_ target: String, from folder: String) -> String {
        var parts: [Substring] = target.hasPrefix("/") ? [] : folder.split(separator: "/")
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(piece) }
        }
        return parts.joined(separator: "/")
    }

    private static func sheetList(_ bytes: [UInt8], _ targets: [String: (target: String, type: String)]) -> ([Sheet], Bool) {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var sheets: [Sheet] = []
            var date1904 = false
            while let tag = scanner.next() {
                guard !tag.isEnd else { continue }
                if scanner.isNamed(tag, "workbookPr") {
                    let flag = scanner.attributeText(tag, "date1904")
                    date1904 = flag == "1" || flag == "true"
                } else if scanner.isNamed(tag, "sheet") {
                    let target = scanner.attributeText(tag, "id").flatMap { targets[$0] }
                    sheets.append(Sheet(name: scanner.attributeText(tag, "name") ?? "", part: target?.target,
                                        isChart: target?.type.hasSuffix("/chartsheet") ?? false))
                }
            }
            return (sheets, date1904)
        }
    }
}

/// A workbook that cannot be read, with a message that names the file (and sheet and cell
/// where there is one: `cases.xlsx[2021]!C7: …`).
struct WorkbookError: Error {
    let content: Message
    var message: String { content.text(.en) }
    init(_ entry: Msg, _ args: any CustomStringConvertible...) { content = Message(entry, args.map(MessageArg.init)) }
    init(_ content: Message) { self.content = content }
}

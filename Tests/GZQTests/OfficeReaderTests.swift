import Foundation
import XCTest
@testable import GZQ

/// The parts of the xlsx reader and writer on their own: date formats and serial numbers, the
/// ZIP layer, XML text decoding, and damaged input (every prefix and random corruptions of a
/// workbook give an error or a table, never a trap).
final class OfficeReaderTests: XCTestCase {
    func testDateFormatCodes() {
        for code in ["yyyy-mm-dd", "m/d/yy", "yyyy\"年\"m\"月\"d\"日\"", "[$-804]yyyy\"年\"m\"月\"", "mmm-yy", "dd", "yyyy-mm-dd hh:mm", "[Red]yyyy/m/d;@"] {
            XCTAssertTrue(NumberFormats.isDateFormat(code), code)
        }
        for code in ["General", "0.00%", "#,##0", "h:mm", "h:mm:ss", "[h]:mm", "mm:ss", "0.00E+00", "\"day\"0", "@", "\\d0", "#,##0;[Red]-#,##0"] {
            XCTAssertFalse(NumberFormats.isDateFormat(code), code)
        }
    }

    func testBuiltinDateIds() {
        let styles = """
            <styleSheet><numFmts count="1"><numFmt numFmtId="14" formatCode="0.00"/><numFmt numFmtId="170" formatCode="yyyy/m/d"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="22"/></cellStyleXfs>
            <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="170"/><xf numFmtId="31"/><xf numFmtId="20"/><xf numFmtId="15"/></cellXfs></styleSheet>
            """
        // A declared numFmt overrides the built-in meaning of its id; cellStyleXfs are not cell styles.
        XCTAssertEqual(NumberFormats.dateStyles(Array(styles.utf8)), [false, false, true, true, false, true])
    }

    func testSerialDays() {
        func day(_ s: String) -> Int32 { CivilDate.parse(s) ?? Int32.min }
        XCTAssertEqual(NumberFormats.days(serial: 1, date1904: false), day("1900-01-01"))
        XCTAssertEqual(NumberFormats.days(serial: 59, date1904: false), day("1900-02-28"))
        XCTAssertEqual(NumberFormats.days(serial: 60, date1904: false), day("1900-02-28"))   // Excel's 1900-02-29
        XCTAssertEqual(NumberFormats.days(serial: 61, date1904: false), day("1900-03-01"))
        XCTAssertEqual(NumberFormats.days(serial: 44377.999, date1904: false), day("2021-06-30"))
        XCTAssertEqual(NumberFormats.days(serial: 2_958_465, date1904: false), day("9999-12-31"))
        XCTAssertEqual(NumberFormats.days(serial: 0, date1904: true), day("1904-01-01"))
        XCTAssertEqual(NumberFormats.days(serial: 42915, date1904: true), day("2021-06-30"))
        XCTAssertNil(NumberFormats.days(serial: -1, date1904: false))
        XCTAssertNil(NumberFormats.days(serial: 2_958_466, date1904: false))
        XCTAssertNil(NumberFormats.days(serial: .nan, date1904: false))
        // Writing and reading a serial are inverse for every day Excel can show.
        let early = Array(day("1900-01-01")...day("1900-04-01"))
        for d in early + Array(stride(from: day("1900-04-01"), through: day("9999-12-31"), by: 997)) + [day("9999-12-31")] {
            guard let serial = NumberFormats.serial(days: d) else { return XCTFail("no serial for \(CivilDate.format(d))") }
            XCTAssertEqual(NumberFormats.days(serial: Double(serial), date1904: false), d, CivilDate.format(d))
        }
        XCTAssertNil(NumberFormats.serial(days: day("1899-12-31")))
        XCTAssertNil(NumberFormats.serial(days: day("9999-12-31") + 1))
    }

    func testZIPRoundTrip() throws {
        var zip = ZIPWriter()
        let text = Array(String(repeating: "贵阳市,755,707\n", count: 2000).utf8)
        var noise = [UInt8](repeating: 0, count: 4096)
        var seed: UInt64 = 42
        for i in noise.indices {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            noise[i] = UInt8(truncatingIfNeeded: seed >> 33)
        }
        try zip.add("a/文本.csv", text)
        try zip.add("noise.bin", noise)     // incompressible: stored
        try zip.add("empty", [])
        let archive = try zip.finish()
        let reader = try ZIPReader(archive)
        XCTAssertEqual(reader.names, ["a/文本.csv", "noise.bin", "empty"])
        XCTAssertEqual(reader.entries["a/文本.csv"]?.method, 8)
        XCTAssertEqual(reader.entries["noise.bin"]?.method, 0)
        XCTAssertEqual(try reader.read("a/文本.csv"), text)
        XCTAssertEqual(try reader.read("noise.bin"), noise)
        XCTAssertEqual(try reader.read("empty"), [])
        XCTAssertNil(try reader.read("missing"))
    }

    func testXMLTextDecoding() {
        let xml = Array("<t>A&amp;B &lt;x&gt; &quot;q&quot; &#20013;&#x6587; _x000D_ _x005F_x0041_ _xZZ_ &bogus;</t>".utf8)
        xml.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            guard let tag = scanner.next() else { return XCTFail("no tag") }
            XCTAssertEqual(scanner.text(scanner.textAfter(tag)), "A&B <x> \"q\" 中文 \r _x0041_ _xZZ_ &bogus;")
        }
        XCTAssertEqual(XMLText.escaped("a\u{1}b_x0041_<&>\"\t"), "a_x0001_b_x005F_x0041_&lt;&amp;&gt;\"\t")
        XCTAssertEqual(XMLText.escaped("\"", attribute: true), "&quot;")
    }

    /// A small real workbook, written by gzq.
    func workbook() throws -> [UInt8] {
        let table = try Table.build(names: ["地区", "n", "day"], columns: [
            [.str("贵阳市"), .str("遵义市"), .null], [.int(1), .float(2.5), .int(-3)], [.date(18808), .null, .date(0)],
        ])
        return try WorkbookWriter.bytes([("2021", table)])
    }

    func read(_ bytes: [UInt8]) throws -> Table {
        let workbook = try Workbook(bytes, file: "t.xlsx")
        let sheet = try workbook.sheet(.int(1))
        let place = "t.xlsx[\(sheet.name)]"
        let scanned = try SheetScanner(dateStyles: try workbook.dateStyles(), place: place).scan(try workbook.worksheetBytes(sheet))
        return try SheetTable(place: place, options: SheetOptions(), sharedStrings: try workbook.sharedStrings(), date1904: false).table(scanned)
    }

    func testOwnWorkbookReadsBack() throws {
        let t = try read(try workbook())
        XCTAssertEqual(t.schema.names, ["地区", "n", "day"])
        XCTAssertEqual(t.columns[0].values.map(ValueFormatter.literal), ["\"贵阳市\"", "\"遵义市\"", "null"])
        XCTAssertEqual(t.columns[1].values.map(ValueFormatter.literal), ["1.0", "2.5", "-3.0"])
        XCTAssertEqual(t.columns[2].values.map(ValueFormatter.literal), ["@2021-06-30", "null", "@1970-01-01"])
    }

    func testEveryPrefixOfAWorkbookIsAnErrorNotATrap() throws {
        let bytes = try workbook()
        for n in 0..<bytes.count {
            XCTAssertThrowsError(try read(Array(bytes[0..<n])), "prefix of \(n) bytes read as a workbook")
        }
    }

    func testCorruptedWorkbooksNeverTrap() throws {
        let bytes = try workbook()
        var seed: UInt64 = 7
        var errors = 0
        for _ in 0..<3000 {
            var damaged = bytes
            for _ in 0..<3 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                let at = Int(seed >> 33) % damaged.count
                damaged[at] = UInt8(truncatingIfNeeded: seed >> 13)
            }
            do { _ = try read(damaged) } catch { errors += 1 }
        }
        // Most damage is caught (CRC, structure); whatever is not must still give a table.
        XCTAssertGreaterThan(errors, 2000)
    }

    /// Damaged XML inside a valid ZIP (what a CRC cannot catch): truncated at every byte.
    func testTruncatedSheetXMLNeverTraps() throws {
        let sheet = "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>n</t></is></c><c r=\"B1\" t=\"s\"><v>0</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>44377</v></c><c r=\"B2\" t=\"b\"><v>1</v></c></row></sheetData><mergeCells><mergeCell ref=\"A1:B2\"/></mergeCells></worksheet>"
        let bytes = Array(sheet.utf8)
        for n in 0...bytes.count {
            let scanner = SheetScanner(dateStyles: [false, true], place: "t.xlsx[s]")
            if let scanned = try? scanner.scan(Array(bytes[0..<n])) {
                _ = try? SheetTable(place: "t.xlsx[s]", options: SheetOptions(), sharedStrings: ["x"], date1904: false).table(scanned)
            }
        }
    }

    /// Workbooks are files like any other: the sandbox applies to reading and writing them.
    func testSandboxAppliesToWorkbooks() throws {
        let inside = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-xlsx-sandbox-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: inside, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: inside) }
        let gzq = Interpreter(host: HostConfiguration(fileAccess: .folders([inside.path])))
        let ok = inside.appendingPathComponent("t.xlsx").path
        XCTAssertNoThrow(try gzq.run("write_xlsx(table({n: [1]}), \"\(ok)\"); read_xlsx(\"\(ok)\")", name: "<t>"))
        XCTAssertThrowsError(try gzq.run("write_xlsx(table({n: [1]}), \"/tmp/gzq-outside.xlsx\")", name: "<t>"))
        XCTAssertThrowsError(try gzq.run("sheets(\"/tmp/gzq-outside.xlsx\")", name: "<t>"))
        XCTAssertThrowsError(try gzq.run("read_xlsx(\"/etc/passwd\")", name: "<t>"))
    }

    /// unpivot keeps the kept columns' display formats, and the value column's when every
    /// unpivoted column has the same one; a mix gives none.
    func testUnpivotKeepsDisplayFormats() throws {
        let years = (0..<3).map { _ in Column(storage: .float([0.1881, 0.2]), validity: nil) }
        let region = Column(storage: .string(codes: [0, 1], dictionary: ["贵阳市", "毕节市"]), validity: nil)
        let wide = Table(schema: Schema(names: ["地区", "2019", "2020", "2021"], types: [.string, .float, .float, .float]),
                         columns: [region] + years, rowCount: 2, displayFormats: [.fixed(1), .pct(2), .pct(2), .num(0)])
        var result: Value = .null
        let host = HostConfiguration(output: { _ in }, fileAccess: .none)
        let gzq = Interpreter(host: host)
        gzq.setGlobal("wide", .table(wide))
        result = try gzq.run("wide | unpivot `2019`, `2020` into year, rate", name: "<t>")
        guard case .table(let same) = result else { return XCTFail("not a table") }
        XCTAssertEqual(same.schema.names, ["地区", "2021", "year", "rate"])
        XCTAssertEqual(same.displayFormats, [.fixed(1), .num(0), nil, .pct(2)])
        result = try gzq.run("wide | unpivot except 地区 into year, rate", name: "<t>")
        guard case .table(let mixed) = result else { return XCTFail("not a table") }
        XCTAssertEqual(mixed.displayFormats, [.fixed(1), nil, nil])
    }

    /// Mutated sheet XML (bytes and XML-ish pieces inserted, deleted, replaced): the scanner and
    /// the table builder give a table or an error, never a trap; every table they give can be
    /// written as a workbook and read back with the same columns.
    func testMutatedSheetXMLNeverTraps() throws {
        let sheet = Array(("<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>地区</t></is></c><c r=\"B1\" t=\"s\"><v>0</v></c>"
            + "<c r=\"C1\" t=\"s\"><v>1</v></c></row><row r=\"2\"><c r=\"A2\" s=\"1\"><v>44377</v></c><c r=\"B2\" t=\"b\"><v>1</v></c>"
            + "<c r=\"C2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c></row><row r=\"3\"><c r=\"A3\"><v>1.5e3</v></c><c r=\"B3\" t=\"str\"><f>x</f><v>a&amp;b</v></c>"
            + "<c r=\"C3\" t=\"inlineStr\"><is><r><t>肠旺</t></r><r><t>面</t></r><rPh><t>x</t></rPh></is></c></row></sheetData>"
            + "<mergeCells><mergeCell ref=\"A2:B3\"/></mergeCells></worksheet>").utf8)
        let pieces = ["<", ">", "/", "\"", "=", " r=\"", " t=\"s\"", " s=\"1\"", "<c>", "</c>", "<v>", "</v>", "<row>", "</row>",
                      "<is>", "<t>", "A1", "XFD1048576", "ZZZZ9", "99999999999", "-1", "&#0;", "&#x110000;", "_x0000_", "<!--", "]]>"].map { Array($0.utf8) }
        var seed: UInt64 = 12
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % max(n, 1)
        }
        var tables = 0
        for _ in 0..<4000 {
            var bytes = sheet
            for _ in 0..<(1 + next(4)) {
                let at = next(bytes.count + 1)
                switch next(3) {
                case 0: bytes.insert(contentsOf: pieces[next(pieces.count)], at: at)
                case 1: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + 1 + next(8))) }
                default: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: next(256)) }
                }
            }
            let place = "t.xlsx[s]"
            guard let scanned = try? SheetScanner(dateStyles: [false, true], place: place).scan(bytes),
                  let table = try? SheetTable(place: place, options: SheetOptions(skip: next(3), nulls: [""], trim: next(2) == 0),
                                              sharedStrings: ["n", "x"], date1904: next(2) == 0).table(scanned) else { continue }
            tables += 1
            let back = try read(try WorkbookWriter.bytes([("s", table)]))
            XCTAssertEqual(back.schema.names, table.schema.names)
        }
        XCTAssertGreaterThan(tables, 500, "too few mutations gave a table to test the round trip")
    }

    /// A sheet is stored sparsely: a 2 KB file can span 16,384 columns × 100 rows. Under a
    /// memory limit the read stops before building such a table, with a message.
    func testSparseSheetUnderMemoryLimit() throws {
        let path = OfficeClientTests.root.appendingPathComponent("Tests/conformance/office/data/sparse_far.xlsx").path
        let free = Interpreter(host: HostConfiguration(fileAccess: .unrestricted))
        XCTAssertEqual(ValueFormatter.literal(try free.run("let t = read_xlsx(\"\(path)\"); [len(t), len(columns(t))]", name: "<t>")), "[100, 16384]")
        let host = HostConfiguration(fileAccess: .unrestricted)
        host.limits.maxMemoryBytes = 1 << 20
        let limited = Interpreter(host: host)
        XCTAssertThrowsError(try limited.run("read_xlsx(\"\(path)\")", name: "<t>")) { error in
            XCTAssertTrue("\(error)".contains("100 rows × 16384 columns is more cells than can be read here (43690)"), "\(error)")
        }
    }

    /// A part that would inflate past the memory limit is refused before it is inflated.
    func testPartLargerThanMemoryLimitIsRefused() throws {
        var zip = ZIPWriter()
        try zip.add("big", [UInt8](repeating: UInt8(ascii: "a"), count: 3 << 20))
        let archive = try zip.finish()
        XCTAssertLessThan(archive.count, 64 << 10)
        let reader = try ZIPReader(archive, maxEntrySize: 1 << 20)
        XCTAssertThrowsError(try reader.read("big")) { error in
            XCTAssertEqual((error as? ZIPError)?.message.description, "'big' would inflate to 3 MB, more than the memory limit allows (1 MB)")
        }
        XCTAssertEqual(try ZIPReader(archive).read("big")?.count, 3 << 20)
    }

    /// Damage inside a valid ZIP (the CRC is recomputed): every part of a workbook — content
    /// types, relationships, workbook, styles, shared strings, the sheet — mutated in turn.
    func testMutatedPartsNeverTrap() throws {
        let original = try ZIPReader(try workbook())
        let parts = try original.names.map { ($0, try original.read($0) ?? []) }
        var seed: UInt64 = 3
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int(seed >> 33) % max(n, 1)
        }
        let pieces = ["<", ">", "/", "\"", " r:id=\"rId1\"", " numFmtId=\"14\"", "<xf/>", "<si>", "</si>", "Target=\"/x\"",
                      "date1904=\"1\"", "../", "<sheet name=\"\"/>"].map { Array($0.utf8) }
        var readOK = 0, refused = 0
        for _ in 0..<3000 {
            var zip = ZIPWriter()
            let victim = next(parts.count)
            for (k, (name, data)) in parts.enumerated() {
                var bytes = data
                if k == victim {
                    for _ in 0..<(1 + next(3)) {
                        let at = next(bytes.count + 1)
                        switch next(3) {
                        case 0: bytes.insert(contentsOf: pieces[next(pieces.count)], at: at)
                        case 1: if at < bytes.count { bytes.removeSubrange(at..<min(bytes.count, at + 1 + next(12))) }
                        default: if at < bytes.count { bytes[at] = UInt8(truncatingIfNeeded: next(256)) }
                        }
                    }
                }
                try zip.add(name, bytes)
            }
            if (try? read(try zip.finish())) != nil { readOK += 1 } else { refused += 1 }
        }
        // Both outcomes occur, so the damage reaches the parsers rather than stopping at the door.
        XCTAssertGreaterThan(readOK, 300)
        XCTAssertGreaterThan(refused, 300)
    }
}

import XCTest
@testable import GZQ

/// The CSV reader (REFERENCE §8): RFC 4180 syntax, type inference, errors with line and column.
final class CSVReaderTests: XCTestCase {
    private func read(_ text: String, sep: Character = ",") throws -> Table {
        try CSVReader.read(bytes: Array(text.utf8), name: "data.csv", separator: sep.asciiValue!, progress: nil)
    }

    private func readError(_ bytes: [UInt8], sep: Character = ",", file: StaticString = #filePath, line: UInt = #line) -> TableReadError? {
        do {
            _ = try CSVReader.read(bytes: bytes, name: "data.csv", separator: sep.asciiValue!, progress: nil)
            XCTFail("expected an error", file: file, line: line)
            return nil
        } catch let error as TableReadError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func readError(_ text: String, sep: Character = ",", file: StaticString = #filePath, line: UInt = #line) -> TableReadError? {
        readError(Array(text.utf8), sep: sep, file: file, line: line)
    }

    private func cells(_ t: Table, _ name: String) -> [Value] {
        guard let c = t.column(named: name) else { XCTFail("no column \(name)"); return [] }
        return (0..<t.rowCount).map { c.value(at: $0) }
    }

    private func assertCells(_ t: Table, _ name: String, _ expected: [Value], file: StaticString = #filePath, line: UInt = #line) {
        let got = cells(t, name)
        XCTAssertEqual(got.count, expected.count, "row count of \(name)", file: file, line: line)
        for (g, e) in zip(got, expected) where !Value.equal(g, e) {
            XCTAssertTrue(false, "\(name): got \(ValueFormatter.display(g)) (\(g.typeName)), expected \(ValueFormatter.display(e)) (\(e.typeName))",
                          file: file, line: line)
        }
    }

    private func types(_ t: Table) -> [ColumnType] { t.schema.types }

    // MARK: - Types

    func testInfersEachType() throws {
        let t = try read("""
        i,f,b,d,s
        1,1.5,true,2021-06-30,贵阳市
        -20,2.5e3,false,2017-01-01,遵义市
        +3,.5,TRUE,2000-02-29,贵阳市

        """)
        XCTAssertEqual(t.schema.names, ["i", "f", "b", "d", "s"])
        XCTAssertEqual(types(t), [.int, .float, .bool, .date, .string])
        XCTAssertEqual(t.rowCount, 3)
        assertCells(t, "i", [.int(1), .int(-20), .int(3)])
        assertCells(t, "f", [.float(1.5), .float(2500), .float(0.5)])
        assertCells(t, "b", [.bool(true), .bool(false), .bool(true)])
        assertCells(t, "d", [.date(CivilDate.days(year: 2021, month: 6, day: 30)!), .date(CivilDate.days(year: 2017, month: 1, day: 1)!),
                             .date(CivilDate.days(year: 2000, month: 2, day: 29)!)])
        assertCells(t, "s", [.str("贵阳市"), .str("遵义市"), .str("贵阳市")])
    }

    func testStringsAreDictionaryEncoded() throws {
        let t = try read("r\n贵阳市\n遵义市\n贵阳市\n贵阳市\n遵义市\n")
        guard case .string(let codes, let dictionary) = t.columns[0].storage else { return XCTFail("not a string column") }
        XCTAssertEqual(dictionary, ["贵阳市", "遵义市"])
        XCTAssertEqual(codes, [0, 1, 0, 0, 1])
    }

    func testIntsAndFloatsMixMakeFloat() throws {
        let t = try read("x\n1\n2.5\n\n3\n")
        XCTAssertEqual(types(t), [.float])
        assertCells(t, "x", [.float(1), .float(2.5), .null, .float(3)])
    }

    func testOtherMixesMakeStringKeepingTheText() throws {
        let t = try read("a,b,c,d\n007,true,2021-06-30,1.50\n,1,x,1e3\n8,false,2021-07-01,n/a\n")
        // 007 is an identifier (leading zeros), so column a keeps its digits as strings.
        XCTAssertEqual(types(t), [.string, .string, .string, .string])
        assertCells(t, "b", [.str("true"), .str("1"), .str("false")])
        assertCells(t, "c", [.str("2021-06-30"), .str("x"), .str("2021-07-01")])
        assertCells(t, "d", [.str("1.50"), .str("1e3"), .str("n/a")])
        assertCells(t, "a", [.str("007"), .null, .str("8")])
    }

    func testLateMismatchRereadsEarlierCellsIncludingQuotedOnes() throws {
        var text = "n,s\n"
        for i in 0..<5000 { text += "\(i),\"q\"\"\(i % 3)\"\n" }
        text += "oops,x\n"
        let t = try read(text)
        XCTAssertEqual(types(t), [.string, .string])
        XCTAssertEqual(t.rowCount, 5001)
        XCTAssertTrue(Value.equal(t.columns[0].value(at: 1234), .str("1234")))
        XCTAssertTrue(Value.equal(t.columns[0].value(at: 5000), .str("oops")))
        XCTAssertTrue(Value.equal(t.columns[1].value(at: 4), .str("q\"1")))
    }

    func testInvalidDateIsAString() throws {
        let t = try read("d\n2021-02-28\n2021-02-30\n")
        XCTAssertEqual(types(t), [.string])
    }

    func testEmptyCellIsNull() throws {
        let t = try read("a,b,c\n1,,x\n,2,\n")
        XCTAssertEqual(types(t), [.int, .int, .string])
        assertCells(t, "a", [.int(1), .null])
        assertCells(t, "b", [.null, .int(2)])
        assertCells(t, "c", [.str("x"), .null])
        // A quoted empty field is an empty cell too.
        let q = try read("a,b\n\"\",1\n")
        assertCells(q, "a", [.null])
    }

    func testColumnWithoutValuesIsStringOfNulls() throws {
        let t = try read("a,b\n1,\n2,\n")
        XCTAssertEqual(types(t), [.int, .string])
        assertCells(t, "b", [.null, .null])
    }

    func testHeaderOnly() throws {
        let t = try read("region,year\n")
        XCTAssertEqual(t.rowCount, 0)
        XCTAssertEqual(t.schema.names, ["region", "year"])
        XCTAssertEqual(types(t), [.string, .string])
        let noNewline = try read("region,year")
        XCTAssertEqual(noNewline.schema.names, ["region", "year"])
        XCTAssertEqual(noNewline.rowCount, 0)
    }

    func testIntegersBeyondTheIntRangeStayStrings() throws {
        let t = try read("x\n1\n99999999999999999999\n")
        XCTAssertEqual(types(t), [.string])
        assertCells(t, "x", [.str("1"), .str("99999999999999999999")])
        let first = try read("x\n9223372036854775808\n2\n")
        assertCells(first, "x", [.str("9223372036854775808"), .str("2")])
        let inFloats = try read("x\n1.5\n-9223372036854775809\n")
        assertCells(inFloats, "x", [.str("1.5"), .str("-9223372036854775809")])
        let edge = try read("x\n9223372036854775807\n-9223372036854775808\n")
        XCTAssertEqual(types(edge), [.int])
        assertCells(edge, "x", [.int(Int.max), .int(Int.min)])
    }

    func testFloatsAreCorrectlyRounded() throws {
        let inputs = ["0.1", "65.81", "0.30000000000000004", "3.141592653589793238462643383279", "1e-320", "123456789012345678901234.0",
                      "2.2250738585072014e-308", "-0.0", "1E+2", "-7.25e-3"]
        let t = try read("x\n" + inputs.joined(separator: "\n"))
        XCTAssertEqual(types(t), [.float])
        for (i, s) in inputs.enumerated() {
            guard case .float(let d) = t.columns[0].value(at: i) else { return XCTFail("row \(i) not a float") }
            XCTAssertEqual(d.bitPattern, Double(s)!.bitPattern, s)
        }
    }

    func testNonFiniteFloatsAsTheWriterWritesThem() throws {
        let t = try read("x\n1.5\nnan\ninf\n-inf\n")
        XCTAssertEqual(types(t), [.float])
        let values = cells(t, "x").compactMap(\.numberValue)
        XCTAssertTrue(values[1].isNaN)
        XCTAssertEqual(values[2], .infinity)
        XCTAssertEqual(values[3], -.infinity)
        // Other words are text.
        XCTAssertEqual(types(try read("x\n1.5\nNone\n")), [.string])
    }

    func testNoWhitespaceTrimming() throws {
        let t = try read("a,b\n 1,2\n")
        XCTAssertEqual(types(t), [.string, .int])
        assertCells(t, "a", [.str(" 1")])
    }

    func testQuotedNumbersAreNumbers() throws {
        let t = try read("a\n\"12\"\n\"3\"\n")
        XCTAssertEqual(types(t), [.int])
    }

    func testManyChunksWithLateChangesAndNulls() throws {
        // Ten columns read in chunks of a few thousand rows: types change in later chunks.
        var text = "a,b,c,d,e,f,g,h,i,j\n"
        for r in 0..<10_000 {
            let b = r == 9_000 ? "x" : "\(r)"
            let c = r % 7 == 0 ? "" : "\"s\"\"\(r % 5)\""
            let d = r < 5_000 ? "" : "\(r)"
            let e = r == 8_000 ? "2.5" : "\(r % 3)"
            text += "\(r),\(b),\(c),\(d),\(e),true,2021-01-0\(r % 9 + 1),\(r % 2 == 0 ? "\"\"" : "z"),,\(r)\r\n"
        }
        let t = try read(text)
        XCTAssertEqual(t.rowCount, 10_000)
        XCTAssertEqual(types(t), [.int, .string, .string, .int, .float, .bool, .date, .string, .string, .int])
        let b = cells(t, "b"), c = cells(t, "c"), d = cells(t, "d"), e = cells(t, "e"), h = cells(t, "h")
        XCTAssertTrue(Value.equal(b[8_999], .str("8999")) && Value.equal(b[9_000], .str("x")) && Value.equal(b[0], .str("0")))
        XCTAssertTrue(Value.equal(c[7], .null) && Value.equal(c[8], .str("s\"3")))
        XCTAssertTrue(Value.equal(d[4_999], .null) && Value.equal(d[5_000], .int(5_000)))
        XCTAssertTrue(Value.equal(e[7_999], .float(1)) && Value.equal(e[8_000], .float(2.5)))
        XCTAssertTrue(Value.equal(h[0], .null) && Value.equal(h[1], .str("z")))
        XCTAssertEqual(t.columns[9].validity == nil, true)
    }

    func testErrorLineInALaterChunk() {
        var text = "a,b,c,d,e,f,g,h,i,j\n"
        for r in 0..<9_000 { text += "\(r),1,2,3,4,5,6,7,8,9\n" }
        text += "1,2,3\n"
        assertError(readError(text), 9_002, 6, "row has 3 fields, the header has 10")
    }

    func testInvalidUTF8InAnEscapedField() {
        let bytes = Array("a,b\nx,\"q\"\"".utf8) + [0xFF] + Array("\"\n".utf8)
        assertError(readError(bytes), 2, 7, "invalid UTF-8")
    }

    // MARK: - Syntax

    func testQuotedFields() throws {
        let t = try read("name,note\n\"a,b\",\"he said \"\"hi\"\"\"\n\"line1\nline2\",\"\"\"\"\n\"crlf\r\ninside\",x\n")
        XCTAssertEqual(t.rowCount, 3)
        assertCells(t, "name", [.str("a,b"), .str("line1\nline2"), .str("crlf\r\ninside")])
        assertCells(t, "note", [.str("he said \"hi\""), .str("\""), .str("x")])
    }

    func testCRLFAndLF() throws {
        let crlf = try read("a,b\r\n1,x\r\n2,y\r\n")
        XCTAssertEqual(crlf.rowCount, 2)
        XCTAssertEqual(crlf.schema.names, ["a", "b"])
        assertCells(crlf, "b", [.str("x"), .str("y")])
        assertCells(crlf, "a", [.int(1), .int(2)])
        let mixed = try read("a,b\n1,x\r\n2,\"y\"\r\n3,z")
        assertCells(mixed, "b", [.str("x"), .str("y"), .str("z")])
    }

    func testBOMIsSkipped() throws {
        let t = try CSVReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("year,n\n2021,1\n".utf8), name: "data.csv")
        XCTAssertEqual(t.schema.names, ["year", "n"])
        XCTAssertEqual(types(t), [.int, .int])
    }

    func testSeparators() throws {
        let semi = try read("a;b\n1,5;\"x;y\"\n", sep: ";")
        XCTAssertEqual(semi.schema.names, ["a", "b"])
        assertCells(semi, "a", [.str("1,5")])
        assertCells(semi, "b", [.str("x;y")])
        let tab = try read("a\tb\n1\t2\n", sep: "\t")
        XCTAssertEqual(types(tab), [.int, .int])
    }

    func testTrailingEmptyFieldAndNoFinalNewline() throws {
        let t = try read("a,b\n1,")
        XCTAssertEqual(t.rowCount, 1)
        assertCells(t, "b", [.null])
    }

    func testBlankLines() throws {
        // Several columns: blank lines are skipped.
        let t = try read("a,b\n1,2\n\n3,4\r\n\r\n")
        XCTAssertEqual(t.rowCount, 2)
        // One column: a blank line is a row whose cell is null (as write_csv writes it).
        let one = try read("a\n1\n\n2\n")
        assertCells(one, "a", [.int(1), .null, .int(2)])
    }

    func testOneMegabyteField() throws {
        let big = String(repeating: "贵阳,\"x\"\n", count: 110_000)   // ~1.2 MB with quotes, commas, newlines
        let escaped = big.replacingOccurrences(of: "\"", with: "\"\"")
        let plain = String(repeating: "abcdefgh", count: 131_072)   // 1 MiB unquoted
        let t = try read("a,b\n\"\(escaped)\",\(plain)\n1,2\n")
        XCTAssertEqual(t.rowCount, 2)
        assertCells(t, "a", [.str(big), .str("1")])
        assertCells(t, "b", [.str(plain), .str("2")])
    }

    func testProgressIsReported() throws {
        var fractions: [Double] = []
        let text = "a,b\n" + String(repeating: "1,2\n", count: 10)
        _ = try CSVReader.read(bytes: Array(text.utf8), name: "x.csv", separator: 44) { fractions.append($0) }
        XCTAssertEqual(fractions.last, 1.0)
    }

    // MARK: - Errors

    private func assertError(_ error: TableReadError?, _ line: Int, _ column: Int, _ fragment: String,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        guard let error else { return }
        XCTAssertEqual(error.line, line, "line of: \(error)", file: file, line: sourceLine)
        XCTAssertEqual(error.column, column, "column of: \(error)", file: file, line: sourceLine)
        XCTAssertTrue(error.message.contains(fragment), "message: \(error)", file: file, line: sourceLine)
        XCTAssertTrue(error.description.hasPrefix("data.csv:\(error.line):\(error.column): "), file: file, line: sourceLine)
    }

    func testUnterminatedQuote() {
        let error = readError("a,b\n1,2\n3,\"abc\n4,5\n")
        assertError(error, 3, 3, "unterminated quoted field (opened here)")
        XCTAssertEqual(error?.description, "data.csv:3:3: unterminated quoted field (opened here)")
    }

    func testQuoteInsideUnquotedField() {
        assertError(readError("a,b\n1,ab\"c\"\n"), 2, 5, "quote inside an unquoted field")
    }

    func testTextAfterClosingQuote() {
        assertError(readError("a,b\n\"x\"y,1\n"), 2, 4, "after a closing quote")
    }

    func testTooFewFields() {
        // Points at the end of the short row.
        assertError(readError("a,b,c\n1,2,3\n4,5\n"), 3, 4, "row has 2 fields, the header has 3")
        assertError(readError("a,b,c\r\n1,2\r\n"), 2, 4, "row has 2 fields, the header has 3")
    }

    func testTooManyFields() {
        // Points at the first extra field.
        assertError(readError("a,b\n1,2\n3,4,5,6\n"), 3, 5, "row has 4 fields, the header has 2")
    }

    func testLinesCountPhysicalLinesInsideQuotes() {
        assertError(readError("a,b\n\"x\ny\",1\n\"z\"q,2\n"), 4, 4, "after a closing quote")
    }

    func testInvalidUTF8() {
        var bytes = Array("a,b\n1,贵".utf8)
        bytes += [0xFF, 0x41]
        bytes += Array("\n".utf8)
        let error = readError(bytes)
        assertError(error, 2, 4, "invalid UTF-8 (byte 0xFF at byte offset 9)")
        // Overlong encodings and surrogates are invalid too.
        assertError(readError(Array("a\n".utf8) + [0xC0, 0xAF]), 2, 1, "invalid UTF-8")
        assertError(readError(Array("a\n".utf8) + [0xED, 0xA0, 0x80]), 2, 1, "invalid UTF-8")
        // In the header.
        assertError(readError([0x61, 0x2C, 0xFE] + Array("\n1,2\n".utf8)), 1, 3, "invalid UTF-8")
        // In a column that starts typed and turns into strings.
        assertError(readError(Array("a\n1\n\"x".utf8) + [0xFF] + Array("\"\n".utf8)), 3, 3, "invalid UTF-8")
    }

    func testHeaderErrors() {
        assertError(readError("a,,c\n1,2,3\n"), 1, 3, "empty column name")
        assertError(readError("a,b,a\n1,2,3\n"), 1, 5, "duplicate column name 'a' (also column 1)")
        assertError(readError("\n1\n"), 1, 1, "empty column name")
    }

    func testEmptyFile() {
        assertError(readError(""), 1, 1, "empty file")
        assertError(readError([0xEF, 0xBB, 0xBF]), 1, 1, "empty file")
    }

    func testBadSeparator() {
        XCTAssertNotNil(readError("a\n1\n", sep: "\""))
    }

    func testColumnsCountCharactersAfterWideText() {
        // 贵阳市 is three characters (nine bytes): the column counts characters.
        assertError(readError("a,b\n贵阳市,\"x\n"), 2, 5, "unterminated")
        // A BOM is not counted.
        assertError(readError([0xEF, 0xBB, 0xBF] + Array("a,\"b\n".utf8)), 1, 3, "unterminated")
    }

    // MARK: - The builtin

    func testReadCSVBuiltin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data("region;n\n贵阳市;1\n遵义市;2\n".utf8).write(to: folder.appendingPathComponent("ok.csv"))
        try Data("a,b\n1,x\n2,\"y\n".utf8).write(to: folder.appendingPathComponent("bad.csv"))
        let interpreter = Interpreter(host: HostConfiguration(fileAccess: .folders([folder.path])))
        guard interpreter.builtinNames.contains("read_csv") else { throw MissingPrerequisite("read_csv is not registered (Builtins.all lacks `io`)") }

        let ok = folder.appendingPathComponent("ok.csv").path
        let sum = try interpreter.run("let t = read_csv(\"\(ok)\", sep: \";\")\nsum(t.n)")
        XCTAssertTrue(Value.equal(sum, .int(3)))
        XCTAssertThrowsError(try interpreter.run("read_csv(\"\(folder.path)/bad.csv\")")) { error in
            XCTAssertTrue(((error as? GZQError)?.diagnostics.first?.message ?? "").contains("bad.csv:3:3: unterminated quoted field (opened here)"), "\(error)")
        }
        XCTAssertThrowsError(try interpreter.run("read_csv(\"/etc/hostname\")")) { error in
            XCTAssertTrue(((error as? GZQError)?.diagnostics.first?.message ?? "").contains("permission denied"), "\(error)")
        }
        XCTAssertThrowsError(try interpreter.run("read_csv(\"\(ok)\", sep: \"ab\")")) { error in
            XCTAssertTrue(((error as? GZQError)?.diagnostics.first?.message ?? "").contains("'sep' must be one ASCII character"), "\(error)")
        }
    }
}

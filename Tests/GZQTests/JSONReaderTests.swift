import XCTest
@testable import GZQ

/// The JSON reader (REFERENCE §8): an array of flat objects; keys in order of first appearance.
final class JSONReaderTests: XCTestCase {
    private func read(_ text: String) throws -> Table {
        try JSONReader.read(bytes: Array(text.utf8), name: "data.json", progress: nil)
    }

    private func readError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> TableReadError? {
        do {
            _ = try JSONReader.read(bytes: bytes, name: "data.json", progress: nil)
            XCTFail("expected an error", file: file, line: line)
        } catch let error as TableReadError {
            return error
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    private func assertError(_ text: String, _ line: Int, _ column: Int, _ fragment: String,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        assertError(Array(text.utf8), line, column, fragment, file: file, sourceLine: sourceLine)
    }

    private func assertError(_ bytes: [UInt8], _ line: Int, _ column: Int, _ fragment: String,
                             file: StaticString = #filePath, sourceLine: UInt = #line) {
        guard let error = readError(bytes, file: file, line: sourceLine) else { return }
        XCTAssertEqual(error.line, line, "line of: \(error)", file: file, line: sourceLine)
        XCTAssertEqual(error.column, column, "column of: \(error)", file: file, line: sourceLine)
        XCTAssertTrue(error.message.contains(fragment), "message: \(error)", file: file, line: sourceLine)
        XCTAssertEqual(error.description, "data.json:\(line):\(column): \(error.message)", file: file, line: sourceLine)
    }

    private func assertCells(_ t: Table, _ name: String, _ expected: [Value], file: StaticString = #filePath, line: UInt = #line) {
        guard let c = t.column(named: name) else { return XCTFail("no column \(name)", file: file, line: line) }
        XCTAssertEqual(t.rowCount, expected.count, file: file, line: line)
        for (i, e) in expected.enumerated() where i < t.rowCount && !Value.equal(c.value(at: i), e) {
            XCTFail("\(name)[\(i)]: got \(ValueFormatter.display(c.value(at: i))), expected \(ValueFormatter.display(e))", file: file, line: line)
        }
    }

    func testKeysInOrderOfFirstAppearanceMissingIsNull() throws {
        let t = try read("""
        [{"region": "贵阳市", "year": 2021},
         {"year": 2022, "rate": 0.5, "region": "遵义市"},
         {"ok": true}]
        """)
        XCTAssertEqual(t.schema.names, ["region", "year", "rate", "ok"])
        XCTAssertEqual(t.schema.types, [.string, .int, .float, .bool])
        assertCells(t, "region", [.str("贵阳市"), .str("遵义市"), .null])
        assertCells(t, "year", [.int(2021), .int(2022), .null])
        assertCells(t, "rate", [.null, .float(0.5), .null])
        assertCells(t, "ok", [.null, .null, .bool(true)])
    }

    func testNumbers() throws {
        let t = try read(#"[{"a": 1, "b": 1.0, "c": 1e2, "d": 100000000000000000000, "e": -9223372036854775808}, {"a": 2.5, "b": 2, "c": -0.25, "d": 1, "e": 0}]"#)
        XCTAssertEqual(t.schema.types, [.float, .float, .float, .float, .int])
        assertCells(t, "a", [.float(1), .float(2.5)])
        assertCells(t, "b", [.float(1), .float(2)])
        assertCells(t, "c", [.float(100), .float(-0.25)])
        assertCells(t, "d", [.float(1e20), .float(1)])
        assertCells(t, "e", [.int(Int.min), .int(0)])
    }

    func testStringsAndEscapes() throws {
        let t = try read(#"[{"s": "a\"b\\c\/d\n\t\u4E2D\uD83D\uDE00"}, {"s": "贵阳"}]"#)
        assertCells(t, "s", [.str("a\"b\\c/d\n\t中😀"), .str("贵阳")])
        guard case .string(_, let dictionary) = t.columns[0].storage else { return XCTFail("not a string column") }
        XCTAssertEqual(dictionary.count, 2)
    }

    func testEscapedKeys() throws {
        let t = try read(#"[{"a\u0062": 1}, {"ab": 2}]"#)
        XCTAssertEqual(t.schema.names, ["ab"])
        assertCells(t, "ab", [.int(1), .int(2)])
    }

    func testISODateStringsBecomeDates() throws {
        let t = try read(#"[{"d": "2021-06-30", "s": "2021-06-30"}, {"d": null, "s": "later"}, {"d": "2017-01-01", "s": null}]"#)
        XCTAssertEqual(t.schema.types, [.date, .string])
        assertCells(t, "d", [.date(CivilDate.days(year: 2021, month: 6, day: 30)!), .null, .date(CivilDate.days(year: 2017, month: 1, day: 1)!)])
    }

    func testNullOnlyKeyIsStringOfNulls() throws {
        let t = try read(#"[{"a": null, "b": 1}, {"b": 2}]"#)
        XCTAssertEqual(t.schema.types, [.string, .int])
        assertCells(t, "a", [.null, .null])
    }

    func testEmptyArrayAndBOMAndWhitespace() throws {
        let empty = try read(" [ ] \n")
        XCTAssertEqual(empty.rowCount, 0)
        XCTAssertEqual(empty.schema.count, 0)
        let bom = try JSONReader.read(bytes: [0xEF, 0xBB, 0xBF] + Array("[{\"x\": false}]".utf8), name: "data.json")
        XCTAssertEqual(bom.schema.names, ["x"])
        XCTAssertEqual(bom.schema.types, [.bool])
    }

    func testManyRowsKeepTypedColumns() throws {
        var text = "["
        for i in 0..<3000 { text += (i > 0 ? "," : "") + "{\"id\": \(i), \"region\": \"r\(i % 9)\", \"x\": \(i % 2 == 0 ? "null" : "1.5")}\n" }
        text += "]"
        let t = try read(text)
        XCTAssertEqual(t.rowCount, 3000)
        XCTAssertEqual(t.schema.types, [.int, .string, .float])
        XCTAssertTrue(Value.equal(t.columns[0].value(at: 2999), .int(2999)))
        XCTAssertTrue(Value.equal(t.columns[2].value(at: 2998), .null))
    }

    // MARK: - Errors

    func testNestedValueIsAnError() {
        assertError("[{\"a\": 1},\n {\"a\": 2, \"b\": [1]}]", 2, 16, "key 'b' in object #2 holds an array")
        assertError("[{\"a\": {\"x\": 1}}]", 1, 8, "key 'a' in object #1 holds an object")
    }

    func testMixedTypesAreAnError() {
        assertError("[{\"a\": 1},\n {\"a\": \"x\"}]", 2, 8, "key 'a' in object #2 is a string, but earlier values are numbers")
        assertError("[{\"a\": true}, {\"a\": 0}]", 1, 21, "is a number, but earlier values are bools")
    }

    func testDuplicateKey() {
        assertError("[{\"a\": 1, \"a\": 2}]", 1, 11, "duplicate key 'a' in object #1")
    }

    func testMalformedJSON() {
        assertError("", 1, 1, "empty file")
        assertError("{\"a\": 1}", 1, 1, "expected an array of objects")
        assertError("[1]", 1, 2, "object #1 of the array is a number, expected an object")
        assertError("[{\"a\": 1} {\"a\": 2}]", 1, 11, "expected ',' or ']'")
        assertError("[{\"a\": 1},]", 1, 11, "expected an object")
        assertError("[{\"a\" 1}]", 1, 7, "expected ':'")
        assertError("[{\"a\": 1,}]", 1, 10, "expected a key")
        assertError("[{\"a\": 1 \"b\": 2}]", 1, 10, "expected ',' or '}'")
        assertError("[{\"a\": \"abc}]", 1, 8, "unterminated string (opened here)")
        assertError("[{\"a\": 1}", 1, 1, "unterminated array (opened here)")
        assertError("[{\"a\": 1", 1, 2, "unterminated object")
        assertError("[{\"a\": tru}]", 1, 8, "invalid literal")
        assertError("[{\"a\": 01}]", 1, 8, "leading zeros")
        assertError("[{\"a\": 1.}]", 1, 8, "digits after '.'")
        assertError("[{\"a\": -}]", 1, 8, "invalid number")
        assertError("[{\"a\": \"x\\q\"}]", 1, 10, "invalid escape")
        assertError("[{\"a\": \"\\uD800\"}]", 1, 9, "unpaired surrogate")
        assertError("[{\"a\": \"\\u12G4\"}]", 1, 9, "four hex digits")
        assertError("[{\"a\": \"x\ny\"}]", 1, 10, "control character")
        assertError("[] x", 1, 4, "after the array")
        assertError("[{\"a\": 1}]\n\n  ]", 3, 3, "after the array")
    }

    func testInvalidUTF8() {
        assertError(Array("[{\"a\": \"贵".utf8) + [0xFF] + Array("\"}]".utf8), 1, 10, "invalid UTF-8 (byte 0xFF")
        assertError(Array("[{\"".utf8) + [0xC3] + Array("\": 1}]".utf8), 1, 4, "invalid UTF-8")
    }

    func testReadJSONBuiltin() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try Data(#"[{"region": "贵阳市", "n": 1}, {"region": "遵义市", "n": 2.5}]"#.utf8).write(to: folder.appendingPathComponent("ok.json"))
        try Data("[{\"a\": 1},\n {\"a\": [2]}]".utf8).write(to: folder.appendingPathComponent("bad.json"))
        let interpreter = Interpreter(host: HostConfiguration(fileAccess: .folders([folder.path])))
        guard interpreter.builtinNames.contains("read_json") else { throw MissingPrerequisite("read_json is not registered (Builtins.all lacks `io`)") }

        let sum = try interpreter.run("sum(read_json(\"\(folder.path)/ok.json\").n)")
        XCTAssertTrue(Value.equal(sum, .float(3.5)))
        XCTAssertThrowsError(try interpreter.run("read_json(\"\(folder.path)/bad.json\")")) { error in
            XCTAssertTrue(((error as? GZQError)?.diagnostics.first?.message ?? "").contains("bad.json:2:8: key 'a' in object #2 holds an array"), "\(error)")
        }
        XCTAssertThrowsError(try interpreter.run("read_json(\"\(folder.path)/missing.json\")")) { error in
            XCTAssertTrue(((error as? GZQError)?.diagnostics.first?.message ?? "").contains("cannot read"), "\(error)")
        }
    }
}

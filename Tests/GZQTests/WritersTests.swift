import Foundation
import XCTest
@testable import GZQ

/// CSV, JSON and markdown output (REFERENCE §8), `OutputFormat`, and write_csv / write_json.
final class WritersTests: XCTestCase {
    private var sample: Table {
        var flags = BitVector(count: 3, value: false)
        flags[0] = true
        return table([
            "region": strings(["贵阳市", "六盘水市", nil]),
            "year": ints([2021, nil, -7]),
            "rate": floats([0.950625, 2.0, 0.1 + 0.2]),
            "ok": Column(storage: .bool(flags), validity: nil),
            "day": Column(storage: .date([CivilDate.parse("2021-06-30")!, 0, 1]), validity: nil),
        ])
    }

    // MARK: CSV

    func testCSVValues() {
        XCTAssertEqual(CSVWriter.render(sample), """
        region,year,rate,ok,day
        贵阳市,2021,0.950625,true,2021-06-30
        六盘水市,,2.0,false,1970-01-01
        ,-7,0.30000000000000004,false,1970-01-02
        """)
        XCTAssertEqual(CSVWriter.bytes(sample).last, 0x0A, "a file ends with a newline")
    }

    func testCSVQuotesOnlyWhenItMust() {
        let t = table([
            "a,b": strings(["plain", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", " spaced ", "黔西南州", nil]),
        ])
        let expected = [
            #""a,b""#,              // header quoted too
            "plain",
            #""a,b""#,
            #""say ""hi""""#,      // quotes doubled
            "\"two\nlines\"",
            "\"cr\rhere\"",
            #""""#,                 // empty string, told apart from null
            " spaced ",             // spaces are data, not a reason to quote
            "黔西南州",
            "",                     // null
        ]
        XCTAssertEqual(CSVWriter.render(t), expected.joined(separator: "\n"))
        XCTAssertFalse(CSVWriter.needsQuotes("a;b", separator: ","))
        XCTAssertTrue(CSVWriter.needsQuotes("a;b", separator: ";"))
        XCTAssertTrue(CSVWriter.needsQuotes("a\tb", separator: "\t"))
        XCTAssertTrue(CSVWriter.needsQuotes("甲，乙", separator: "，"))
    }

    func testCSVSeparatorAndEdges() {
        let t = table(["x": ints([1, Int.min]), "y": strings(["a;b", "c"])])
        XCTAssertEqual(CSVWriter.render(t, separator: ";"), "x;y\n1;\"a;b\"\n-9223372036854775808;c")
        XCTAssertEqual(CSVWriter.render(table(["x": ints([])])), "x")
        XCTAssertEqual(CSVWriter.render(Table(schema: Schema(names: [], types: []), columns: [], rowCount: 0)), "")
    }

    // MARK: JSON

    func testJSONRowsAndValues() throws {
        let text = JSONWriter.render(sample)
        XCTAssertEqual(text, """
        [
        {"region": "贵阳市", "year": 2021, "rate": 0.950625, "ok": true, "day": "2021-06-30"},
        {"region": "六盘水市", "year": null, "rate": 2.0, "ok": false, "day": "1970-01-01"},
        {"region": null, "year": -7, "rate": 0.30000000000000004, "ok": false, "day": "1970-01-02"}
        ]
        """)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?.count, 3)
        XCTAssertEqual(parsed?[0]["region"] as? String, "贵阳市")
        XCTAssertEqual(parsed?[1]["rate"] as? Double, 2.0)
        XCTAssertEqual(JSONWriter.render(table(["x": ints([])])), "[]")
    }

    func testJSONEscaping() throws {
        let nasty = "q\"b\\s/n\nr\rt\tc\u{1}d\u{7F}ls\u{2028}ps\u{2029}贵阳…"
        let t = table(["k\"ey": strings([nasty]), "nan": floats([.nan])])
        let text = JSONWriter.render(t)
        XCTAssertEqual(text, """
        [
        {"k\\"ey": "q\\"b\\\\s/n\\nr\\rt\\tc\\u0001d\u{7F}ls\\u2028ps\\u2029贵阳…", "nan": null}
        ]
        """)
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
        XCTAssertEqual(parsed?[0]["k\"ey"] as? String, nasty)
        XCTAssertTrue(parsed?[0]["nan"] is NSNull)
    }

    func testJSONOfOtherValues() {
        let record = Value.record(keys: ["region", "n", "xs"], values: [.str("毕节市"), .int(3), .list([.float(1), .null, .bool(true)])])
        XCTAssertEqual(JSONWriter.render(record), #"{"region": "毕节市", "n": 3, "xs": [1.0, null, true]}"#)
        XCTAssertEqual(JSONWriter.render(Value.date(0)), #""1970-01-01""#)
        XCTAssertEqual(JSONWriter.render(Value.float(.infinity)), "null")
        let nested = Value.list([.table(table(["x": ints([1, 2])]))])
        XCTAssertEqual(JSONWriter.render(nested), #"[[{"x": 1}, {"x": 2}]]"#)
    }

    // MARK: markdown

    func testMarkdown() {
        let t = table([
            "region": strings(["贵阳市", "a|b", "back\\slash", "two\nlines"]),
            "n": ints([1, 22, nil, 4]),
            "rate": floats([0.950625, 1234567.8, 2, 0.95062535]),
        ])
        XCTAssertEqual(MarkdownWriter.render(t), """
        | region       |    n |     rate |
        | ------------ | ---: | -------: |
        | 贵阳市       |    1 | 0.950625 |
        | a\\|b         |   22 |  1234568 |
        | back\\\\slash  | null |        2 |
        | two<br>lines |    4 | 0.950625 |
        """)
        XCTAssertEqual(MarkdownWriter.render(table(["x": strings([])])), "| x   |\n| --- |")
    }

    // MARK: OutputFormat

    func testOutputFormatRender() {
        let t = Value.table(sample)
        XCTAssertEqual(OutputFormat.render(t, as: .table), TableFormatter.render(sample))
        XCTAssertEqual(OutputFormat.render(t, as: .csv), CSVWriter.render(sample))
        XCTAssertEqual(OutputFormat.render(t, as: .json), JSONWriter.render(sample))
        XCTAssertEqual(OutputFormat.render(t, as: .markdown), MarkdownWriter.render(sample))
        XCTAssertEqual(OutputFormat(rawValue: "markdown"), .markdown)

        // Scalars: as print shows them, except json, which is always one JSON value.
        XCTAssertEqual(OutputFormat.render(.str("贵阳市"), as: .table), "贵阳市")
        XCTAssertEqual(OutputFormat.render(.str("贵阳市"), as: .csv), "贵阳市")
        XCTAssertEqual(OutputFormat.render(.str("贵阳市"), as: .json), "\"贵阳市\"")
        XCTAssertEqual(OutputFormat.render(.float(2), as: .markdown), "2.0")
        XCTAssertEqual(OutputFormat.render(.list([.int(1), .str("a")]), as: .table), "[1, \"a\"]")
        XCTAssertEqual(OutputFormat.render(.list([.int(1), .str("a")]), as: .json), "[1, \"a\"]")
        XCTAssertEqual(OutputFormat.render(.null, as: .json), "null")
    }

    // MARK: write_csv / write_json

    private func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-writers-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        return path
    }

    /// An interpreter with the output builtins and `t` as globals (independent of whether
    /// `Builtins.all` lists them yet).
    private func interpreter(_ access: FileAccess) -> Interpreter {
        let interpreter = Interpreter(host: HostConfiguration(fileAccess: access))
        for builtin in Builtins.output { interpreter.setGlobal(builtin.name, .function(builtin.function)) }
        interpreter.setGlobal("t", .table(sample))
        return interpreter
    }

    func testWriteCSVAndJSON() throws {
        let folder = try temporaryFolder()
        let gzq = interpreter(.folders([folder]))
        XCTAssertTrue(try gzq.run("write_csv(t, \"\(folder)/out.csv\")").isNull)
        XCTAssertTrue(try gzq.run("write_json(t, \"\(folder)/out.json\")").isNull)
        try gzq.run("write_csv(t, \"\(folder)/out.tsv\", sep: \"\\t\")")
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/out.csv"), Data(CSVWriter.bytes(sample)))
        XCTAssertEqual(FileManager.default.contents(atPath: folder + "/out.json"), Data(JSONWriter.bytes(sample)))
        let tsv = String(decoding: FileManager.default.contents(atPath: folder + "/out.tsv") ?? Data(), as: UTF8.self)
        XCTAssertTrue(tsv.hasPrefix("region\tyear\trate\tok\tday\n"), tsv)
    }

    func testWritingRespectsTheSandbox() throws {
        let folder = try temporaryFolder()
        let gzq = interpreter(.folders([folder + "/inner"]))
        XCTAssertThrowsError(try gzq.run("write_csv(t, \"\(folder)/inner/../escape.csv\")")) { error in
            let message = (error as? GZQError)?.diagnostics.first?.message ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("write_csv(): ") && message.contains("escape.csv"), message)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: folder + "/escape.csv"))
        XCTAssertThrowsError(try interpreter(.none).run("write_json(t, \"x.json\")")) { error in
            let message = (error as? GZQError)?.diagnostics.first?.message ?? "\(error)"
            XCTAssertTrue(message.hasPrefix("write_json(): ") && message.contains("x.json"), message)
        }
    }

    func testWriteArgumentErrors() throws {
        let folder = try temporaryFolder()
        let gzq = interpreter(.folders([folder]))
        XCTAssertThrowsError(try gzq.run("write_csv([1, 2], \"\(folder)/x.csv\")"))
        XCTAssertThrowsError(try gzq.run("write_csv(t, \"\(folder)/x.csv\", sep: \"\\\"\")")) { error in
            let message = (error as? GZQError)?.diagnostics.first?.message ?? "\(error)"
            XCTAssertTrue(message.contains("separator"), message)
        }
    }
}

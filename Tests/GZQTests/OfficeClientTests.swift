import Foundation
import XCTest
@testable import GZQ

/// Workbooks against a real client, openpyxl (`make deps` installs it; a missing openpyxl is a
/// failure, never a skip): workbooks openpyxl writes (rewritten into Excel's own layout by
/// Tests/office/excel_layout.py: shared strings, cached formula values) are read by gzq with
/// the values expected from the generator, and workbooks gzq writes are read by openpyxl
/// with the same values, types and number formats.
final class OfficeClientTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let scripts = root.appendingPathComponent("Tests/office")

    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let check = Self.python(["-c", "import openpyxl"])
        guard check.status == 0 else {
            XCTFail("openpyxl is missing (run `make deps`, which installs it with pip): \(check.errors)")
            throw XCTSkip("no openpyxl")   // never reached silently: the failure above is recorded first
        }
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    static func python(_ arguments: [String]) -> (status: Int32, output: String, errors: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch { return (-1, "", "cannot run python3: \(error)") }
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: output, as: UTF8.self), String(decoding: errors, as: UTF8.self))
    }

    /// Runs gzq source with `dir` bound to the scratch folder; returns what it printed.
    func gzq(_ source: String, globals: [String: Value] = [:]) throws -> String {
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted)
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("dir", .str(folder.path))
        for (name, value) in globals { interpreter.setGlobal(name, value) }
        try interpreter.run(source, name: "<office test>")
        return output
    }

    func openpyxlWorkbooks() throws {
        let made = Self.python([Self.scripts.appendingPathComponent("openpyxl_write.py").path, folder.path])
        XCTAssertEqual(made.status, 0, "openpyxl_write.py failed: \(made.errors)")
    }

    func testReportSheetWrittenByOpenpyxl() throws {
        try openpyxlWorkbooks()
        let out = try gzq("""
            let f = dir + "/cases.xlsx"
            print(sheets(f))
            let t = read_xlsx(f, skip: 1, trim: true, nulls: ["", "—"])
            print(columns(t))
            print(schema(t).type)
            print(t.地区)
            print(t.受理, t.审结, t.E)
            print(t.纠错率)
            let raw = read_xlsx(f, sheet: "2021")
            print(columns(raw))
            print(raw[1])
            """)
        XCTAssertEqual(out, """
            ["2021", "类型", "合并"]
            ["地区", "受理", "审结", "纠错", "E", "纠错率"]
            ["string", "int", "int", "int", "int", "float"]
            ["贵阳市", "遵义市", "六盘水市", "合计"]
            [755, 498, null, 1253] [707, 474, 203, 1384] [null, null, null, 0]
            [\(151.0 / 707), \(100.0 / 474), \(48.0 / 203), null]
            ["2021年各市州行政复议案件统计表", "B", "C", "D", "E", "F"]
            {`2021年各市州行政复议案件统计表`: "贵阳市", B: "755", C: "707", D: "151", E: null, F: "\(151.0 / 707)"}

            """)
    }

    func testCellKindsWrittenByOpenpyxl() throws {
        try openpyxlWorkbooks()
        let out = try gzq("""
            let t = read_xlsx(dir + "/cases.xlsx", sheet: "类型")
            print(schema(t).type)
            for c in columns(t) { print(c, t[c]) }
            """)
        XCTAssertEqual(out, """
            ["int", "float", "date", "date", "date", "float", "date", "bool", "string", "int", "string", "string"]
            整数 [1, -7, 123456789012]
            小数 [0.5, 2.0, 1e-07]
            日期 [@2021-06-30, @1900-03-01, null]
            中文日期 [@2017-04-01, @2021-12-31, null]
            短日期 [@1900-02-28, @1900-01-01, null]
            时间 [0.5, 0.75, null]
            时刻 [@2021-06-30, @1999-12-31, null]
            布尔 [true, false, null]
            文本 ["肠旺面", "A&B <x> \\"q\\"", "贵阳市"]
            错误 [null, 3, null]
            混合 ["7", "七", null]
            公式文本 ["肠旺面!", "A&B <x> \\"q\\"!", null]

            """)
    }

    func testMergedRangesAnd1904AndInlineStrings() throws {
        try openpyxlWorkbooks()
        let out = try gzq("""
            print(read_xlsx(dir + "/cases.xlsx", sheet: "合并"))
            let mac = read_xlsx(dir + "/mac1904.xlsx")
            print(mac.day, mac.n)
            # openpyxl's own layout: inline strings; its formulas carry no cached value, so they read as null.
            let inline = read_xlsx(dir + "/inline.xlsx")
            print(inline.名称, inline.数量, inline.两倍)
            """)
        XCTAssertEqual(out, """
            +----------+--------+------+
            | 地区     | 县     |    n |
            +----------+--------+------+
            | 黔南州   | 都匀市 |    1 |
            | null     | 福泉市 |    2 |
            | 黔东南州 | 凯里市 | null |
            +----------+--------+------+
            [@1904-01-01, @2021-06-30] [1, 2]
            ["甲", "乙"] [2, 3] [null, null]

            """)
    }

    func testWorkbookWrittenByGzqReadByOpenpyxl() throws {
        let path = folder.appendingPathComponent("gzq.xlsx").path
        let rates = Column(storage: .float([151.0 / 707, 0.2110, 0.5]), validity: nil)
        let counts = Column(storage: .int([18088, 474, 123456789012]), validity: nil)
        let money = Column(storage: .float([143_000_000, 6_100_000, 0.25]), validity: nil)
        let fixed = Column(storage: .float([0.9506, 1, 2.675]), validity: nil)
        var regions = BitVector(count: 3, value: true)
        regions[2] = false
        let region = Column(storage: .string(codes: [0, 1, 0], dictionary: ["贵阳市", "黔东南苗族侗族自治州"]), validity: regions)
        let table = Table(schema: Schema(names: ["地区", "纠错率", "审结", "资金", "比值"], types: [.string, .float, .int, .float, .float]),
                          columns: [region, rates, counts, money, fixed], rowCount: 3,
                          displayFormats: [nil, .pct(2), .num(0), .cn(2), .fixed(2)])
        _ = try gzq("""
            let other = table({day: [@2021-06-30, @1900-01-01], ok: [true, false], 备注: ["  前后空格  ", "行一\\r\\n行二"], whole: [2.0, -0.5]})
            write_xlsx({"2021": t, "汇总": other}, dir + "/gzq.xlsx")
            """, globals: ["t": .table(table)])
        let read = Self.python([Self.scripts.appendingPathComponent("openpyxl_read.py").path, path])
        XCTAssertEqual(read.status, 0, read.errors)
        XCTAssertEqual(read.output, """
            sheet '2021' freeze=A2 widths: A=22 B=9 C=18 D=17 E=7
            A1 '地区' s 'General' bold
            B1 '纠错率' s 'General' bold
            C1 '审结' s 'General' bold
            D1 '资金' s 'General' bold
            E1 '比值' s 'General' bold
            A2 '贵阳市' s 'General'
            B2 \(151.0 / 707) n '0.00%'
            C2 18088 n '#,##0'
            D2 143000000.0 n '#,##0.00'
            E2 0.9506 n '0.00'
            A3 '黔东南苗族侗族自治州' s 'General'
            B3 0.211 n '0.00%'
            C3 474 n '#,##0'
            D3 6100000.0 n '#,##0.00'
            E3 1.0 n '0.00'
            B4 0.5 n '0.00%'
            C4 123456789012 n '#,##0'
            D4 0.25 n '#,##0.00'
            E4 2.675 n '0.00'
            sheet '汇总' freeze=A2 widths: A=12 B=7 C=14 D=7
            A1 'day' s 'General' bold
            B1 'ok' s 'General' bold
            C1 '备注' s 'General' bold
            D1 'whole' s 'General' bold
            A2 datetime.datetime(2021, 6, 30, 0, 0) d 'yyyy-mm-dd'
            B2 True b 'General'
            C2 '  前后空格  ' s 'General'
            D2 2.0 n 'General'
            A3 datetime.datetime(1900, 1, 1, 0, 0) d 'yyyy-mm-dd'
            B3 False b 'General'
            C3 '行一\\r\\n行二' s 'General'
            D3 -0.5 n 'General'

            """)
        // And gzq reads its own file back with the same values.
        let back = try gzq("""
            let t = read_xlsx(dir + "/gzq.xlsx")
            print(t.地区, t.纠错率, t.审结, t.资金)
            """)
        XCTAssertEqual(back, "[\"贵阳市\", \"黔东南苗族侗族自治州\", null] [\(151.0 / 707), 0.211, 0.5] [18088, 474, 123456789012] [143000000.0, 6100000.0, 0.25]\n")
    }
}

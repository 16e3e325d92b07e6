import XCTest
@testable import GZQ

/// The aligned text table `print` shows (REFERENCE §8): widths by display width, alignment,
/// float digits, elision of long tables and fitting of wide ones.
final class TableFormatterTests: XCTestCase {
    private var regions: Table {
        table([
            "region": strings(["贵阳市", "六盘水市", "黔西南州", "Zunyi"]),
            "year": ints([2021, 2021, 2020, nil]),
            "rate": floats([0.950625, nil, 2.0, 1234567.8]),
        ])
    }

    /// Every line of the frame (all but a footer) has the same display width.
    private func assertAligned(_ text: String, maxWidth: Int? = nil, file: StaticString = #filePath, line: UInt = #line) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).filter { $0.hasPrefix("+") || $0.hasPrefix("|") }
        XCTAssertGreaterThan(lines.count, 2, file: file, line: line)
        let widths = Set(lines.map { DisplayWidth.of($0) })
        XCTAssertEqual(widths.count, 1, "lines differ in display width:\n\(text)", file: file, line: line)
        if let maxWidth, let w = widths.first { XCTAssertLessThanOrEqual(w, maxWidth, text, file: file, line: line) }
        for l in lines { XCTAssertFalse(l.hasSuffix(" "), "trailing blank in \(l)", file: file, line: line) }
    }

    // MARK: layout

    func testRendersAlignedTableWithCJK() {
        let text = TableFormatter.render(regions)
        XCTAssertEqual(text, """
        +----------+------+----------+
        | region   | year |     rate |
        +----------+------+----------+
        | 贵阳市   | 2021 | 0.950625 |
        | 六盘水市 | 2021 |     null |
        | 黔西南州 | 2020 |        2 |
        | Zunyi    | null |  1234568 |
        +----------+------+----------+
        """)
        assertAligned(text)
    }

    func testNumbersRightTextLeft() {
        let t = table(["name": strings(["a", "bbbbbb"]), "n": ints([7, 123456]), "x": floats([0.5, 10])])
        let lines = TableFormatter.render(t).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[1], "| name   |      n |   x |")
        XCTAssertEqual(lines[3], "| a      |      7 | 0.5 |")
        XCTAssertEqual(lines[4], "| bbbbbb | 123456 |  10 |")
    }

    func testNullBoolAndDateCells() {
        let t = table([
            "ok": Column(storage: .bool({ var b = BitVector(count: 3, value: false); b[0] = true; return b }()),
                         validity: { var v = BitVector(count: 3, value: true); v[2] = false; return v }()),
            "day": Column(storage: .date([CivilDate.parse("2021-06-30")!, 0, 0]), validity: nil),
            "s": strings([nil, "x", ""]),
        ])
        let text = TableFormatter.render(t)
        XCTAssertEqual(text, """
        +-------+------------+------+
        | ok    | day        | s    |
        +-------+------------+------+
        | true  | 2021-06-30 | null |
        | false | 1970-01-01 | x    |
        | null  | 1970-01-01 |      |
        +-------+------------+------+
        """)
    }

    func testFloatsShowSixSignificantDigits() {
        XCTAssertEqual(TableFormatter.float(0.950625), "0.950625")
        XCTAssertEqual(TableFormatter.float(0.95062535), "0.950625")
        XCTAssertEqual(TableFormatter.float(2.0), "2")
        XCTAssertEqual(TableFormatter.float(0.1 + 0.2), "0.3")
        XCTAssertEqual(TableFormatter.float(-0.5), "-0.5")
        XCTAssertEqual(TableFormatter.float(123456.7), "123457")
        XCTAssertEqual(TableFormatter.float(1234567.8), "1234568") // whole digits never hidden below 1e15
        XCTAssertEqual(TableFormatter.float(999999.5), "1000000")
        XCTAssertEqual(TableFormatter.float(1e15), "1e+15")
        XCTAssertEqual(TableFormatter.float(1.5e-7), "1.5e-07")
        XCTAssertEqual(TableFormatter.float(0.0001), "0.0001")
        XCTAssertEqual(TableFormatter.float(.nan), "nan")
        XCTAssertEqual(TableFormatter.float(-.infinity), "-inf")
    }

    func testControlCharactersAreEscaped() {
        let t = table(["s": strings(["two\nlines", "tab\there"])])
        let text = TableFormatter.render(t)
        XCTAssertTrue(text.contains("| two\\nlines |"), text)
        XCTAssertTrue(text.contains("| tab\\there  |"), text)
        assertAligned(text)
    }

    // MARK: long, empty and wide tables

    func testLongTableIsElidedInTheMiddle() {
        let n = 100_000
        let t = table([
            "id": ints(Array(0..<n)),
            "region": strings((0..<n).map { ["贵阳市", "六盘水市", "黔西南州", "Anshun"][$0 % 4] }),
            "rate": floats((0..<n).map { Double($0) / 7 }),
        ])
        // Only the shown rows are read: that is what keeps a huge table instant.
        let (head, tail) = TableFormatter.shownRows(count: n, maxRows: 20)
        XCTAssertEqual(head, 0..<10)
        XCTAssertEqual(tail, 99_990..<100_000)

        let text = TableFormatter.render(t, maxRows: 20)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3 + 10 + 1 + 10 + 1 + 1)
        XCTAssertEqual(lines.last, "100000 rows (20 shown)")
        XCTAssertTrue(lines[3].hasPrefix("|     0 | 贵阳市"), lines[3])
        XCTAssertEqual(lines[13], "|   ... | ...      |      ... |")
        XCTAssertTrue(lines[23].hasPrefix("| 99999 | Anshun"), lines[23])
        assertAligned(text)

        // The default shows 40 of them; an odd limit keeps the extra row at the top.
        XCTAssertTrue(TableFormatter.render(t).hasSuffix("100000 rows (40 shown)"))
        XCTAssertEqual(TableFormatter.shownRows(count: 10, maxRows: 5).head, 0..<3)
        XCTAssertEqual(TableFormatter.shownRows(count: 10, maxRows: 10).head, 0..<10)
    }

    func testEmptyTableShowsHeaderAndZeroRows() {
        let t = table(["region": strings([]), "n": ints([])])
        XCTAssertEqual(TableFormatter.render(t), """
        +--------+---+
        | region | n |
        +--------+---+
        0 rows
        """)
        let none = Table(schema: Schema(names: [], types: []), columns: [], rowCount: 0)
        XCTAssertEqual(TableFormatter.render(none), "0 rows, 0 columns")
    }

    func testWideTableHidesMiddleColumns() {
        var pairs: [(String, Column)] = [("region", strings(["贵阳市", "六盘水市", "黔西南州"]))]
        for k in 1...11 { pairs.append(("count_\(k)", ints([k * 1000, k, nil]))) }
        let t = Table(schema: Schema(names: pairs.map(\.0), types: pairs.map(\.1.type)), columns: pairs.map(\.1), rowCount: 3)

        let full = TableFormatter.render(t)
        XCTAssertFalse(full.contains("..."))
        XCTAssertGreaterThan(DisplayWidth.of(String(full.split(separator: "\n")[0])), 80)

        let text = TableFormatter.render(t, maxWidth: 80)
        assertAligned(text, maxWidth: 80)
        let header = String(text.split(separator: "\n")[1])
        XCTAssertTrue(header.hasPrefix("| region   | count_1 |"), header)
        XCTAssertTrue(header.hasSuffix("| count_11 |"), header)
        XCTAssertTrue(header.contains("| ... |"), header)
        let shownCount = header.split(separator: "|").count - 1 // minus the `...` column
        XCTAssertTrue(text.hasSuffix("3 rows, 12 columns (\(12 - shownCount) hidden)"), text)

        // A table that fits is untouched by maxWidth.
        XCTAssertEqual(TableFormatter.render(regions, maxWidth: 200), TableFormatter.render(regions))
    }

    func testLongTextIsShortenedToFit() {
        let long = String(repeating: "黔西南布依族苗族自治州", count: 10)
        let t = table(["name": strings([long, "short"]), "n": ints([1, 2])])
        let text = TableFormatter.render(t, maxWidth: 40)
        assertAligned(text, maxWidth: 40)
        XCTAssertTrue(text.contains("...  |") || text.contains("... |"), text)
        XCTAssertTrue(text.contains("| short "), text)

        // Even a single column is cut to the width, keeping whole characters.
        let one = table(["name": strings([long])])
        let narrow = TableFormatter.render(one, maxWidth: 21)
        assertAligned(narrow, maxWidth: 21)
        XCTAssertTrue(narrow.contains("| 黔西南布依族苗... |"), narrow)
    }

    func testDegenerateLimitsDoNotCrash() {
        let none = TableFormatter.render(regions, maxRows: 0)
        XCTAssertEqual(none, "+--------+------+------+\n| region | year | rate |\n+--------+------+------+\n| ...    |  ... |  ... |\n+--------+------+------+\n4 rows (0 shown)")
        for width in [-5, 0, 1, 7, 15] {
            let text = TableFormatter.render(regions, maxRows: 1, maxWidth: width)
            assertAligned(text)
            XCTAssertTrue(text.hasSuffix("4 rows (1 shown), 3 columns (2 hidden)"), text)
        }
    }

    func testDefaultRenderIsWhatPrintShows() {
        XCTAssertEqual(ValueFormatter.display(.table(regions)), TableFormatter.render(regions))
    }
}

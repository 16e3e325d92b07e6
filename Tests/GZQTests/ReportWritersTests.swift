import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest
@testable import GZQ

/// Display formats in markdown and HTML, the SVG and HTML writers' structure, the text chart's
/// width and characters, and `:maxrows` (REFERENCE §15). The SVG and HTML are also rendered for real
/// by `make render-check` (Tests/render/check_rendering.py).
final class ReportWritersTests: XCTestCase {
    private func run(_ source: String, folder: URL? = nil) throws -> (value: Value, output: String) {
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: folder.map { .folders([$0.path]) } ?? .none)
        let interpreter = Interpreter(host: host)
        let value = try interpreter.run(source, name: "<test>")
        return (value, output)
    }

    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    private let formatted = """
        (table({region: ["贵阳市", "遵义|市"], rate: [0.18805, null], n: [18088, 1234567]}) | format rate = pct(2), n = num(0))
        """

    func testMarkdownAppliesFormats() throws {
        guard case .table(let t) = try run(formatted).value else { return XCTFail("not a table") }
        XCTAssertEqual(MarkdownWriter.render(t), """
        | region   |   rate |         n |
        | -------- | -----: | --------: |
        | 贵阳市   | 18.81% |    18,088 |
        | 遵义\\|市 |   null | 1,234,567 |
        """)
    }

    func testWriteMarkdownWritesTheFormattedTable() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("t.md").path
        _ = try run("write_markdown(\(formatted), \"\(path)\")", folder: folder)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("| region "), text)
        XCTAssertTrue(text.contains("| 贵阳市   | 18.81% |    18,088 |"), text)
        XCTAssertTrue(text.hasSuffix("|\n"), "the file ends with a newline")
    }

    func testCSVAndJSONIgnoreFormats() throws {
        guard case .table(let t) = try run(formatted).value else { return XCTFail("not a table") }
        XCTAssertEqual(CSVWriter.render(t), "region,rate,n\n贵阳市,0.18805,18088\n遵义|市,,1234567")
        XCTAssertFalse(JSONWriter.render(.table(t)).contains("%"))
    }

    func testHTMLPageIsSelfContainedAndFormatted() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("r.html").path
        _ = try run("""
            let t = \(formatted)
            let c = chart((table({year: [2017, 2018], rate: [0.2, 0.25]}) | format rate = pct(0)), x: "year", y: "rate", title: "纠错率 <趋势>")
            write_html(["第一段 & more", t, c], "\(path)", title: "报告")
            """, folder: folder)
        let html = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">"))
        XCTAssertFalse(html.lowercased().contains("http"), "no URL of any kind, not even the SVG namespace")
        for reference in ["src=", "href=", "url(", "<link", "<script", "@import"] {
            XCTAssertFalse(html.contains(reference), "found \(reference)")
        }
        XCTAssertTrue(html.contains("<h1>报告</h1>"))
        XCTAssertTrue(html.contains("<p>第一段 &amp; more</p>"))
        XCTAssertTrue(html.contains("<td class=\"num\">18.81%</td><td class=\"num\">18,088</td>"), html)
        XCTAssertTrue(html.contains("<td>遵义|市</td><td class=\"null\">null</td>"))
        XCTAssertTrue(html.contains("纠错率 &lt;趋势&gt;"))
        XCTAssertTrue(html.contains(">25%</text>"), "the y axis is in the column's format")
        let items = ["<p>第一段", "<table>", "<figure>"].map { html.range(of: $0)?.lowerBound }
        XCTAssertEqual(items.compactMap { $0 }.sorted(), items.compactMap { $0 }, "items in order")
        XCTAssertEqual(items.compactMap { $0 }.count, 3)
    }

    func testStandaloneSVGParsesAsXMLWithItsLabels() throws {
        guard case .chart(let c) = try run("""
            chart(table({region: ["贵阳市", "贵阳市", "毕节&市", "毕节&市"], year: [2017, 2018, 2017, 2018], n: [1, 2, 3, null]}),
                  x: "year", y: "n", by: "region", title: "案件")
            """).value else { return XCTFail("not a chart") }
        let svg = SVGChartWriter.render(c, standalone: true)
        let delegate = TextCollector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        XCTAssertTrue(parser.parse(), "SVG is well-formed XML: \(String(describing: parser.parserError))")
        for label in ["案件", "贵阳市", "毕节&市", "2017", "2018", "year", "n"] {
            XCTAssertTrue(delegate.texts.contains(label), "missing label \(label) in \(delegate.texts)")
        }
        XCTAssertEqual(delegate.elements["polyline"], 1, "the second series has one point (a null gap): only the first draws a line")
        XCTAssertEqual(delegate.elements["circle"], 3)
        XCTAssertTrue(svg.contains("font-family=\"'Noto Sans CJK SC'"), "a CJK font stack")
    }

    func testTextChartFitsTheWidthAndUsesOnlyNarrowCharacters() throws {
        guard case .chart(let c) = try run("""
            chart((table({region: ["贵阳市", "贵阳市", "黔西南州", "黔西南州"], year: [2017, 2021, 2017, 2021], r: [0.2, 0.18, 0.16, 0.17]})
                  | format r = pct(1)), x: "year", y: "r", by: "region", title: "纠错率")
            """).value else { return XCTFail("not a chart") }
        for width in [40, 72, 120] {
            let text = TextChart.render(c, width: width)
            for line in text.split(separator: "\n") {
                XCTAssertLessThanOrEqual(DisplayWidth.of(line), width, "line wider than \(width): \(line)")
                for scalar in line.unicodeScalars where scalar.value >= 0x80 {
                    // Braille, or the Chinese of the labels: never ambiguous-width blocks or box drawing.
                    let braille = (0x2800...0x28FF).contains(scalar.value)
                    XCTAssertTrue(braille || DisplayWidth.of(scalar) == 2, "character U+\(String(scalar.value, radix: 16)) in \(line)")
                }
            }
            XCTAssertTrue(text.contains("20.0%"), text)
        }
        let long = Chart(kind: c.kind, title: String(repeating: "标题", count: 40), xName: c.xName, categories: c.categories,
                         yNames: c.yNames, series: c.series, yFormat: c.yFormat, hasLegend: c.hasLegend)
        XCTAssertEqual(TextChart.render(long, width: 50).split(separator: "\n").map { DisplayWidth.of($0) }.max(), 50, "a long title is cut to the width")
    }

    func testMaxRowsMetaCommand() {
        var out = "", err = ""
        let session = Session(interpreter: Interpreter(host: HostConfiguration()), output: { out += $0 }, errorOutput: { err += $0 })
        session.feed("let t = table({n: 1..50})")
        session.feed(":maxrows 2")
        session.feed("t")
        XCTAssertTrue(out.contains("50 rows (2 shown)"), out)
        out = ""
        session.feed(":maxrows 0")
        session.feed("t")
        XCTAssertTrue(out.contains("| 50 |") && out.contains("| 25 |") && !out.contains("shown"), out)
        out = ""
        session.feed(":maxrows")
        XCTAssertEqual(out, "maxrows: 0 (all)\n")
        session.feed(":maxrows many")
        XCTAssertEqual(err, "error[E0970]: :maxrows needs a number of rows (0 shows all), not 'many'\n")
    }

    func testREPLShowsChartsAsTextFittedToTheTerminal() {
        var out = ""
        let session = Session(interpreter: Interpreter(host: HostConfiguration()), output: { out += $0 })
        session.maxWidth = 50
        session.feed("chart(table({x: [1, 2, 3], y: [1, 4, 9]}), x: \"x\", y: \"y\")")
        let lines = out.split(separator: "\n")
        XCTAssertGreaterThan(lines.count, 10)
        XCTAssertEqual(lines.map { DisplayWidth.of($0) }.max(), 50, out)
    }

    /// Above the auto engine's threshold the fast path runs where, derive and select; the
    /// formats it leaves must be the tree path's, stage by stage.
    func testFormatsPropagateAlikeOnBothEnginesAtFastPathSizes() throws {
        let source = """
            let n = 6000
            let t = table({id: 0..(n - 1), rate: map(0..(n - 1), fn(i) { i / n }), cases: map(0..(n - 1), fn(i) { i * 7 })})
              | format rate = pct(1), cases = num(0)
            let other = table({id: [1, 2, 3], money: [150000000, 2, 3]}) | format money = cn(1)
            [(t | where rate > 0.5),
             (t | derive cases = cases + 1, extra = rate * 2),
             (t | select id, rate, doubled = cases * 2),
             (t | where cases > 10 | sort rate desc | take 5),
             (t | join other on id),
             (t | where rate < 0.1 | summarize total = sum(cases))]
            """
        var results: [Engine: [Table]] = [:]
        var programs: [Engine: [String]] = [:]
        for engine in [Engine.tree, .auto, .vector] {
            let host = HostConfiguration()
            host.engine = engine
            host.bytecodeTrace = { programs[engine, default: []].append(String($0.prefix { $0 != ":" })) }
            guard case .list(let l) = try Interpreter(host: host).run(source, name: "<parity>") else { return XCTFail("not a list") }
            results[engine] = l.items.compactMap { if case .table(let t) = $0 { return t } else { return nil } }
        }
        XCTAssertNil(programs[.tree])
        XCTAssertEqual(Set(programs[.auto] ?? []), ["where", "column", "summarize"], "the fast path ran where, computed columns and summarize")
        let tree = try XCTUnwrap(results[.tree])
        XCTAssertEqual(tree.count, 6)
        XCTAssertEqual(tree[0].displayFormats, [nil, .pct(1), .num(0)])
        XCTAssertEqual(tree[1].displayFormats, [nil, .pct(1), nil, nil])
        XCTAssertEqual(tree[2].displayFormats, [nil, .pct(1), nil])
        XCTAssertEqual(tree[4].displayFormats, [nil, .pct(1), .num(0), .cn(1)])
        XCTAssertEqual(tree[5].displayFormats, [nil])
        for engine in [Engine.auto, .vector] {
            let other = try XCTUnwrap(results[engine])
            for (k, (a, b)) in zip(tree, other).enumerated() {
                XCTAssertEqual(a.displayFormats, b.displayFormats, "result \(k), engine \(engine)")
                XCTAssertEqual(TableFormatter.render(a), TableFormatter.render(b), "result \(k), engine \(engine)")
            }
        }
    }

    private final class TextCollector: NSObject, XMLParserDelegate {
        var texts: [String] = []
        var elements: [String: Int] = [:]
        private var current: String?
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements[name, default: 0] += 1
            if name == "text" { current = "" }
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { current? += string }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            if name == "text", let current { texts.append(current) }
            current = nil
        }
    }
}

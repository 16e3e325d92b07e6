import Foundation
import XCTest
@testable import GZQ

/// gzq's statistics against values computed without gzq.
///
/// `reference/values.json` is written by `reference/compute_reference.py`, which computes every
/// figure exactly (Python fractions, or decimals at 60 digits for cagr's power) and rounds it
/// once, after checking it against Python's `statistics` module (and numpy). Each value here
/// must agree to 1e-12 relative. The list forms, the aggregate forms (summarize) and the window
/// forms (derive) are checked, under both engines where a stage is involved.
final class NumericReferenceTests: XCTestCase {
    static let referenceFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("reference/values.json")
    static let tolerance = 1e-12

    static func section(_ name: String) throws -> [[String: Any]] {
        let data = try Data(contentsOf: referenceFile)
        let root = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        return try XCTUnwrap(root[name] as? [[String: Any]], "values.json has no section '\(name)'")
    }

    /// Runs `source` in a fresh interpreter and returns its value.
    static func eval(_ source: String, engine: Engine = .tree) throws -> Value {
        let host = HostConfiguration(output: { _ in })
        host.engine = engine
        return try Interpreter(host: host).run(source, name: "<reference>")
    }

    /// `got` equals `expected` (a JSON number or null) to the relative tolerance.
    func assertClose(_ got: Value?, _ expected: Any?, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        let want = (expected as? NSNumber)?.doubleValue
        let have: Double?
        switch got {
        case .float(let d)?: have = d
        case .int(let i)?: have = Double(i)
        default: have = nil
        }
        guard let want else {
            XCTAssertTrue(got == nil || got?.isNull == true, "\(label): expected null, got \(got.map(ValueFormatter.display) ?? "nothing")", file: file, line: line)
            return
        }
        guard let have else {
            XCTFail("\(label): expected \(want), got \(got.map(ValueFormatter.display) ?? "nothing")", file: file, line: line)
            return
        }
        let scale = max(abs(want), abs(have))
        XCTAssertTrue(abs(have - want) <= Self.tolerance * scale,
                      "\(label): got \(have), expected \(want) (relative error \(scale == 0 ? 0 : abs(have - want) / scale))",
                      file: file, line: line)
    }

    func field(_ value: Value, _ key: String) -> Value? {
        guard case .record(let r) = value else { return nil }
        return r[key]
    }

    func items(_ value: Value) -> [Value] {
        guard case .list(let l) = value else { return [] }
        return l.items
    }

    func checkLine(_ line: Value, _ c: [String: Any], _ label: String) {
        assertClose(field(line, "slope"), c["slope"], label + " slope")
        assertClose(field(line, "intercept"), c["intercept"], label + " intercept")
        assertClose(field(line, "r2"), c["r2"], label + " r2")
        assertClose(field(line, "n"), c["n"], label + " n")
    }

    func testTrendAndForecastLists() throws {
        for c in try Self.section("trend") {
            let name = c["name"] as? String ?? "?", xs = c["xs_gzq"] as? String ?? "", ys = c["ys_gzq"] as? String ?? ""
            checkLine(try Self.eval("trend(\(xs), \(ys))"), c, name)
            for point in c["forecast"] as? [[String: Any]] ?? [] {
                let at = (point["at"] as? NSNumber)?.stringValue ?? "null"
                assertClose(try Self.eval("forecast(\(xs), \(ys), \(at))"), point["value"], "\(name) forecast at \(at)")
            }
        }
    }

    func testTrendAndForecastAggregates() throws {
        for engine in [Engine.tree, .vector] {
            for c in try Self.section("trend") {
                let name = "\(c["name"] as? String ?? "?") [\(engine)]"
                let data = "table({x: \(c["xs_gzq"] as? String ?? ""), y: \(c["ys_gzq"] as? String ?? "")})"
                let line = try Self.eval("(\(data) | summarize line = trend(x, y))[0].line", engine: engine)
                checkLine(line, c, name + " summarize")
                for point in c["forecast"] as? [[String: Any]] ?? [] {
                    let at = (point["at"] as? NSNumber)?.stringValue ?? "null"
                    let got = try Self.eval("(\(data) | summarize f = forecast(x, y, \(at)))[0].f", engine: engine)
                    assertClose(got, point["value"], "\(name) summarize forecast at \(at)")
                    // In derive every row gets the partition's line at its own `at`.
                    let rows = try Self.eval("(\(data) | derive f = forecast(x, y, \(at) + 0 * row_number())).f", engine: engine)
                    for (i, value) in items(rows).enumerated() { assertClose(value, point["value"], "\(name) derive forecast row \(i)") }
                }
            }
        }
    }

    func testVarianceStddevMedian() throws {
        for c in try Self.section("spread") {
            let name = c["name"] as? String ?? "?", xs = c["xs_gzq"] as? String ?? ""
            assertClose(try Self.eval("var(\(xs))"), c["var"], name + " var")
            assertClose(try Self.eval("stddev(\(xs))"), c["stddev"], name + " stddev")
            assertClose(try Self.eval("median(\(xs))"), c["median"], name + " median")
            for engine in [Engine.tree, .vector] {
                let row = try Self.eval("(table({x: \(xs)}) | summarize v = var(x), s = stddev(x), m = median(x))[0]", engine: engine)
                assertClose(field(row, "v"), c["var"], "\(name) summarize var [\(engine)]")
                assertClose(field(row, "s"), c["stddev"], "\(name) summarize stddev [\(engine)]")
                assertClose(field(row, "m"), c["median"], "\(name) summarize median [\(engine)]")
            }
        }
    }

    func testCagr() throws {
        for c in try Self.section("cagr") {
            let args = ["first", "last", "periods"].map { (c[$0] as? NSNumber)?.stringValue ?? "null" }
            // NSNumber prints integral doubles without a fraction; gzq reads either as the same number.
            assertClose(try Self.eval("cagr(\(args.joined(separator: ", ")))"), c["value"], "\(c["name"] as? String ?? "?") cagr")
        }
    }

    func testMovingAverage() throws {
        for engine in [Engine.tree, .vector] {
            for c in try Self.section("moving_avg") {
                let name = c["name"] as? String ?? "?", n = (c["n"] as? NSNumber)?.intValue ?? 0
                let got = items(try Self.eval("(table({x: \(c["xs_gzq"] as? String ?? "")}) | derive m = moving_avg(x, \(n))).m", engine: engine))
                let want = c["values"] as? [Any] ?? []
                XCTAssertEqual(got.count, want.count, "\(name): row count")
                for (i, (value, expected)) in zip(got, want).enumerated() {
                    assertClose(value, expected is NSNull ? nil : expected, "\(name)[\(i)] [\(engine)]")
                }
            }
        }
    }
}

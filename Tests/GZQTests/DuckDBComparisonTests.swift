import Foundation
import XCTest
@testable import GZQ

/// The report-table stages against DuckDB where SQL has the same thing: `total` against
/// GROUPING SETS / ROLLUP, `take n by` against QUALIFY row_number() <= n, every join kind
/// against SQL's joins (null keys included), `complete` against a cross join of keys and
/// values. Both sides run on the same CSV files; answers are compared as multisets of rows
/// (SQL leaves the order open; the conformance files pin gzq's order). Needs python3 with the
/// duckdb package, which `make test` installs; without it the test fails, it never skips.
final class DuckDBComparisonTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The small tables, with null keys where they matter; gzq writes them for DuckDB to read.
    static let setup = """
        let L = table({region: ["遵义市", "贵阳市", null, "安顺市", "贵阳市", "毕节市", "铜仁市"],
                       year: [2021, 2021, 2021, 2020, 2020, null, 2021], n: [1, 2, 3, 4, 5, 6, 7]})
        let R = table({city: ["毕节市", "贵阳市", null, "遵义市", "贵阳市", "安顺市", "贵阳市"],
                       year: [2021, 2021, 2021, 2021, 2020, 2021, 2021], target: [0.7, 0.8, 0.9, 0.6, 0.85, 0.5, 0.95]})
        let G = table({level: ["省级", "市级", null, "市级", null, "县级", "市级", "县级"],
                       name: ["a", "b", "c", "d", "e", "f", "g", "h"], rate: [0.9, 0.8, 0.7, 0.95, 0.6, 0.85, 0.75, 0.5]})
        let C = table({region: ["a", "b", "a", "c"], year: [2017, 2019, 2019, 2021], n: [1, 2, 3, 4]})
        """

    static let cases: [(name: String, gzq: String, sql: String)] = [
        ("total, two keys, rate from the sums",
         #"cases | where year >= 2019 | summarize concluded = sum(concluded), corrected = sum(corrected), r = rate(sum(corrected), sum(concluded)), n = count() by region, year total "全省""#,
         #"SELECT CASE WHEN GROUPING(region) = 1 THEN '全省' ELSE region END AS region, year, sum(concluded) AS concluded, sum(corrected) AS corrected, sum(corrected) / sum(concluded) AS r, count(*) AS n FROM cases WHERE year >= 2019 GROUP BY GROUPING SETS ((region, year), ())"#),
        ("total, int key and label",
         "cases | summarize received = sum(received), top = max(received), mean = avg(received) by year total 0",
         "SELECT CASE WHEN GROUPING(year) = 1 THEN 0 ELSE year END AS year, sum(received) AS received, max(received) AS top, avg(received) AS mean FROM cases GROUP BY ROLLUP (year)"),
        ("take n by, after a sort",
         "cases | sort corrected desc, region | take 2 by year",
         "SELECT * FROM cases QUALIFY row_number() OVER (PARTITION BY year ORDER BY corrected DESC, region) <= 2"),
        ("take n by with a null partition",
         "G | sort rate desc | take 2 by level",
         "SELECT * FROM G QUALIFY row_number() OVER (PARTITION BY level ORDER BY rate DESC) <= 2"),
        ("join inner",
         "L | join inner R on region == city, year",
         "SELECT L.region, L.year, L.n, R.target FROM L JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join left",
         "L | join left R on region == city, year",
         "SELECT L.region, L.year, L.n, R.target FROM L LEFT JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join right",
         "L | join right R on region == city, year",
         "SELECT COALESCE(L.region, R.city) AS region, COALESCE(L.year, R.year) AS year, L.n, R.target FROM L RIGHT JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join full",
         "L | join full R on region == city, year",
         "SELECT COALESCE(L.region, R.city) AS region, COALESCE(L.year, R.year) AS year, L.n, R.target FROM L FULL JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join semi",
         "L | join semi R on region == city, year",
         "SELECT * FROM L SEMI JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join anti",
         "L | join anti R on region == city, year",
         "SELECT * FROM L ANTI JOIN R ON L.region = R.city AND L.year = R.year"),
        ("join on one same-named key",
         "L | join full (R | rename region = city) on region",
         "SELECT COALESCE(L.region, R.city) AS region, L.year, L.n, R.year AS year_right, R.target FROM L FULL JOIN R ON L.region = R.city"),
        ("complete years by region",
         "C | complete year = 2017..2021 by region",
         "SELECT k.region, y.year, C.n FROM (SELECT DISTINCT region FROM C) k CROSS JOIN (SELECT unnest(range(2017, 2022)) AS year) y LEFT JOIN C ON C.region = k.region AND C.year = y.year"),
    ]

    func testStagesAgreeWithDuckDB() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-duckdb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let casesPath = Self.root.appendingPathComponent("Samples/data/review_cases.csv").path

        let gzq = Interpreter(host: HostConfiguration(fileAccess: .unrestricted))
        try gzq.run(Self.setup + "\nlet cases = read_csv(\"\(casesPath)\")", name: "setup.gzq")
        var tables = ["cases": casesPath]
        for name in ["L", "R", "G", "C"] {
            let path = folder.appendingPathComponent(name + ".csv").path
            try gzq.run("write_csv(\(name), \"\(path)\")", name: "write.gzq")
            tables[name] = path
        }
        let answers = try duckdb(tables: tables, queries: Self.cases.map(\.sql))
        XCTAssertEqual(answers.count, Self.cases.count)
        for engine in [Engine.tree, .vector] {
            gzq.host.engine = engine
            for (c, answer) in zip(Self.cases, answers) {
                guard case .table(let table) = try gzq.evaluate(c.gzq) else { XCTFail("\(c.name): not a table"); continue }
                XCTAssertEqual(table.schema.names, answer.columns, "\(c.name): columns")
                let mine = (0..<table.rowCount).map { i in table.columns.map { Self.canonical($0.value(at: i)) } }
                XCTAssertGreaterThan(mine.count, 0, "\(c.name): an empty answer proves little")
                XCTAssertEqual(Self.sortedRows(mine), Self.sortedRows(answer.rows), "\(c.name) [engine \(engine)]")
            }
        }
    }

    /// One cell as text both sides agree on: numbers to 12 significant digits (ints and floats
    /// alike: DuckDB's avg of ints is a double as gzq's is), strings quoted, null as null.
    static func canonical(_ v: Value) -> String {
        switch v {
        case .null: return "null"
        case .int(let i): return String(format: "%.12g", Double(i))
        case .float(let d): return String(format: "%.12g", d)
        case .string(let s): return "\"\(s.value)\""
        default: return ValueFormatter.literal(v)
        }
    }

    static func canonical(json: Any) -> String {
        switch json {
        case is NSNull: return "null"
        case let s as String: return "\"\(s)\""
        case let n as NSNumber: return String(format: "%.12g", n.doubleValue)
        default: return "\(json)"
        }
    }

    static func sortedRows(_ rows: [[String]]) -> [String] {
        rows.map { $0.joined(separator: " | ") }.sorted()
    }

    private func duckdb(tables: [String: String], queries: [String]) throws -> [(columns: [String], rows: [[String]])] {
        let script = Self.root.appendingPathComponent("Tests/GZQTests/reference/duckdb_queries.py").path
        let request = try JSONSerialization.data(withJSONObject: ["tables": tables, "queries": queries])
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        input.fileHandleForWriting.write(request)
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        let errorText = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            XCTFail("DuckDB reference failed (make test installs duckdb: python3 -m pip install duckdb):\n\(errorText)")
            return []
        }
        let results = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        return try results.map { result in
            let columns = try XCTUnwrap(result["columns"] as? [String])
            let rows = try XCTUnwrap(result["rows"] as? [[Any]])
            return (columns, rows.map { $0.map { Self.canonical(json: $0) } })
        }
    }
}

import Foundation
import XCTest
@testable import GZQ

/// `sql(r)` for each stage, in both dialects. The SQLite text is also run and must give the
/// local engine's rows; the PostgreSQL text is compiled against the same schema (read from a
/// real SQLite database spelled as PostgreSQL) and run against a server by the PostgreSQL tests.
final class SQLGoldenTests: XCTestCase {
    static let setup = """
    let cases = table({region: ["贵阳市", "遵义市", "毕节市", "贵阳市"], year: [2020, 2021, 2021, 2021], corrected: [195, 130, null, 193],
                       concluded: [924, 715, 600, 1026], closed: [@2020-12-31, @2021-06-30, null, @2021-12-31]})
    let regions = table({region: ["贵阳市", "遵义市"], 人口: [598, 660]})
    """

    /// The SQL a pipeline over `db.cases` compiles to in a dialect.
    func sqlOf(_ pipeline: String, _ dialect: SQLDialect) throws -> String {
        let database = try SQLiteDatabase(path: ":memory:", spelledAs: dialect)
        let interpreter = Interpreter(host: HostConfiguration(fileAccess: .unrestricted))
        interpreter.setGlobal("db", .database(DatabaseHandle(database)))
        _ = try interpreter.run(Self.setup + "\nwrite_table(db, \"cases\", cases)\nwrite_table(db, \"regions\", regions)")
        // A pipeline that is not pushed whole ran locally from some stage on: say so.
        return try interpreter.run("let r = db.cases | \(pipeline); if type(r) == \"remote_table\" { sql(r) } else { \"(not pushed whole: the rows were pulled and the rest ran locally)\" }").stringValue ?? "?"
    }

    /// The rows a pipeline gives on SQLite and locally, each printed.
    func rowsOf(_ pipeline: String) throws -> (remote: String, local: String) {
        var output = ""
        let interpreter = Interpreter(host: HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted))
        _ = try interpreter.run(Self.setup + """

        let db = sqlite(":memory:")
        write_table(db, "cases", cases)
        write_table(db, "regions", regions)
        let dbregions = db.regions
        print(collect(db.cases | \(pipeline.replacingOccurrences(of: "db.regions", with: "dbregions"))))
        print("--")
        print(cases | \(pipeline.replacingOccurrences(of: "db.regions", with: "regions")))
        """)
        let parts = output.components(separatedBy: "--\n")
        return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
    }

    static let pipelines: [String] = [
        "where year == 2021 and corrected > 150",
        "where region != \"贵阳市\" or corrected == null",
        "where region < \"遵义市\"",
        "where year in [2020, 2022] and closed >= @2021-01-01",
        "select region, r = rate(corrected, concluded)",
        "derive c = change(concluded, corrected), p = pp(0.5, rate(corrected, concluded)), k = corrected ?? 0",
        "derive q = concluded // 7, m = concluded mod 7, h = round(concluded / 7, 2), y = year(closed)",
        "summarize n = count(), c = sum(corrected), r = rate(sum(corrected), sum(concluded)), a = avg(corrected) by region | sort region",
        "summarize n = count(), mx = max(region), d = count_distinct(region)",
        "sort corrected desc, region",
        "sort year | take 2",
        "select region | distinct",
        "sort concluded | select region | distinct",
        "rename 地区 = region, 年 = year | drop closed",
        "join db.regions on region",
        "join left db.regions on region | sort concluded",
        "summarize n = count() by region | where n > 1",
        // Int arithmetic may overflow; a where would let SQL skip the rows it fails on, so the rows are pulled.
        "derive d = corrected - 1 | where d > 100",
        "sort year, region | derive prev = lag(corrected), next = lead(corrected, 1), d = diff(corrected), cs = cumsum(corrected) by region",
        "sort year, region | derive rn = row_number(), rk = rank(concluded, desc: true), sh = share(concluded), ma = moving_avg(concluded, 2), g = yoy(concluded)",
        // A window sorted on, then another window: the second ORDER BY must not hold the first window (regression).
        "sort concluded | derive rn = row_number() | sort rn desc | derive prev = lag(region)",
        "where year == 2021 | derive total = sum(concluded), s = share(concluded) by year | sort s desc",
        "derive rk = rank(concluded) by year | sort rk, region | take 1",
    ]

    func testEachStageInBothDialects() throws {
        var out = ""
        for p in Self.pipelines {
            out += "gzq: \(p)\nsqlite: \(try sqlOf(p, .sqlite))\npostgres: \(try sqlOf(p, .postgres))\n\n"
        }
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("reference/sql_golden.txt")
        if ProcessInfo.processInfo.environment["GZQ_WRITE_GOLDEN"] != nil { try out.write(to: golden, atomically: true, encoding: .utf8) }
        XCTAssertEqual(out, try String(contentsOf: golden, encoding: .utf8))
    }

    func testSQLiteTextGivesTheLocalRows() throws {
        for p in Self.pipelines {
            let (remote, local) = try rowsOf(p)
            XCTAssertFalse(remote.isEmpty, p)
            // Rows in the same order: every pipeline here orders its rows, or has one row per key
            // (summarize orders by key; local keeps first appearance, which is key order here).
            XCTAssertEqual(remote, local, p)
        }
    }
}

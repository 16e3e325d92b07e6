import Foundation
import XCTest
@testable import GZQ

/// The REPL with databases: a remote table shows its rows, `:sql` its SQL, `:schema` its
/// columns (from the query, without running it), and completion offers its columns.
final class SQLSessionTests: XCTestCase {
    func testSQLSchemaAndRows() {
        let h = SessionTests.Harness()
        h.feed(#"let db = sqlite(":memory:")"#, #"write_table(db, "cases", table({region: ["贵阳市", "遵义市"], n: [1, 2]}))"#)
        let rows = h.feed("db.cases | where n > 1")
        XCTAssertEqual(rows.out, """
        +--------+---+
        | region | n |
        +--------+---+
        | 遵义市 | 2 |
        +--------+---+

        """, rows.err)
        XCTAssertEqual(h.feed(":sql").out, "SELECT \"t0\".\"region\", \"t0\".\"n\" FROM \"cases\" AS \"t0\" WHERE ((\"t0\".\"n\" > ?))\n")
        XCTAssertEqual(h.feed(":sql db.cases | sort n desc").out,
                       "SELECT \"t0\".\"region\", \"t0\".\"n\" FROM \"cases\" AS \"t0\" ORDER BY \"t0\".\"n\" DESC NULLS LAST\n")
        XCTAssertEqual(h.feed(":schema db.cases | derive r = n / 2").out, """
        +--------+--------+
        | name   | type   |
        +--------+--------+
        | region | string |
        | n      | int    |
        | r      | float  |
        +--------+--------+

        """)
        let local = h.feed(":sql 1 + 1")
        XCTAssertEqual(local.out, "")
        XCTAssertTrue(local.err.contains(":sql needs a remote table"), local.err)
    }

    func testCompletionOffersRemoteColumns() {
        let h = SessionTests.Harness()
        h.feed(#"let db = sqlite(":memory:")"#, #"write_table(db, "cases", table({地区: ["贵阳市"], corrected: [1]}))"#, "let r = db.cases")
        XCTAssertTrue(h.session.completions(before: "r | where corr").candidates.contains("corrected"))
        XCTAssertTrue(h.session.completions(before: "db.").candidates.contains("cases"))
    }
}

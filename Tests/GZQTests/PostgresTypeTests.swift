import Foundation
import XCTest
@testable import GZQ

/// The type mapping of PostgresDatabase against the real server (make test starts it):
/// results typed by their PostgreSQL types, tables written and read back unchanged,
/// parameters bound (never spliced into the SQL), types gzq cannot read refused by name.
final class PostgresTypeTests: XCTestCase {
    private var db: PostgresDatabase!

    override func setUpWithError() throws {
        db = try PostgresTestServer.connect()
    }

    override func tearDown() {
        db?.close()
    }

    private func column(_ t: Table, _ name: String) -> [Value] {
        t.column(named: name)?.values ?? []
    }

    func testResultColumnsTakeTheirTypesFromPostgres() throws {
        let t = try db.query("""
            SELECT 1::int2 AS a, 2::int4 AS b, 9223372036854775807::int8 AS c, (-9223372036854775808)::int8 AS c2,
                   1.5::float4 AS d, 0.1::float8 AS e, 12345.678::numeric AS f, true AS g, false AS g2,
                   '贵阳市'::text AS h, 'ab'::varchar(5) AS i, 'x'::char(3) AS j, 'nm'::name AS k,
                   DATE '2021-06-30' AS l, DATE '0044-03-15 BC' AS m, DATE '12021-01-02' AS n
            """, parameters: [], timeout: nil)
        XCTAssertEqual(t.schema.names, ["a", "b", "c", "c2", "d", "e", "f", "g", "g2", "h", "i", "j", "k", "l", "m", "n"])
        XCTAssertEqual(t.schema.types, [.int, .int, .int, .int, .float, .float, .float, .bool, .bool, .string, .string, .string, .string, .date, .date, .date])
        XCTAssertEqual(t.row(0).description, Value.record(keys: t.schema.names, values: [
            .int(1), .int(2), .int(Int.max), .int(Int.min), .float(1.5), .float(0.1), .float(12345.678), .bool(true), .bool(false),
            .str("贵阳市"), .str("ab"), .str("x  "), .str("nm"),
            .date(CivilDate.days(year: 2021, month: 6, day: 30)!), .date(CivilDate.days(year: -43, month: 3, day: 15)!),
            .date(CivilDate.days(year: 12021, month: 1, day: 2)!),
        ]).description)
    }

    func testAllNullColumnsKeepTheirTypes() throws {
        let t = try db.query("SELECT NULL::bigint AS n, NULL::date AS d, NULL::boolean AS b, NULL::float8 AS f FROM generate_series(1, 3)",
                             parameters: [], timeout: nil)
        XCTAssertEqual(t.rowCount, 3)
        XCTAssertEqual(t.schema.types, [.int, .date, .bool, .float])
        XCTAssertTrue(t.columns.allSatisfy { $0.values.allSatisfy(\.isNull) })
    }

    func testNonFiniteFloatsAndNumericNaN() throws {
        let t = try db.query("SELECT 'Infinity'::float8 AS a, '-Infinity'::float8 AS b, 'NaN'::float8 AS c, 'NaN'::numeric AS d",
                             parameters: [], timeout: nil)
        guard case .float(let a) = t.columns[0].value(at: 0), case .float(let b) = t.columns[1].value(at: 0),
              case .float(let c) = t.columns[2].value(at: 0), case .float(let d) = t.columns[3].value(at: 0) else {
            return XCTFail("not floats: \(t.row(0))")
        }
        XCTAssertEqual(a, .infinity)
        XCTAssertEqual(b, -.infinity)
        XCTAssertTrue(c.isNaN && d.isNaN)
    }

    func testWrittenTableReadsBackIdentically() throws {
        let name = PostgresTestServer.uniqueName("往返")
        let names = ["区县", "年份\"x", "件数", "比率", "已纠正", "日期", "备注"]
        let columns: [[Value]] = [
            [.str("南明区"), .str("威宁县"), .null, .str("tab\there"), .str("line\nbreak\\back\r")],
            [.int(2021), .int(Int.max), .int(Int.min), .null, .int(0)],
            [.int(1), .int(2), .int(3), .int(4), .int(5)],
            [.float(0.1), .float(-1e300), .null, .float(3), .float(1.0 / 3)],
            [.bool(true), .bool(false), .null, .bool(true), .bool(false)],
            [.date(CivilDate.days(year: 2021, month: 6, day: 30)!), .null, .date(0), .date(CivilDate.days(year: 0, month: 1, day: 1)!),
             .date(CivilDate.days(year: 2024, month: 2, day: 29)!)],
            [.null, .null, .null, .null, .null],
        ]
        let table = try Table.build(names: names, columns: columns)
        try db.write(table, named: name, mode: .create)

        let back = try db.query("SELECT * FROM \(SQLDialect.postgres.quoteIdentifier(name)) ORDER BY \"件数\"", parameters: [], timeout: nil)
        XCTAssertEqual(back.schema.names, names)
        XCTAssertEqual(back.schema.types, table.schema.types)
        XCTAssertTrue(back.isEqual(to: table), "read back:\n\(Value.table(back))")

        let schema = try XCTUnwrap(db.schema(ofTable: name))
        XCTAssertEqual(schema.names, names)
        XCTAssertEqual(schema.types, [.string, .int, .int, .float, .bool, .date, .string])
        XCTAssertTrue(try db.tableNames().contains(name))
        XCTAssertNil(try db.schema(ofTable: name + "不存在"))
    }

    func testLargeWriteSpansSeveralCopyChunks() throws {
        let name = PostgresTestServer.uniqueName("大表")
        let regions = ["贵阳市", "遵义市", "毕节市", "黔南州", "六盘水市"]
        let n = 100_000
        let table = try Table.build(names: ["id", "地区", "率"], columns: [
            (0..<n).map { .int($0) }, (0..<n).map { .str(regions[$0 % regions.count]) }, (0..<n).map { $0 % 7 == 0 ? .null : .float(Double($0) / 8) },
        ])
        try db.write(table, named: name, mode: .create)
        let quoted = SQLDialect.postgres.quoteIdentifier(name)
        let totals = try db.query("SELECT count(*) AS n, sum(id)::bigint AS s, count(DISTINCT \"地区\") AS r, count(\"率\") AS f FROM \(quoted)",
                                  parameters: [], timeout: nil)
        XCTAssertEqual(totals.row(0).description, Value.record(keys: ["n", "s", "r", "f"],
                       values: [.int(n), .int(n * (n - 1) / 2), .int(5), .int(n - (n + 6) / 7)]).description)
        let back = try db.query("SELECT * FROM \(quoted) ORDER BY id", parameters: [], timeout: nil)
        XCTAssertTrue(back.isEqual(to: table))
        // A write after a query with a tiny timeout is not bound by it.
        _ = try db.query("SELECT 1 AS one", parameters: [], timeout: 0.001)
        try db.write(table, named: name, mode: .replace)
    }

    func testReplaceAndAppend() throws {
        let name = PostgresTestServer.uniqueName("追加")
        let first = try Table.build(names: ["地区", "n"], columns: [[.str("贵阳市")], [.int(1)]])
        try db.write(first, named: name, mode: .create)
        assertDatabaseError(.query) { try db.write(first, named: name, mode: .create) }     // exists already
        try db.write(first, named: name, mode: .append)
        let count = try db.query("SELECT count(*) AS n FROM \(SQLDialect.postgres.quoteIdentifier(name))", parameters: [], timeout: nil)
        XCTAssertEqual(count.columns[0].values.first?.description, "2")

        let other = try Table.build(names: ["地区", "率"], columns: [[.str("遵义市")], [.float(0.5)]])
        let mismatch = assertDatabaseError(.usage) { try db.write(other, named: name, mode: .append) }
        XCTAssertTrue(mismatch?.message.contains("率 float") == true, mismatch?.message ?? "")

        try db.write(other, named: name, mode: .replace)
        let replaced = try db.query("SELECT * FROM \(SQLDialect.postgres.quoteIdentifier(name))", parameters: [], timeout: nil)
        XCTAssertTrue(replaced.isEqual(to: other))
        assertDatabaseError(.usage) { try db.write(other, named: name + "无", mode: .append) }
    }

    func testParametersAreBoundNotSpliced() throws {
        let name = PostgresTestServer.uniqueName("注入")
        let table = try Table.build(names: ["名称"], columns: [[.str("甲"), .str("乙")]])
        try db.write(table, named: name, mode: .create)
        let quoted = SQLDialect.postgres.quoteIdentifier(name)
        let hostile = ["'; DROP TABLE \(quoted); --", "\" OR 1=1 --", "甲' OR '1'='1", "x; DELETE FROM \(quoted)", "-- 甲"]
        for text in hostile {
            let t = try db.query("SELECT $1::text AS echo, (SELECT count(*) FROM \(quoted) WHERE \"名称\" = $1) AS hits",
                                 parameters: [.str(text)], timeout: nil)
            XCTAssertEqual(t.columns[0].values.first?.stringValue, text)
            XCTAssertEqual(t.columns[1].values.first?.description, "0", text)
        }
        let still = try db.query("SELECT \"名称\" FROM \(quoted) ORDER BY 1", parameters: [], timeout: nil)
        XCTAssertEqual(still.rowCount, 2)
        let match = try db.query("SELECT count(*) AS n FROM \(quoted) WHERE \"名称\" = $1", parameters: [.str("乙")], timeout: nil)
        XCTAssertEqual(match.columns[0].values.first?.description, "1")
    }

    func testHostileTableAndColumnNamesStayNames() throws {
        let victim = PostgresTestServer.uniqueName("受害")
        try db.write(try Table.build(names: ["x"], columns: [[.int(1)]]), named: victim, mode: .create)
        let quotedVictim = SQLDialect.postgres.quoteIdentifier(victim)
        let hostile = "t\"; DROP TABLE \(quotedVictim); --\(UUID().uuidString.prefix(6))"
        let column = "c\" bigint); DROP TABLE \(quotedVictim); --"
        let table = try Table.build(names: [column, "说明"], columns: [[.int(7)], [.str("'); DROP TABLE x; --")]])
        try db.write(table, named: hostile, mode: .create)
        try db.write(table, named: hostile, mode: .append)
        try db.write(table, named: hostile, mode: .replace)
        XCTAssertEqual(try db.schema(ofTable: hostile)?.names, [column, "说明"])
        XCTAssertNotNil(try db.schema(ofTable: victim))
        let back = try db.query("SELECT * FROM \(SQLDialect.postgres.quoteIdentifier(hostile))", parameters: [], timeout: nil)
        XCTAssertTrue(back.isEqual(to: table))
        // A second statement in query() is refused by the server, not run.
        let twice = assertDatabaseError(.query) { try db.query("SELECT 1; DROP TABLE \(quotedVictim)", parameters: [], timeout: nil) }
        XCTAssertEqual(twice?.message, "cannot insert multiple commands into a prepared statement")
        XCTAssertNotNil(try db.schema(ofTable: victim))
    }

    func testTypedParametersReachTheServerAsTheirTypes() throws {
        let day = CivilDate.days(year: 2021, month: 6, day: 30)!
        let t = try db.query("SELECT pg_typeof($1)::text AS a, pg_typeof($2)::text AS b, pg_typeof($3)::text AS c, pg_typeof($4)::text AS d, "
                             + "$1 + 1 AS i, $2 * 2 AS f, NOT $3 AS nb, $4 + 1 AS next, $5::text IS NULL AS isnull",
                             parameters: [.int(Int.max - 1), .float(0.1), .bool(true), .date(day), .null], timeout: nil)
        XCTAssertEqual(t.row(0).description, Value.record(keys: ["a", "b", "c", "d", "i", "f", "nb", "next", "isnull"], values: [
            .str("bigint"), .str("double precision"), .str("boolean"), .str("date"), .int(Int.max), .float(0.2), .bool(false), .date(day + 1), .bool(true),
        ]).description)
        assertDatabaseError(.usage) { try db.query("SELECT $1", parameters: [.list([.int(1)])], timeout: nil) }
        assertDatabaseError(.usage) { try db.query("SELECT $1::text", parameters: [.str("a\u{0}b")], timeout: nil) }
    }

    func testUnknownTypesAreRefusedByColumnAndType() throws {
        let array = assertDatabaseError(.unsupportedType) { try db.query("SELECT '{1}'::int[] AS 数组", parameters: [], timeout: nil) }
        XCTAssertEqual(array?.message.contains("column '数组' has PostgreSQL type integer[]"), true, array?.message ?? "")
        let point = assertDatabaseError(.unsupportedType) { try db.query("SELECT 1 AS ok, point(1, 2) AS p", parameters: [], timeout: nil) }
        XCTAssertEqual(point?.message.contains("column 'p' has PostgreSQL type point"), true, point?.message ?? "")
        // The connection is still usable.
        XCTAssertEqual(try db.query("SELECT 1 AS one", parameters: [], timeout: nil).rowCount, 1)

        let name = PostgresTestServer.uniqueName("几何")
        _ = try db.query("CREATE TABLE \(SQLDialect.postgres.quoteIdentifier(name)) (a int, p point)", parameters: [], timeout: nil)
        let schema = assertDatabaseError(.unsupportedType) { try db.schema(ofTable: name) }
        XCTAssertEqual(schema?.message.contains("column 'p'"), true, schema?.message ?? "")
    }

    func testBigintSumOverflowIsAnErrorWhenCastBack() throws {
        // sum(bigint) is numeric in PostgreSQL and does not overflow; the cast back to bigint
        // (which gzq's SQL puts around an integer sum) raises the overflow.
        let sql = "SELECT sum(x)::bigint AS s FROM (VALUES (9223372036854775807::bigint), (1::bigint)) v(x)"
        let error = assertDatabaseError(.query) { try db.query(sql, parameters: [], timeout: nil) }
        XCTAssertEqual(error?.message, "integer overflow")  // the server said "bigint out of range" (22003)
        let fits = try db.query("SELECT sum(x)::bigint AS s FROM (VALUES (9223372036854775806::bigint), (1::bigint)) v(x)", parameters: [], timeout: nil)
        XCTAssertEqual(fits.schema.types, [.int])
        XCTAssertEqual(fits.columns[0].values.first?.description, "\(Int.max)")
    }

    func testTableNamesAreInCodePointOrderWhateverTheServerCollation() throws {
        // The test server's default collation is ICU Chinese: pinyin order, ASCII after Chinese.
        let server = try db.query("SELECT string_agg(x, ' ' ORDER BY x) AS s FROM unnest(ARRAY['遵义', '安顺', 'B', 'a']) x",
                                  parameters: [], timeout: nil)
        XCTAssertEqual(server.columns[0].values.first?.stringValue, "安顺 遵义 a B", "the harness's server should collate by pinyin (Tests/pg/cluster.sh)")
        let tag = String(UUID().uuidString.prefix(6))
        let names = ["遵义\(tag)", "安顺\(tag)", "B\(tag)", "a\(tag)"]
        for name in names { try db.write(try Table.build(names: ["x"], columns: [[.int(1)]]), named: name, mode: .create) }
        // U+0042 B, U+0061 a, U+5B89 安, U+9075 遵.
        XCTAssertEqual(try db.tableNames().filter { $0.hasSuffix(tag) }, ["B\(tag)", "a\(tag)", "安顺\(tag)", "遵义\(tag)"])
    }

    func testServerNoticesAreNotPrintedOnStderr() throws {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-pg-stderr-\(UUID().uuidString)").path
        let file = open(capture, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let saved = dup(2)
        dup2(file, 2)
        let result = Result { try db.query("DROP TABLE IF EXISTS \"没有这张表\"", parameters: [], timeout: nil) }
        fflush(stderr)
        dup2(saved, 2)
        close(saved)
        close(file)
        defer { unlink(capture) }
        _ = try result.get()
        let printed = try String(contentsOfFile: capture, encoding: .utf8)
        XCTAssertFalse(printed.contains("NOTICE"), printed)
    }

    func testDisplayNameHasNoPassword() throws {
        XCTAssertTrue(db.displayName.hasPrefix("postgres://postgres@"), db.displayName)
        XCTAssertEqual(db.dialect, .postgres)
    }
}

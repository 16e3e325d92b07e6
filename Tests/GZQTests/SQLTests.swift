import Foundation
import XCTest
@testable import GZQ

/// SQLite databases: the type mapping both ways, write modes and their transaction, injection
/// attempts through names and values, errors at the gzq span, and the sandbox.
final class SQLTests: XCTestCase {
    func run(_ program: String, host: HostConfiguration? = nil) -> String {
        var output = ""
        let host = host ?? HostConfiguration(fileAccess: .unrestricted)
        host.output = { output += $0 }
        do {
            try Interpreter(host: host).run(program, name: "sql.gzq")
        } catch let error as GZQError {
            output += error.rendered
        } catch {
            output += "unexpected: \(error)"
        }
        return output
    }

    func testTypesRoundTrip() {
        let out = run("""
        let db = sqlite(":memory:")
        let t = table({i: [1, null, -9223372036854775807], f: [0.5, 1e300, null], b: [true, null, false], s: ["贵阳市", "", null], d: [@2021-06-30, null, @1970-01-01]})
        write_table(db, "t", t)
        let back = collect(db.t)
        print(back == t, schema(back).type)
        print(query(db, "SELECT typeof(b) AS tb, typeof(d) AS td, d FROM t WHERE i = 1"))
        print(schema(query(db, "SELECT * FROM t WHERE 0")).type)
        """)
        XCTAssertEqual(out, """
        true ["int", "float", "bool", "string", "date"]
        +---------+------+------------+
        | tb      | td   | d          |
        +---------+------+------------+
        | integer | text | 2021-06-30 |
        +---------+------+------------+
        ["int", "float", "bool", "string", "date"]

        """)
    }

    /// Tables made by other programs: declared types map by SQLite's affinity rules.
    func testTablesMadeElsewhere() {
        let out = run("""
        let db = sqlite(":memory:")
        query(db, "CREATE TABLE legacy (d DATETIME, amount DECIMAL(10,2), flag BOOLEAN, day DATE, n BIGINT, note VARCHAR(20))")
        query(db, "INSERT INTO legacy VALUES ('2021-06-30 10:00', 12, 1, '2021-06-30', 7, '贵阳'), (NULL, 2.5, 0, NULL, NULL, NULL)")
        print(schema(db.legacy).type)
        print(collect(db.legacy | where flag | select amount, day))
        print(collect(db.legacy).amount)
        print(try { query(db, "SELECT 'x' AS day FROM legacy") | len } catch e { e.message })
        query(db, "INSERT INTO legacy (day) VALUES ('30/06/2021')")
        print(try { collect(db.legacy) } catch e { e.message })
        """)
        XCTAssertEqual(out, """
        ["string", "float", "bool", "date", "int", "string"]
        +--------+------------+
        | amount | day        |
        +--------+------------+
        |     12 | 2021-06-30 |
        +--------+------------+
        [12.0, 2.5]
        2
        database: column 'day' is DATE but holds "30/06/2021", not an ISO date such as 2021-06-30

        """)
    }

    func testWriteModesAndOneTransaction() {
        let out = run("""
        let db = sqlite(":memory:")
        write_table(db, "t", table({a: [1, 2]}))
        write_table(db, "t", table({a: [3]}), mode: "append")
        print(collect(db.t).a)
        write_table(db, "t", table({a: [9]}), "replace")
        print(collect(db.t).a)
        print(try { write_table(db, "t", table({b: [1]}), "append") } catch e { e.message })
        query(db, "CREATE TABLE strict (a INTEGER NOT NULL)")
        print(try { write_table(db, "strict", table({a: [1, 2, null]}), "append") } catch e { e.message })
        print(len(db.strict))
        """)
        XCTAssertEqual(out, """
        [1, 2, 3]
        [9]
        database: cannot append to 't': the table has no column 'b'; the rows have no column 'a'
        database: NOT NULL constraint failed: strict.a
        0

        """)
    }

    /// Names and values with quotes, semicolons and comment marks stay names and values.
    func testInjectionThroughNamesAndValues() {
        let out = run("""
        let db = sqlite(":memory:")
        let evil = "x\\"; DROP TABLE t; --"
        write_table(db, "t", table({a: [1]}))
        write_table(db, evil, table({`it's "q"; --`: ["O'Brien; --", "\\"; DROP TABLE t; --"], n: [1, 2]}))
        print(tables(db))
        let r = db[evil] | where `it's "q"; --` == "O'Brien; --" or `it's "q"; --` == "' OR 1=1 --" | select `it's "q"; --`, n
        print(r)
        print(sql(r))
        print(query(db, "SELECT count(*) AS n FROM t WHERE ? = '1' OR a = ?", "' OR '1'='1", 1).n)
        print(query(db, "SELECT ? AS v", "'); DROP TABLE t; --").v, tables(db))
        print(try { query(db, "SELECT 1; DROP TABLE t") } catch e { e.message }, tables(db))
        """)
        XCTAssertEqual(out, #"""
        ["t", "x\"; DROP TABLE t; --"]
        +--------------+---+
        | it's "q"; -- | n |
        +--------------+---+
        | O'Brien; --  | 1 |
        +--------------+---+
        SELECT "t0"."it's ""q""; --", "t0"."n" FROM "x""; DROP TABLE t; --" AS "t0" WHERE ((CASE WHEN (("t0"."it's ""q""; --") IS (?)) THEN (("t0"."it's ""q""; --") IS (?)) ELSE (("t0"."it's ""q""; --") IS (?)) END))
        [1]
        ["'); DROP TABLE t; --"] ["t", "x\"; DROP TABLE t; --"]
        database: query() runs one SQL statement; this text has more than one ["t", "x\"; DROP TABLE t; --"]

        """#)
    }

    func testErrorsPointAtTheCall() {
        let out = run("""
        let db = sqlite(":memory:")
        write_table(db, "t", table({a: [9223372036854775807, 1]}))
        let r = db.t | summarize s = sum(a)
        print(len(r))
        """)
        XCTAssertTrue(out.hasPrefix("error[E0402]: integer overflow\n  --> sql.gzq:4:7"), out)
    }

    func testSandboxedSQLiteFollowsTheFolderGrants() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let host = HostConfiguration(fileAccess: .folders([folder.path]))
        let out = run("""
        print(type(sqlite(":memory:")))
        let db = sqlite("\(folder.path)/cases.db")
        write_table(db, "t", table({a: [1]}))
        print(len(db.t))
        print(try { sqlite("/tmp/gzq-outside-\(UUID().uuidString).db") } catch e { e.message })
        print(try { sqlite("\(folder.path)/../escape.db") } catch e { e.message })
        """, host: host)
        let lines = out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 4, out)
        XCTAssertEqual(Array(lines.prefix(2)), ["database", "1"])
        XCTAssertTrue(lines[2].hasPrefix("permission denied:"), lines[2])
        XCTAssertTrue(lines[3].hasPrefix("permission denied:"), lines[3])
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("cases.db").path))
        // An embedder that grants no files still has private in-memory databases.
        XCTAssertEqual(run("print(type(sqlite(\":memory:\")))", host: HostConfiguration()), "database\n")
        XCTAssertTrue(run("sqlite(\"x.db\")", host: HostConfiguration()).contains("permission denied"))
    }

    func testNetworkDatabasesAreNotGrantedByDefault() {
        XCTAssertFalse(HostConfiguration().allowsNetworkDatabases)
    }

    func testPrintingAndValues() {
        let out = run("""
        let db = sqlite(":memory:")
        write_table(db, "t", table({a: [2, 1]}))
        print(db)
        print([db.t])
        print(db.t | sort a)
        print(str(db.t | sort a desc | take 1))
        """)
        XCTAssertEqual(out, """
        <database sqlite::memory:>
        [<remote table: 1 columns in sqlite::memory:>]
        +---+
        | a |
        +---+
        | 1 |
        | 2 |
        +---+
        +---+
        | a |
        +---+
        | 2 |
        +---+

        """)
    }

    static let endless = #"query(sqlite(":memory:"), "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) AS n FROM c")"#

    func testTimeoutStopsARunningStatement() {
        let host = HostConfiguration(fileAccess: .unrestricted, limits: Limits(timeout: 0.3))
        let started = Date()
        let out = run(Self.endless, host: host)
        XCTAssertTrue(out.hasPrefix("error[E1103]: time limit exceeded: the query ran past its time limit"), out)
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
    }

    /// A statement gets the time the run has left, not the whole limit: 1.5 s spent, then an
    /// endless query under a 2 s limit stops at about 2 s (it ran until 3.5 s when each
    /// statement was given the whole limit).
    /// Both ways a statement is sent: `query` of one's own SQL, and a pushed-down pipeline
    /// over an endless view, pulled.
    func testAStatementLateInARunGetsOnlyTheTimeLeft() {
        let pushed = """
        let db = sqlite(":memory:")
        query(db, "CREATE VIEW endless AS WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c")
        print(db.endless | summarize n = count())
        """
        for statement in [Self.endless, pushed] {
            let host = HostConfiguration(fileAccess: .unrestricted, limits: Limits(timeout: 2))
            let started = Date()
            let out = run("let t0 = clock()\nwhile clock() - t0 < 1.5 {}\n" + statement, host: host)
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertTrue(out.hasPrefix("error[E1103]: time limit exceeded: the query ran past its time limit"), out)
            XCTAssertLessThan(elapsed, 2.9, "the statement outlived the run's limit: \(statement)")
        }
    }

    func testInterruptStopsARunningStatement() throws {
        let interpreter = Interpreter(host: HostConfiguration(fileAccess: .unrestricted))
        let done = expectation(description: "the statement stops")
        nonisolated(unsafe) var message = ""
        Thread.detachNewThread {
            do { try interpreter.run(Self.endless) } catch let error as GZQError { message = error.rendered } catch { message = "\(error)" }
            done.fulfill()
        }
        Thread.sleep(forTimeInterval: 0.3)
        interpreter.interrupt()
        wait(for: [done], timeout: 10)
        XCTAssertTrue(message.hasPrefix("error[E0801]: interrupted"), message)
    }
}

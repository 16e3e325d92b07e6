import Foundation
import XCTest
@testable import GZQ

/// How PostgresDatabase fails against the real server: each failure a DatabaseError with the
/// server's message, promptly — never a hang or a crash — and the connection usable after
/// every failure that leaves it open.
final class PostgresFailureTests: XCTestCase {
    private var db: PostgresDatabase!

    override func setUpWithError() throws {
        db = try PostgresTestServer.connect()
    }

    override func tearDown() {
        db?.close()
    }

    private func one(_ db: PostgresDatabase) throws -> Value {
        try db.query("SELECT 1 AS one", parameters: [], timeout: nil).columns[0].value(at: 0)
    }

    func testRefusedQueryCarriesTheServerMessage() throws {
        let error = assertDatabaseError(.query) { try db.query("SELEC 1", parameters: [], timeout: nil) }
        XCTAssertEqual(error?.message, "syntax error at or near \"SELEC\"")
        let missing = assertDatabaseError(.query) { try db.query("SELECT * FROM \"不存在的表\"", parameters: [], timeout: nil) }
        XCTAssertEqual(missing?.message, "relation \"不存在的表\" does not exist")
        XCTAssertEqual(try one(db).description, "1")
    }

    func testStatementTimeout() throws {
        let started = Date()
        let error = assertDatabaseError(.timeout) { try db.query("SELECT pg_sleep(10)", parameters: [], timeout: 0.2) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(error?.message, "canceling statement due to statement timeout")
        // The next statement without a timeout is not limited by the last one's.
        XCTAssertEqual(try db.query("SELECT pg_sleep(0.4)::text AS s", parameters: [], timeout: nil).rowCount, 1)
        XCTAssertEqual(try db.query("SELECT pg_sleep(0.01)::text AS s", parameters: [], timeout: 5).rowCount, 1)
    }

    func testCancelFromAnotherThreadStopsTheStatement() throws {
        let db = self.db!
        let started = Date()
        let canceller = Thread {
            Thread.sleep(forTimeInterval: 0.3)
            db.cancel()
        }
        canceller.start()
        let error = assertDatabaseError(.cancelled) { try db.query("SELECT pg_sleep(10)", parameters: [], timeout: nil) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(error?.message, "canceling statement due to user request")
        XCTAssertEqual(try one(db).description, "1")
        // A cancel when nothing runs changes nothing.
        db.cancel()
        XCTAssertEqual(try one(db).description, "1")
    }

    func testTerminatedBackendIsALostConnection() throws {
        let victim = try PostgresTestServer.connect()
        defer { victim.close() }
        let pid = try victim.query("SELECT pg_backend_pid() AS pid", parameters: [], timeout: nil).columns[0].value(at: 0)
        let killed = try db.query("SELECT pg_terminate_backend($1::int) AS ok", parameters: [pid], timeout: nil)
        XCTAssertEqual(killed.columns[0].values.first?.description, "true")
        let started = Date()
        let lost = assertDatabaseError(.connection) { try victim.query("SELECT 1", parameters: [], timeout: nil) }
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        XCTAssertEqual(lost?.message, "terminating connection due to administrator command")
        // Every later call says the connection is gone, with libpq's message.
        let again = assertDatabaseError(.connection) { try victim.tableNames() }
        XCTAssertEqual(again?.message.hasPrefix("the connection to postgres://"), true, again?.message ?? "")
        XCTAssertEqual(try one(db).description, "1")
    }

    func testServerThatStopsAnsweringIsGivenUp() throws {
        // A backend frozen with SIGSTOP answers neither the statement timeout nor a cancel;
        // the client gives the connection up a few seconds later instead of waiting forever.
        for viaCancel in [false, true] {
            let frozen = try PostgresTestServer.connect()
            defer { frozen.close() }
            guard case .int(let pid) = try frozen.query("SELECT pg_backend_pid() AS pid", parameters: [], timeout: nil).columns[0].value(at: 0) else {
                return XCTFail("no backend pid")
            }
            defer {
                kill(pid_t(pid), SIGCONT)
                _ = try? db.query("SELECT pg_terminate_backend($1::int)", parameters: [.int(pid)], timeout: nil)
            }
            if viaCancel {
                Thread { Thread.sleep(forTimeInterval: 0.5); frozen.cancel() }.start()
            }
            let started = Date()
            let error = assertDatabaseError(viaCancel ? .cancelled : .timeout) {
                // The statement reaches the backend, which is then stopped.
                Thread { Thread.sleep(forTimeInterval: 0.2); kill(pid_t(pid), SIGSTOP) }.start()
                return try frozen.query("SELECT pg_sleep(30)", parameters: [], timeout: viaCancel ? nil : 0.5)
            }
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertLessThan(elapsed, 10)
            XCTAssertGreaterThan(elapsed, PostgresDatabase.silenceGrace * (viaCancel ? 2 : 1))
            XCTAssertEqual(error?.message.hasPrefix("the server did not answer for \(viaCancel ? 6 : 3) s after the \(viaCancel ? "cancel request" : "statement timeout")"), true,
                           error?.message ?? "")
            assertDatabaseError(.connection) { try frozen.query("SELECT 1", parameters: [], timeout: nil) }
        }
        XCTAssertEqual(try one(db).description, "1")
    }

    func testStoppedServerIsALostConnection() throws {
        // A private server of this test's own, stopped under an open connection.
        let exports = try PostgresTestServer.cluster(["start"])
        guard let dir = exports.split(separator: " ").first(where: { $0.hasPrefix("GZQ_PG_DIR=") })?.dropFirst("GZQ_PG_DIR=".count) else {
            return XCTFail("no GZQ_PG_DIR in \(exports)")
        }
        var stopped = false
        defer { if !stopped { _ = try? PostgresTestServer.cluster(["stop", String(dir)]) } }
        let private_ = try PostgresDatabase(url: "host=\(dir) port=5432 user=postgres dbname=postgres")
        defer { private_.close() }
        XCTAssertEqual(try one(private_).description, "1")
        _ = try PostgresTestServer.cluster(["stop", String(dir)])
        stopped = true
        let started = Date()
        let first = assertDatabaseError(.connection) { try private_.query("SELECT 1", parameters: [], timeout: nil) }
        let second = assertDatabaseError(.connection) { try private_.query("SELECT 1", parameters: [], timeout: nil) }
        // libpq's lines joined into one for the diagnostic.
        XCTAssertEqual(first?.message.hasPrefix("server closed the connection unexpectedly. This probably means the server terminated abnormally before"), true,
                       first?.message ?? "")
        XCTAssertEqual(second?.message.contains("\n"), false, second?.message ?? "")
        XCTAssertLessThan(Date().timeIntervalSince(started), 5)
        // Connecting to it now fails with libpq's message.
        let refused = assertDatabaseError(.connection) { try PostgresDatabase(url: "host=\(dir) port=5432 user=postgres dbname=postgres") }
        XCTAssertEqual(refused?.message.contains("No such file or directory"), true, refused?.message ?? "")
    }

    func testFailedWriteLeavesNoTable() throws {
        let name = PostgresTestServer.uniqueName("半途")
        // The NUL in the last row is refused by the server after several 1 MB chunks of the
        // COPY have been sent (about 1.5 MB of rows before it).
        let rows: [Value] = (0..<120_000).map { .str("第\($0)行") } + [.str("bad\u{0}row")]
        let table = try Table.build(names: ["行"], columns: [rows])
        assertDatabaseError(.query) { try db.write(table, named: name, mode: .create) }
        XCTAssertNil(try db.schema(ofTable: name))
        XCTAssertFalse(try db.tableNames().contains(name))

        // A failed replace keeps the old table, and a failed append adds no row.
        let good = try Table.build(names: ["行"], columns: [[.str("原有")]])
        try db.write(good, named: name, mode: .create)
        assertDatabaseError(.query) { try db.write(table, named: name, mode: .replace) }
        assertDatabaseError(.query) { try db.write(table, named: name, mode: .append) }
        let kept = try db.query("SELECT * FROM \(SQLDialect.postgres.quoteIdentifier(name))", parameters: [], timeout: nil)
        XCTAssertTrue(kept.isEqual(to: good), "\(Value.table(kept))")
        // Lists cannot be stored: refused before anything is sent.
        let lists = try Table.build(names: ["l"], columns: [[.list([.int(1)])]])
        assertDatabaseError(.usage) { try db.write(lists, named: name + "l", mode: .create) }
        XCTAssertNil(try db.schema(ofTable: name + "l"))
    }

    func testClosedConnectionRefusesCalls() throws {
        let other = try PostgresTestServer.connect()
        other.close()
        other.close()
        other.cancel()
        let error = assertDatabaseError(.usage) { try other.query("SELECT 1", parameters: [], timeout: nil) }
        XCTAssertEqual(error?.message.hasSuffix("is closed"), true)
    }

    func testConnectionFailureNeverShowsThePassword() throws {
        let conninfo = try PostgresTestServer.conninfo()
        // The server trusts every local login, so a wrong database makes the failure.
        let url = conninfo + " password=s3cr3t-密码 dbname=没有这个库"
        let error = assertDatabaseError(.connection) { try PostgresDatabase(url: url) }
        XCTAssertEqual(error?.message.contains("没有这个库"), true, error?.message ?? "")
        XCTAssertEqual(error?.message.contains("s3cr3t"), false)
        // libpq quotes a malformed URL; the password in it is blanked out.
        let malformed = assertDatabaseError(.connection) { try PostgresDatabase(url: "postgresql://u:hunter2%zz@/db") }
        XCTAssertEqual(malformed?.message.contains("hunter2"), false, malformed?.message ?? "")
        XCTAssertEqual(PostgresSecrets.redact("at \"u:p%41ss@h\" and pAss, not pass", connectionString: "postgresql://u:p%41ss@h/db"),
                       "at \"u:***@h\" and ***, not pass")
        XCTAssertEqual(PostgresSecrets.redact("x 'sec ret' y", connectionString: "host=h password='sec ret'"), "x '***' y")
    }

    /// `postgres(url)` from a gzq program: a database value whose tables are remote tables, an
    /// error at the call's span (never the password) when the connection fails, and a refusal
    /// when the host grants no network databases (`--sandbox`).
    func testPostgresBuiltinConnectsOrRaisesAtTheCall() throws {
        let conninfo = try PostgresTestServer.conninfo()
        func run(_ program: String, network: Bool = true) -> String {
            var output = ""
            let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted)
            host.allowsNetworkDatabases = network
            // The message and position only: the rendered source line would show the program's own text.
            do { _ = try Interpreter(host: host).run(program, name: "pg.gzq") } catch let error as GZQError {
                output += error.diagnostics.map { "\($0.file):\($0.line):\($0.column): \($0.message)" }.joined(separator: "\n")
            } catch { output += "\(error)" }
            return output
        }
        let opened = run("let db = postgres(\"\(conninfo)\")\nprint(type(db))\nprint(query(db, \"SELECT 2 AS two\"))")
        XCTAssertTrue(opened.hasPrefix("database\n"), opened)
        XCTAssertTrue(opened.contains("two"), opened)
        let refused = run("let db = postgres(\"\(conninfo)\")", network: false)
        XCTAssertTrue(refused.contains("permission denied"), refused)
        XCTAssertTrue(refused.contains("pg.gzq:1:10"), refused)
        let failed = run("let db = postgres(\"\(conninfo) password=topsecret dbname=无此库\")")
        XCTAssertTrue(failed.contains("postgres(): connection to server on socket"), failed)
        XCTAssertFalse(failed.contains("topsecret"), failed)
    }

    /// Ctrl-C while the server runs a statement: the interrupt flag makes the client send a
    /// cancel request, and the program stops with `interrupted` promptly.
    func testInterruptCancelsTheRunningStatement() throws {
        let conninfo = try PostgresTestServer.conninfo()
        let host = HostConfiguration(fileAccess: .unrestricted)
        host.allowsNetworkDatabases = true
        let gzq = Interpreter(host: host)
        DispatchQueue.global().asyncAfter(deadline: .now() + 1) { gzq.interrupt() }
        let started = Date()
        XCTAssertThrowsError(try gzq.run("let db = postgres(\"\(conninfo)\")\nquery(db, \"SELECT pg_sleep(20)\")", name: "sleep.gzq")) { error in
            XCTAssertTrue("\(error)".contains("interrupted"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 8, "the cancel did not stop the statement")
    }
}

import Foundation
import XCTest
import GZQ

/// `check` as a host and a user see it: the error's table of violating rows under the caret,
/// warnings handed to `HostConfiguration.diagnostics`, and the `gzq` command's exit status and
/// stderr. (The conformance files check messages and counts under both engines.)
final class CheckStageTests: XCTestCase {
    static let script = """
        let cases = table({region: ["贵阳市", "遵义市", "六盘水市", "安顺市"], concluded: [9, 9, 4, 6], corrected: [2, 10, 5, 7]})
        cases | check corrected <= concluded | print

        """

    func testErrorShowsTheViolatingRowsUnderTheCaret() throws {
        let gzq = Interpreter(host: HostConfiguration())
        XCTAssertThrowsError(try gzq.run(Self.script, name: "report.gzq")) { error in
            guard let error = error as? GZQError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.category, "E-check")
            XCTAssertEqual(error.kind, .runtime)
            XCTAssertEqual(error.rendered, """
                error[E0550]: check failed for 3 of 4 rows: corrected <= concluded
                  --> report.gzq:2:15
                   |
                 2 | cases | check corrected <= concluded | print
                   |               ^^^^^^^^^^^^^^^^^^^^^^
                the rows:
                +---+----------+-----------+-----------+
                | # | region   | concluded | corrected |
                +---+----------+-----------+-----------+
                | 2 | 遵义市   |         9 |        10 |
                | 3 | 六盘水市 |         4 |         5 |
                | 4 | 安顺市   |         6 |         7 |
                +---+----------+-----------+-----------+

                """)
        }
    }

    /// The violating rows show in their columns' display formats, as `print` shows the table
    /// (regression: a rate formatted `pct(2)` showed as 1.2 under the caret).
    func testViolatingRowsKeepTheirDisplayFormats() throws {
        let gzq = Interpreter(host: HostConfiguration())
        let source = """
            let t = table({region: ["贵阳市", "毕节市"], rate: [0.213579, 1.2]}) | format rate = pct(2)
            t | check rate <= 1
            """
        XCTAssertThrowsError(try gzq.run(source, name: "rates.gzq")) { error in
            guard let error = error as? GZQError else { return XCTFail("\(error)") }
            XCTAssertTrue(error.rendered.contains("| 2 | 毕节市 | 120.00% |"), error.rendered)
        }
    }

    func testOnlyTheFirstFiveRowsAreShown() throws {
        let gzq = Interpreter(host: HostConfiguration())
        let source = "table({n: 1..12}) | check n < 5 | len"
        for engine in [Engine.tree, .vector] {
            gzq.host.engine = engine
            XCTAssertThrowsError(try gzq.run(source, name: "many.gzq")) { error in
                guard let d = (error as? GZQError)?.diagnostics.first else { return XCTFail("\(error)") }
                XCTAssertEqual(d.message, "check failed for 8 of 12 rows: n < 5")
                XCTAssertEqual(d.note, """
                    the first 5 of them:
                    +---+---+
                    | # | n |
                    +---+---+
                    | 5 | 5 |
                    | 6 | 6 |
                    | 7 | 7 |
                    | 8 | 8 |
                    | 9 | 9 |
                    +---+---+

                    """, "engine \(engine)")
            }
        }
    }

    func testWarnGoesToTheHostAndTheTableGoesOn() throws {
        var warnings: [Diagnostic] = []
        var output = ""
        let host = HostConfiguration(output: { output += $0 })
        host.diagnostics = { warnings.append($0) }
        let gzq = Interpreter(host: host)
        let source = Self.script.replacingOccurrences(of: "check corrected <= concluded", with: "check corrected <= concluded warn")
        try gzq.run(source, name: "report.gzq")
        XCTAssertEqual(warnings.count, 1)
        let w = try XCTUnwrap(warnings.first)
        XCTAssertEqual(w.kind, .warning)
        XCTAssertEqual(w.category, "E-check")
        XCTAssertEqual(w.message, "check failed for 3 of 4 rows: corrected <= concluded")
        XCTAssertEqual([w.file, "\(w.line)", "\(w.column)"], ["report.gzq", "2", "15"])
        XCTAssertTrue(w.note.contains("| 3 | 六盘水市 |         4 |         5 |"), w.note)
        XCTAssertTrue(DiagnosticRenderer.render(w).hasPrefix("warning[W0101]: check failed for 3 of 4 rows"))
        XCTAssertTrue(output.contains("| 安顺市   |         6 |         7 |"), "the table was printed")
    }

    func testWarnWithoutAHandlerIsDropped() throws {
        var output = ""
        let gzq = Interpreter(host: HostConfiguration(output: { output += $0 }))
        try gzq.run("print(table({n: [1, 2]}) | check n > 1 warn | len)")
        XCTAssertEqual(output, "2\n")
    }

    // MARK: - the gzq command

    private func runCLI(_ source: String) throws -> (status: Int32, stdout: String, stderr: String) {
        let binary = try XCTUnwrap(CLITests.binary, "gzq binary not found: run `swift build` (make test does)")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-check-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("report.gzq")
        try source.write(to: script, atomically: true, encoding: .utf8)
        let out = folder.appendingPathComponent("out"), err = folder.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [script.path]
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    func testCLIExitsWithStatusOneOnAFailedCheck() throws {
        let run = try runCLI(Self.script)
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.hasPrefix("error[E0550]: check failed for 3 of 4 rows: corrected <= concluded\n"), run.stderr)
        XCTAssertTrue(run.stderr.contains("| 2 | 遵义市   |         9 |        10 |"), run.stderr)
    }

    func testCLIPrintsWarningsOnStderrAndGoesOn() throws {
        let run = try runCLI(Self.script.replacingOccurrences(of: "<= concluded", with: "<= concluded warn"))
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stderr.hasPrefix("warning[W0101]: check failed for 3 of 4 rows: corrected <= concluded\n"), run.stderr)
        XCTAssertTrue(run.stdout.contains("| 六盘水市 |         4 |         5 |"), run.stdout)
        XCTAssertFalse(run.stdout.contains("warning"))
    }
}

/// A `check … warn` typed as a `|`-entry in the REPL: the warning points at what was typed,
/// not at the `_` the session puts in front (as errors do).
final class CheckStageSessionTests: XCTestCase {
    func testWarningOfAPipeEntryPointsAtTheTypedLine() {
        var warnings: [Diagnostic] = []
        let host = HostConfiguration(output: { _ in })
        host.diagnostics = { warnings.append($0) }
        let session = Session(interpreter: Interpreter(host: host), output: { _ in }, errorOutput: { _ in })
        _ = session.feed("table({n: [1, 2]})")
        _ = session.feed("| check n > 1 warn")
        XCTAssertEqual(warnings.map(\.sourceLine), ["| check n > 1 warn"])
        XCTAssertEqual(warnings.map(\.column), [9])
        XCTAssertNotNil(host.diagnostics, "the session restores the host's handler")
    }
}

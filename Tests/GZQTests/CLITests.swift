import Foundation
import XCTest

/// Black-box runs of the built `gzq` binary (REFERENCE §9–10): exit codes, `-e`, scripts from
/// stdin, `--check`, `args`, and the exact caret form of errors.
///
/// The binary is `$GZQ_BIN`, else the `gzq` built next to this test bundle (whichever scratch
/// folder `swift test` used), else `.build/debug/gzq` (what `make test` builds first).
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var binary: String? {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["GZQ_BIN"], !env.isEmpty { candidates.append(env) }
        candidates.append(URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("gzq").path)
        candidates.append(root.appendingPathComponent(".build/debug/gzq").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    private var scratch: URL!

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Runs gzq in the scratch folder with `arguments` and `input` on stdin.
    private func gzq(_ arguments: [String], input: String = "") throws -> Run {
        guard let binary = Self.binary else {
            XCTFail("gzq binary not found: run `swift build` (make test does) or set GZQ_BIN")
            return Run(status: -1, stdout: "", stderr: "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = scratch
        // Output goes to files, so neither stream can fill a pipe and block the child.
        let outURL = scratch.appendingPathComponent(".stdout"), errURL = scratch.appendingPathComponent(".stderr")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let stdin = Pipe()
        process.standardInput = stdin
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    private func write(_ name: String, _ text: String) throws {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    // MARK: - Exit status

    func testSuccessIsZero() throws {
        try write("ok.gzq", "print(1 + 2)\n")
        let run = try gzq(["ok.gzq"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "3\n")
        XCTAssertEqual(run.stderr, "")
    }

    func testRuntimeErrorIsOne() throws {
        try write("bad.gzq", "print(\"before\")\nprint([1][3])\nprint(\"after\")\n")
        let run = try gzq(["bad.gzq"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stdout, "before\n")
        XCTAssertTrue(run.stderr.hasPrefix("error[E0411]: index 3 is out of range (length 1)\n"), run.stderr)
    }

    func testSyntaxErrorIsTwoAndNothingRuns() throws {
        try write("syntax.gzq", "print(\"never\")\nlet = 1\n")
        let run = try gzq(["syntax.gzq"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertTrue(run.stderr.hasPrefix("error[E0211]: expected name after 'let', found '='\n"), run.stderr)
    }

    func testNameErrorIsTwo() throws {
        try write("name.gzq", "print(totl)\n")
        XCTAssertEqual(try gzq(["name.gzq"]).status, 2)
    }

    func testUsageErrorsAreTwo() throws {
        let unknown = try gzq(["--bogus"])
        XCTAssertEqual(unknown.status, 2)
        XCTAssertEqual(unknown.stderr, "error[E0991]: unknown option '--bogus' (gzq --help lists the options)\n", "one line, not the whole usage text")
        XCTAssertEqual(try gzq(["-e"]).status, 2, "-e without a value")
        let missing = try gzq(["no-such-file.gzq"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "error[E0992]: cannot read 'no-such-file.gzq'\n")
        XCTAssertEqual(try gzq(["--max-steps", "0", "-e", "1"]).status, 2)
    }

    // Issue 19, item 5 (REFERENCE §10 v0.2).
    func testArgumentsAfterExpressionGoIntoArgs() throws {
        XCTAssertEqual(try gzq(["-e", "print(args)", "a", "b", "c"]).stdout, "[\"a\", \"b\", \"c\"]\n")
        XCTAssertEqual(try gzq(["-e", "args", "--format", "json"]).stdout, "[\"--format\", \"json\"]\n",
                       "after -e EXPR even option-looking words are arguments")
        try write("ignored.gzq", "print(\"must not run\")\n")
        XCTAssertEqual(try gzq(["-e", "args", "ignored.gzq"]).stdout, "[\"ignored.gzq\"]\n", "a file after -e is an argument")
    }

    func testDoubleDashEndsOptions() throws {
        XCTAssertEqual(try gzq(["-e", "args", "--", "-e", "--x"]).stdout, "[\"-e\", \"--x\"]\n")
        XCTAssertEqual(try gzq(["--", "-x", "y"], input: "print(args)\n").stdout, "[\"-x\", \"y\"]\n")
        try write("s.gzq", "print(args)\n")
        XCTAssertEqual(try gzq(["--format", "csv", "s.gzq", "--", "--", "z"]).stdout, "[\"--\", \"z\"]\n", "only the first -- is dropped")
    }

    func testTwoExpressionsAreAUsageError() throws {
        let run = try gzq(["-e", "print(1)", "-e", "print(2)"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "", "nothing runs")
        XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, run.stderr)
        XCTAssertTrue(run.stderr.hasPrefix("error[E0982]: only one -e is allowed"), run.stderr)
    }

    func testNullResultPrintsNull() throws {
        XCTAssertEqual(try gzq(["--format", "json", "-e", "null"]).stdout, "null\n", "json output is always one value")
        XCTAssertEqual(try gzq(["-e", "1 / 0"]).stdout, "null\n")
        XCTAssertEqual(try gzq(["--format", "csv", "-e", "null ?? null"]).stdout, "null\n")
        XCTAssertEqual(try gzq(["-e", "for i in 1..2 { }"]).stdout, "", "a loop has no result to show")
    }

    func testMissingSandboxFolderIsAUsageError() throws {
        let run = try gzq(["--sandbox", "/nonexistent-gzq-folder", "-e", "1"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "error[E0985]: --sandbox: no such folder '/nonexistent-gzq-folder' (gzq --help lists the options)\n")
        try write("plain.txt", "x")
        XCTAssertEqual(try gzq(["--sandbox", "plain.txt", "-e", "1"]).status, 2, "a file is not a folder")
        XCTAssertEqual(try gzq(["--sandbox", ".", "-e", "1"]).stdout, "1\n")
    }

    func testUsageErrorsAreOneLine() throws {
        for arguments in [["--bogus"], ["-e"], ["--format", "xml", "-e", "1"], ["--max-steps", "0", "-e", "1"]] {
            let run = try gzq(arguments)
            XCTAssertEqual(run.status, 2, "\(arguments)")
            XCTAssertEqual(run.stderr.filter { $0 == "\n" }.count, 1, "\(arguments): \(run.stderr)")
            XCTAssertTrue(run.stderr.hasSuffix("(gzq --help lists the options)\n"), run.stderr)
        }
    }

    // Issue 19, item 1: `gzq -i < file` reads the REPL's entries from a file; a `|` line
    // after a `let` continues it, as the same file run as a script does.
    func testREPLFromAFileContinuesALet() throws {
        let script = """
            let t = table({y: [2020, 2021, 2021], v: [1, 2, 3]})
            let k = t | where y == 2021
              | summarize s = sum(v)
            print("s =", k[0].s)
            1 + nope

            """
        let repl = try gzq(["-i"], input: script)
        XCTAssertEqual(repl.stdout, "s = 5\n")
        XCTAssertTrue(repl.stderr.contains("--> <repl:5>:1:5"), "entries are numbered: \(repl.stderr)")
        try write("same.gzq", script.replacingOccurrences(of: "1 + nope\n", with: ""))
        XCTAssertEqual(try gzq(["same.gzq"]).stdout, "s = 5\n")
    }

    func testHugeLimitsDoNotCrash() throws {
        let run = try gzq(["--max-memory", "99999999999999999", "--timeout", "1e300", "-e", "1 + 1"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "2\n")
    }

    // MARK: - -e, stdin, args

    func testEvaluatePrintsTheValue() throws {
        XCTAssertEqual(try gzq(["-e", "1 + 2"]).stdout, "3\n")
        XCTAssertEqual(try gzq(["-e", "\"贵阳市\""]).stdout, "贵阳市\n", "strings print bare")
        XCTAssertEqual(try gzq(["-e", "[1, \"a\", null]"]).stdout, "[1, \"a\", null]\n")
        XCTAssertEqual(try gzq(["-e", "0.1 + 0.2"]).stdout, "0.30000000000000004\n")
    }

    func testEvaluateDoesNotPrintNull() throws {
        let run = try gzq(["-e", "print(\"hi\")"])
        XCTAssertEqual(run.status, 0)
        XCTAssertEqual(run.stdout, "hi\n")
        XCTAssertEqual(try gzq(["-e", "let x = 1"]).stdout, "")
    }

    func testEvaluateErrors() throws {
        let runtime = try gzq(["-e", "1 // 0 + [][0]"])
        XCTAssertEqual(runtime.status, 1)
        XCTAssertEqual(runtime.stderr, """
        error[E0411]: index 0 is out of range (length 0)
          --> <-e>:1:13
           |
         1 | 1 // 0 + [][0]
           |             ^

        """)
        let syntax = try gzq(["-e", "1 +"])
        XCTAssertEqual(syntax.status, 2)
        XCTAssertEqual(syntax.stderr, """
        error[E0203]: expected an expression, found end of input
          --> <-e>:1:4
           |
         1 | 1 +
           |    ^

        """)
    }

    func testScriptFromStandardInput() throws {
        let run = try gzq([], input: "let x = 20\nprint(x + 1)\n")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "21\n")
        let dash = try gzq(["-"], input: "print(\"dash\")")
        XCTAssertEqual(dash.stdout, "dash\n")
        let failing = try gzq([], input: "print(1)\nerror(\"from stdin\")\n")
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stderr.contains("--> <stdin>:2:1"), failing.stderr)
    }

    func testArgs() throws {
        try write("args.gzq", "print(args, len(args))\n")
        XCTAssertEqual(try gzq(["args.gzq", "2021", "贵阳 市", "-e"]).stdout, "[\"2021\", \"贵阳 市\", \"-e\"] 3\n",
                       "everything after the script belongs to it")
        XCTAssertEqual(try gzq(["args.gzq"]).stdout, "[] 0\n")
        XCTAssertEqual(try gzq(["-e", "args"]).stdout, "[]\n")
    }

    func testImportsAreRelativeToTheScript() throws {
        try write("lib/util.gzq", "fn twice(x) { x * 2 }\n")
        try write("lib/main.gzq", "import \"util.gzq\"\nprint(twice(21))\n")
        let run = try gzq(["lib/main.gzq"]) // run from the scratch folder, not lib/
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "42\n")
    }

    // MARK: - --check

    func testCheckReportsEveryErrorAndRunsNothing() throws {
        try write("many.gzq", """
        print("never")
        let = 1
        print(totl)
        let total = 1 +* 2
        y = 3

        """)
        let run = try gzq(["--check", "many.gzq"])
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, """
        error[E0211]: expected name after 'let', found '='
          --> many.gzq:2:5
           |
         2 | let = 1
           |     ^

        error[E0309]: undefined variable 'totl'
          --> many.gzq:3:7
           |
         3 | print(totl)
           |       ^^^^

        error[E0203]: expected an expression, found '*'
          --> many.gzq:4:16
           |
         4 | let total = 1 +* 2
           |                ^

        error[E0305]: cannot assign to undeclared variable 'y' (declare it with 'let')
          --> many.gzq:5:1
           |
         5 | y = 3
           | ^

        """)
    }

    func testCheckOfACleanFileIsSilent() throws {
        try write("clean.gzq", "print(args)\nerror(\"only at run time\")\n")
        let run = try gzq(["--check", "clean.gzq"])
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertEqual(run.stdout, "")
        XCTAssertEqual(run.stderr, "")
    }

    func testCheckAndRunReportTheSameErrors() throws {
        try write("both.gzq", "print(nmae)\nlet = 1\n")
        let check = try gzq(["--check", "both.gzq"])
        let run = try gzq(["both.gzq"])
        XCTAssertEqual(check.status, 2)
        XCTAssertEqual(run.status, 2)
        XCTAssertEqual(check.stderr, run.stderr)
        XCTAssertTrue(run.stderr.contains("undefined variable 'nmae'"), run.stderr)
    }

    // MARK: - The caret form (REFERENCE §9)

    func testCaretFormMatchesTheSpec() throws {
        // The SPEC's own example, reproduced with a record field instead of a column.
        try write("report.gzq", """
        let cases = {corrected: 3412, concluded: 17426}
        let r = 0


        let x = cases.corected
        """)
        let run = try gzq(["report.gzq"])
        XCTAssertEqual(run.status, 1)
        XCTAssertEqual(run.stderr, """
        error[E0412]: record has no field 'corected' (did you mean 'corrected'?)
          --> report.gzq:5:15
           |
         5 | let x = cases.corected
           |               ^^^^^^^^

        """)
    }

    func testCaretCountsWideCharactersAsTwoColumns() throws {
        try write("wide.gzq", "let 地区 = \"贵阳市\"; print(地区 + 1)\n")
        let run = try gzq(["wide.gzq"])
        XCTAssertEqual(run.status, 1)
        // Column 23 counts characters; the caret sits under `地区 + 1` by display width (27 columns in).
        XCTAssertEqual(run.stderr, """
        error[E0401]: cannot add string and int
          --> wide.gzq:1:23
           |
         1 | let 地区 = "贵阳市"; print(地区 + 1)
           |                            ^^^^^^^^

        """)
    }

    func testGutterWidensWithTheLineNumber() throws {
        try write("long.gzq", String(repeating: "\n", count: 11) + "print(1 +)\n")
        let run = try gzq(["long.gzq"])
        XCTAssertEqual(run.stderr, """
        error[E0203]: expected an expression, found ')'
           --> long.gzq:12:10
            |
         12 | print(1 +)
            |          ^

        """)
    }
}

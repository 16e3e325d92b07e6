import Foundation
import XCTest
@testable import GZQ

/// The REPL's logic without a terminal (REFERENCE §11): continuation, printing, `_`, leading
/// `|`, every meta-command, completion, and error recovery.
final class SessionTests: XCTestCase {
    /// A session whose printed values, program output and errors are captured.
    final class Harness {
        var out = ""
        var err = ""
        let session: Session

        init() {
            let box = Box()
            let host = HostConfiguration(output: { box.text += $0 }, fileAccess: .unrestricted)
            session = Session(interpreter: Interpreter(host: host), output: { box.text += $0 }, errorOutput: { box.errors += $0 })
            self.box = box
        }

        private let box: Box
        private final class Box {
            var text = ""
            var errors = ""
        }

        /// Feeds lines and returns (and clears) what was written to output and errors.
        @discardableResult
        func feed(_ lines: String...) -> (out: String, err: String, outcome: Session.Outcome) {
            var outcome = Session.Outcome.done
            for line in lines { outcome = session.feed(line) }
            defer { box.text = ""; box.errors = "" }
            return (box.text, box.errors, outcome)
        }
    }

    static let tableSetup = #"let t = table({year: [2017, 2021, 2021], region: ["贵阳市", "遵义市", "毕节市"], n: [5, 7, 9]})"#

    // MARK: - Printing and `_`

    func testExpressionValuePrintsAndIsKeptInUnderscore() {
        let h = Harness()
        XCTAssertEqual(h.feed("1 + 2").out, "3\n")
        XCTAssertEqual(h.feed("_ * 10").out, "30\n")
        XCTAssertEqual(h.feed("\"贵阳市\"").out, "\"贵阳市\"\n", "strings print as literals in the table format")
        XCTAssertEqual(h.feed("[1, null]").out, "[1, null]\n")
    }

    func testNullValuesPrintNothingAndKeepUnderscore() {
        let h = Harness()
        h.feed("40 + 2")
        XCTAssertEqual(h.feed("let x = 5").out, "")
        XCTAssertEqual(h.feed("print(\"hi\")").out, "hi\n", "program output still appears")
        XCTAssertEqual(h.feed("fn f(a) { a * 2 }").out, "")
        XCTAssertEqual(h.feed("_").out, "42\n", "_ is the last value shown")
        XCTAssertEqual(h.feed("f(x)").out, "10\n")
    }

    func testTablesPrintAsTables() {
        let h = Harness()
        h.feed(Self.tableSetup)
        let out = h.feed("t").out
        XCTAssertTrue(out.hasPrefix("+------+"), out)
        XCTAssertTrue(out.contains("| 贵阳市 "), out)
    }

    // MARK: - Continuation

    func testTrailingPipeContinues() {
        let h = Harness()
        h.feed(Self.tableSetup)
        XCTAssertEqual(h.feed("t |").outcome, .needsMore)
        XCTAssertEqual(h.session.currentPrompt, "...> ")
        XCTAssertEqual(h.feed("where year == 2021 |").outcome, .needsMore)
        let r = h.feed("summarize total = sum(n)")
        XCTAssertEqual(r.outcome, .done)
        XCTAssertTrue(r.out.contains("16"), r.out)
        XCTAssertEqual(h.session.currentPrompt, "gzq> ")
    }

    func testOpenBracketsAndOperatorsContinue() {
        let h = Harness()
        XCTAssertEqual(h.feed("[1,").outcome, .needsMore)
        XCTAssertEqual(h.feed("2").outcome, .needsMore)
        XCTAssertEqual(h.feed("]").out, "[1, 2]\n")
        XCTAssertEqual(h.feed("1 +").outcome, .needsMore)
        XCTAssertEqual(h.feed("2").out, "3\n")
        XCTAssertEqual(h.feed("fn g(x) {").outcome, .needsMore)
        XCTAssertEqual(h.feed("  x + 1").outcome, .needsMore)
        XCTAssertEqual(h.feed("}").outcome, .done)
        XCTAssertEqual(h.feed("g(1)").out, "2\n")
        XCTAssertEqual(h.feed("true and").outcome, .needsMore)
        XCTAssertEqual(h.feed("false").out, "false\n")
        XCTAssertEqual(h.feed("let y =").outcome, .needsMore, "the parser's unexpected end of input")
        XCTAssertEqual(h.feed("3").outcome, .done)
        XCTAssertEqual(h.feed("y").out, "3\n")
    }

    func testUnterminatedStringIsAnErrorNotAContinuation() {
        let h = Harness()
        let r = h.feed("\"abc")
        XCTAssertEqual(r.outcome, .done)
        XCTAssertTrue(r.err.contains("error[E0114]: unterminated string"), r.err)
    }

    func testCancelDropsTheUnfinishedEntry() {
        let h = Harness()
        XCTAssertEqual(h.feed("1 +").outcome, .needsMore)
        h.session.cancel()
        XCTAssertFalse(h.session.isContinuing)
        XCTAssertEqual(h.feed("7").out, "7\n")
    }

    func testFinishRunsTheUnfinishedEntryAndReportsIt() {
        let h = Harness()
        h.feed("1 +")
        h.session.finish()
        XCTAssertFalse(h.session.isContinuing)
        XCTAssertEqual(h.feed("2").out, "2\n")
    }

    func testMultiLineStringIsOneBlock() {
        let h = Harness()
        XCTAssertEqual(h.feed("[1,\n2]").out, "[1, 2]\n")
        XCTAssertEqual(h.feed("1 + 1\r\n2 + 3\r\n").out, "5\n", "CRLF lines; only the block's last value prints")
    }

    // MARK: - Pasted scripts (issue 19, item 1; REFERENCE §11 v0.2)

    static let issueScript = [
        "let t = table({y: [2020, 2021, 2021], v: [1, 2, 3]})",
        "t | take 1",
        "let k = t | where y == 2021",
        "  | summarize s = sum(v)",
        "print(k[0].s)",
    ]

    func testLeadingPipeAfterALetContinuesIt() {
        let h = Harness()
        var out = ""
        var err = ""
        for line in Self.issueScript {
            let r = h.feed(line)
            out += r.out
            err += r.err
        }
        XCTAssertEqual(err, "")
        XCTAssertTrue(out.hasSuffix("\n5\n"), out)
        XCTAssertEqual(h.feed("_").out.contains("2020"), true, "_ is still the table shown by `t | take 1`")
        XCTAssertEqual(h.feed("| summarize n = count()").out.contains("| 1 |"), true, "after a shown value | pipes _ again")
    }

    func testContinuationIsOnlyTheFirstStatementOfTheEntry() {
        let h = Harness()
        h.feed(Self.issueScript[0])
        h.feed(Self.issueScript[2])
        let r = h.feed("| summarize s = sum(v)\nprint(\"then\", len(k))")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.out, "then 1\n", "k is the summary; the print follows as in a script")
        XCTAssertEqual(h.feed("k[0].s").out, "5\n")
        XCTAssertEqual(h.feed("let m = k; m = m").out, "")
        XCTAssertEqual(h.feed("| derive d = s * 2").out, "", "the last statement (m = m) is what continues")
        XCTAssertEqual(h.feed("m[0].d").out, "10\n")
        XCTAssertEqual(h.feed("columns(k)").out, "[\"s\"]\n")
    }

    func testLeadingPipeAfterAnAssignmentContinuesIt() {
        let h = Harness()
        h.feed("let xs = [3, 1, 2]")
        h.feed("xs = xs")
        XCTAssertEqual(h.feed("| sort").out, "", "an assignment continued prints nothing, as in a script")
        XCTAssertEqual(h.feed("xs").out, "[1, 2, 3]\n")
        XCTAssertEqual(h.feed("| len").out, "3\n", "after a shown value | pipes _")
    }

    func testFailedContinuationChangesNothingAndCanBeRetried() {
        let h = Harness()
        h.feed(Self.issueScript[0])
        h.feed(Self.issueScript[2])
        let failed = h.feed("| summarize s = sum(vv)")
        XCTAssertTrue(failed.err.contains("unknown column 'vv'"), failed.err)
        XCTAssertTrue(failed.err.contains(" 1 | | summarize s = sum(vv)\n   |                     ^^\n"), "the caret is under what was typed: \(failed.err)")
        XCTAssertEqual(h.feed("| summarize s = sum(v)").out, "", "the failed entry is as if not typed")
        XCTAssertEqual(h.feed("k[0].s").out, "5\n")
        XCTAssertEqual(h.feed("len(k)").out, "1\n")
        XCTAssertTrue(h.feed("| summarize s = sum(v)").err.contains("'summarize' needs a table, got int"),
                      "after a shown value (len(k) = 1) | pipes _")
    }

    func testCompletionAfterALetCompletesTheContinuedTable() {
        let h = Harness()
        h.feed(Self.tableSetup)
        h.feed("table({other: [1]})")
        h.feed("let k = t | derive rate = n / 10")
        XCTAssertEqual(h.session.completions(before: "| where reg").candidates, ["region"], "k's columns, not those of _")
        XCTAssertTrue(h.session.completions(before: "| where ra").candidates.contains("rate"))
    }

    func testLeadingPipeAfterAFunctionIsTheScriptsError() {
        let h = Harness()
        h.feed("fn f(x) { x }")
        let err = h.feed("| print").err
        XCTAssertTrue(err.hasPrefix("error[E0212]: expected end of statement, found '|'"), err)
    }

    func testBlockRunsAsAScript() {
        let h = Harness()
        let r = h.feed(Self.issueScript.joined(separator: "\n") + "\n")
        XCTAssertEqual(r.err, "")
        XCTAssertEqual(r.out, "5\n", "one block: only program output and its last value")
        XCTAssertEqual(h.session.entryName, "<repl:1>")
        let open = h.session.feedBlock("[1,\n2,")
        XCTAssertEqual(open, .needsMore, "an unfinished block waits for more lines")
        XCTAssertEqual(h.feed("3]").out, "[1, 2, 3]\n")
    }

    func testEntriesAreNumberedInDiagnostics() {
        let h = Harness()
        h.feed("1")
        h.feed(":help")
        h.feed("let a = 2")
        let err = h.feed("a + nope").err
        XCTAssertTrue(err.contains("--> <repl:3>:1:5"), "meta-commands are not entries: \(err)")
        XCTAssertTrue(h.feed("[1,", "2 + [][0]]").err.contains("--> <repl:4>:2:8"), "a multi-line entry is one entry")
    }

    // MARK: - Leading `|`

    func testLeadingPipeBuildsAPipelineStageByStage() {
        let h = Harness()
        h.feed(Self.tableSetup)
        h.feed("t")
        let filtered = h.feed("| where year == 2021").out
        XCTAssertFalse(filtered.contains("2017"), filtered)
        XCTAssertTrue(filtered.contains("遵义市"), filtered)
        let summed = h.feed("  | summarize total = sum(n)").out
        XCTAssertTrue(summed.contains("total") && summed.contains("16"), summed)
        XCTAssertEqual(h.feed("| len").out, "1\n", "a function after a leading | gets _")
    }

    func testLeadingPipeErrorPointsAtWhatWasTyped() {
        let h = Harness()
        h.feed(Self.tableSetup)
        h.feed("t")
        let err = h.feed("| where yeer == 2021").err
        XCTAssertTrue(err.contains("unknown column 'yeer'"), err)
        XCTAssertTrue(err.contains("<repl:3>:1:9"), err)
        XCTAssertTrue(err.contains(" 1 | | where yeer == 2021\n   |         ^^^^"), err)
    }

    func testLeadingPipeWithoutPreviousValue() {
        let h = Harness()
        let err = h.feed("| where x").err
        XCTAssertTrue(err.contains("nothing to pipe"), err)
    }

    // MARK: - Errors

    func testErrorsUseTheCaretFormAndKeepState() {
        let h = Harness()
        h.feed("let a = 10")
        h.feed("a * 2")
        let r = h.feed("a + nope")
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.hasPrefix("error[E0309]: undefined variable 'nope'"), r.err)
        XCTAssertTrue(r.err.contains("--> <repl:3>:1:5"), r.err)
        XCTAssertTrue(r.err.contains("^^^^"), r.err)
        XCTAssertEqual(h.feed("_").out, "20\n", "_ survives the error")
        let runtime = h.feed("error(\"boom\")").err
        XCTAssertTrue(runtime.contains("boom"), runtime)
        XCTAssertEqual(h.feed("a").out, "10\n", "variables survive runtime errors")
        h.feed("let b = missing_function(1)")
        XCTAssertEqual(h.feed("let b = 2").err, "", "a failed let does not half-declare its name")
        XCTAssertEqual(h.feed("b").out, "2\n")
    }

    func testInterruptEndsARunningEntry() {
        let h = Harness()
        let interpreter = h.session.interpreter
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { interpreter.interrupt() }
        let r = h.feed("while true {}")
        XCTAssertTrue(r.err.contains("interrupted"), r.err)
        XCTAssertEqual(h.feed("1 + 1").out, "2\n")
    }

    // MARK: - Meta-commands

    func testHelp() {
        let h = Harness()
        let general = h.feed(":help").out
        for command in Session.metaCommands { XCTAssertTrue(general.contains(":" + command.name), command.name) }
        let rate = h.feed(":help rate").out
        XCTAssertTrue(rate.hasPrefix("rate(part, whole)"), rate)
        XCTAssertTrue(h.feed(":help where").out.contains("keep rows"))
        XCTAssertTrue(h.feed(":help :load").out.contains(":load FILE"))
        XCTAssertTrue(h.feed(":help fmt_pctt").err.contains("did you mean 'fmt_pct'"))
    }

    func testQuit() {
        let h = Harness()
        XCTAssertEqual(h.feed(":quit").outcome, .quit)
        XCTAssertEqual(h.feed(":q").outcome, .quit)
    }

    func testLoad() throws {
        let h = Harness()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-session-\(getpid()).gzq").path
        try "let loaded = 41\nprint(\"loading\")\nloaded + 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = h.feed(":load \(path)")
        XCTAssertEqual(r.out, "loading\n", "a loaded script's own output shows, its value does not")
        XCTAssertEqual(h.feed("loaded").out, "41\n")
        XCTAssertTrue(h.feed(":load /nonexistent/x.gzq").err.hasPrefix("error["))
        XCTAssertTrue(h.feed(":load").err.contains("needs a file name"))
    }

    func testLoadReportsErrorsInTheFile() throws {
        let h = Harness()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-session-bad-\(getpid()).gzq").path
        try "let ok = 1\nok + nope\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let err = h.feed(":load \(path)").err
        XCTAssertTrue(err.contains("undefined variable 'nope'") && err.contains("\(path):2:6"), err)
    }

    func testVars() {
        let h = Harness()
        XCTAssertEqual(h.feed(":vars").out, "no variables yet\n")
        h.feed(Self.tableSetup)
        h.feed("let rate = 65.81%")
        let out = h.feed(":vars").out
        XCTAssertTrue(out.contains("| rate ") && out.contains("0.6581"), out)
        XCTAssertTrue(out.contains("| t ") && out.contains("3 rows: year, region, n"), out)
    }

    func testSchema() {
        let h = Harness()
        h.feed(Self.tableSetup)
        let out = h.feed(":schema t").out
        XCTAssertTrue(out.contains("| year   | int    |"), out)
        XCTAssertTrue(out.contains("| region | string |"), out)
        h.feed("t | select n")
        XCTAssertTrue(h.feed(":schema").out.contains("| n    | int  |"), "no expression: the schema of _")
        XCTAssertTrue(h.feed(":schema 1 + 1").err.contains("needs a table"))
        XCTAssertTrue(h.feed(":schema nope").err.contains("undefined variable 'nope'"))
    }

    func testBytecodeShowsTheFastPathPrograms() {
        let h = Harness()
        h.feed(Self.tableSetup)
        let out = h.feed(":bytecode t | where year >= 2021 and region != \"贵阳市\" | summarize s = sum(n)").out
        XCTAssertTrue(out.contains("compareInt"), out)
        XCTAssertTrue(out.contains("loadInt       r0, year"), out)
        // `region != "贵阳市"` compares the column's dictionary codes in place (no load, no string per row).
        XCTAssertTrue(out.contains("equalCode     r"), out)
        XCTAssertTrue(out.contains("region != code "), out)
        XCTAssertFalse(out.contains("r1, region"), "the text column is not loaded: \(out)")
        XCTAssertTrue(h.feed(":bytecode t | derive s = map([1], fn(x) x)").out.contains("no stage"), "a closure declines")
        XCTAssertTrue(h.feed(":bytecode").err.contains("needs an expression"))
        XCTAssertTrue(h.feed(":bytecode nope | where a").err.contains("undefined variable 'nope'"))
    }

    func testTime() {
        let h = Harness()
        XCTAssertEqual(h.feed(":time on").out, "time is on\n")
        let out = h.feed("1 + 1").out
        XCTAssertTrue(out.hasPrefix("2\ntime: "), out)
        XCTAssertTrue(out.hasSuffix("s\n"), out)
        XCTAssertEqual(h.feed(":time off").out, "time is off\n")
        XCTAssertEqual(h.feed("1 + 1").out, "2\n")
        XCTAssertTrue(h.feed(":time maybe").err.contains("on or off"))
    }

    func testFormat() {
        let h = Harness()
        h.feed(Self.tableSetup)
        XCTAssertEqual(h.feed(":format csv").out, "format is csv\n")
        XCTAssertEqual(h.feed("t | take 1").out, "year,region,n\n2017,贵阳市,5\n")
        h.feed(":format json")
        XCTAssertEqual(h.feed("t | take 1").out, "[\n{\"year\": 2017, \"region\": \"贵阳市\", \"n\": 5}\n]\n")
        XCTAssertEqual(h.feed("\"x\"").out, "\"x\"\n")
        h.feed(":format markdown")
        XCTAssertTrue(h.feed("t | take 1").out.hasPrefix("| year | region |"))
        h.feed(":format table")
        XCTAssertTrue(h.feed("t | take 1").out.hasPrefix("+------+"))
        XCTAssertTrue(h.feed(":format xml").err.contains("unknown format 'xml'"))
        XCTAssertEqual(h.feed(":format").out, "format is table\n")
    }

    func testEngine() {
        let h = Harness()
        XCTAssertEqual(h.feed(":engine tree").out, "engine is tree\n")
        XCTAssertEqual(h.session.interpreter.host.engine, .tree)
        XCTAssertEqual(h.feed(":engine auto").out, "engine is auto\n")
        XCTAssertEqual(h.session.interpreter.host.engine, .auto)
        XCTAssertTrue(h.feed(":engine turbo").err.contains("unknown engine"))
    }

    func testUnknownMetaCommand() {
        let h = Harness()
        XCTAssertTrue(h.feed(":vras").err.contains("did you mean ':vars'"))
    }

    func testMetaCommandsOnlyStartAnEntry() {
        let h = Harness()
        XCTAssertEqual(h.feed("1 +").outcome, .needsMore)
        let r = h.feed(":vars")
        XCTAssertEqual(r.outcome, .done, "inside an entry, ':' is source text (an error here)")
        XCTAssertTrue(r.err.contains("error[E0203]:"), r.err)
    }

    // MARK: - Completion

    func testCompletesKeywordsFunctionsAndVariables() {
        let h = Harness()
        h.feed("let revenue = 1")
        XCTAssertEqual(h.session.completions(before: "whi").candidates, ["while"])
        XCTAssertEqual(h.session.completions(before: "1 + fmt_p").candidates, ["fmt_pct"])
        XCTAssertEqual(h.session.completions(before: "rev").candidates, ["revenue", "reverse"])
        XCTAssertEqual(h.session.completions(before: "rev").word, "rev")
    }

    func testCompletesStageNamesAfterPipe() {
        let h = Harness()
        h.feed(Self.tableSetup)
        XCTAssertEqual(h.session.completions(before: "t | summ").candidates, ["summarize"])
        XCTAssertTrue(h.session.completions(before: "t | wh").candidates.contains("where"))
    }

    func testCompletesColumnsOfTheTableFlowingIntoTheStage() {
        let h = Harness()
        h.feed(Self.tableSetup)
        h.feed("let regime = 1")
        XCTAssertEqual(h.session.completions(before: "t | where reg").candidates, ["regime", "region"])
        XCTAssertEqual(h.session.completions(before: "t | where year == 2021 | sort n | derive r = rate(ye").candidates, ["year"])
        XCTAssertTrue(h.session.completions(before: "t | derive share2 = n * 2 | sort sha").candidates.contains("share2"))
        XCTAssertFalse(h.session.completions(before: "reg").candidates.contains("region"), "columns only inside stages")
        XCTAssertEqual(h.session.completions(before: "t.re").candidates, ["region"])
    }

    func testCompletesColumnsAcrossLinesAndAfterLeadingPipe() {
        let h = Harness()
        h.feed(Self.tableSetup)
        h.feed("t |")
        XCTAssertEqual(h.session.completions(before: "where yea").candidates, ["year"])
        h.session.cancel()
        h.feed("t | select n")
        XCTAssertFalse(h.session.completions(before: "| where re").candidates.contains("region"), "_ has only n now")
        XCTAssertTrue(h.session.completions(before: "| sort ").candidates.contains("n"))
    }

    func testUnknownInputOffersColumnsOfTablesInScope() {
        let h = Harness()
        h.feed(Self.tableSetup)
        XCTAssertEqual(h.session.completions(before: "(t | take 1) | where regi").candidates, ["region"])
    }

    // Issue 19, item 7: after `read_csv("…") |` the file's own header, or no columns at all.
    func testReadCSVInputOffersTheFilesHeaderColumns() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-complete-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("cases.csv").path
        // Only the first line is read: the rest (invalid UTF-8 here) does not matter.
        try Data("\u{FEFF}年份,地区,\"地区 代码\",案件数\r\n2021,贵阳市,520100,3412\n\u{FF}\u{FE}".utf8).write(to: URL(fileURLWithPath: csv))
        let semicolons = folder.appendingPathComponent("semi.csv").path
        try "year;区县\n2021;南明区\n".write(toFile: semicolons, atomically: true, encoding: .utf8)

        let h = Harness()
        h.feed(Self.tableSetup)
        XCTAssertEqual(h.session.completions(before: "read_csv(\"\(csv)\") | where 地").candidates, ["地区"])
        XCTAssertEqual(h.session.completions(before: "let k = read_csv(\"\(csv)\") | derive r = 案").candidates, ["案件数"])
        XCTAssertEqual(h.session.completions(before: "read_csv(\"\(semicolons)\", sep: \";\") | where 区").candidates, ["区县"])
        XCTAssertEqual(h.session.completions(before: "read_csv(\"\(semicolons)\", \";\") | sort ye").candidates, ["year"])
        XCTAssertEqual(h.session.completions(before: "read_csv(\"\(csv)\") | where regi").candidates, [],
                       "never the columns of an unrelated table (region is t's)")
        XCTAssertEqual(h.session.completions(before: "read_csv(\"\(folder.path)/missing.csv\") | where regi").candidates, [])
        XCTAssertEqual(h.session.completions(before: "read_json(\"x.json\") | where regi").candidates, [])

        // Outside the sandbox the file is not even opened.
        let host = HostConfiguration(output: { _ in }, fileAccess: .folders([folder.appendingPathComponent("inner").path]))
        let sandboxed = Session(interpreter: Interpreter(host: host), output: { _ in })
        XCTAssertEqual(sandboxed.completions(before: "read_csv(\"\(csv)\") | where 地").candidates, [])
    }

    func testCompletesMetaCommandsAndTheirArguments() {
        let h = Harness()
        XCTAssertEqual(h.session.completions(before: ":fo").candidates, ["format"])
        XCTAssertEqual(h.session.completions(before: ":format ma").candidates, ["markdown"])
        XCTAssertEqual(h.session.completions(before: ":engine t").candidates, ["tree"])
        XCTAssertEqual(h.session.completions(before: ":help fmt_c").candidates, ["fmt_cn"])
        XCTAssertTrue(h.session.completions(before: ":load Sam").wantsFileName)
        XCTAssertTrue(h.session.completions(before: "read_csv(\"Sam").wantsFileName)
    }

    func testQuotesColumnNamesThatAreNotIdentifiers() {
        let h = Harness()
        h.feed("let u = table({`case count`: [1], ok: [2]})")
        XCTAssertEqual(h.session.completions(before: "u | where ").candidates.filter { $0.hasPrefix("`") }, ["`case count`"])
    }
}

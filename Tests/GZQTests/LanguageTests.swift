import Foundation
import XCTest
@testable import GZQ

/// The language of help texts: chosen from the locale, `--lang` or `HostConfiguration.language`;
/// `:help` for keywords, syntax and stages in English and Chinese; `gzq --help` in both.
final class LanguageTests: XCTestCase {
    // MARK: - Choosing the language

    func testLocaleVariablesInPOSIXOrder() {
        XCTAssertEqual(Language.fromLocale([:]), .en)
        XCTAssertEqual(Language.fromLocale(["LANG": "zh_CN.UTF-8"]), .zh)
        XCTAssertEqual(Language.fromLocale(["LANG": "zh_CN.GBK"]), .zh)
        XCTAssertEqual(Language.fromLocale(["LANG": "en_US.UTF-8"]), .en)
        XCTAssertEqual(Language.fromLocale(["LANG": "C"]), .en)
        // The first variable that is set and non-empty decides, even when it says English.
        XCTAssertEqual(Language.fromLocale(["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]), .en)
        XCTAssertEqual(Language.fromLocale(["LC_ALL": "zh_CN.UTF-8", "LANG": "C"]), .zh)
        XCTAssertEqual(Language.fromLocale(["LC_MESSAGES": "zh_TW.UTF-8", "LANG": "en_US.UTF-8"]), .zh)
        XCTAssertEqual(Language.fromLocale(["LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"]), .zh)
        // Other categories (LC_CTYPE, LC_NUMERIC) do not choose the language of messages.
        XCTAssertEqual(Language.fromLocale(["LC_CTYPE": "zh_CN.UTF-8"]), .en)
    }

    func testEmbeddersDefaultToEnglish() {
        XCTAssertEqual(HostConfiguration().language, .en)
    }

    // MARK: - :help

    private func session(_ language: Language) -> SessionTests.Harness {
        let h = SessionTests.Harness()
        h.session.interpreter.host.language = language
        return h
    }

    func testHelpLetInBothLanguages() {
        let english = session(.en).feed(":help let")
        XCTAssertEqual(english.err, "")
        XCTAssertTrue(english.out.hasPrefix("let NAME = EXPR\n  declares a variable"), english.out)
        let chinese = session(.zh).feed(":help let")
        XCTAssertEqual(chinese.err, "")
        XCTAssertTrue(chinese.out.hasPrefix("let 名称 = 表达式\n  在当前代码块中声明变量"), chinese.out)
    }

    func testHelpForSyntaxTopicsAndTheirOtherNames() {
        let h = session(.zh)
        XCTAssertTrue(h.feed(":help 万").out.contains("万 表示乘以一万"))
        XCTAssertTrue(h.feed(":help %").out.hasPrefix("数字："))
        XCTAssertTrue(h.feed(":help catch").out.hasPrefix("try { ... } catch 名称"))
        XCTAssertTrue(h.feed(":help or").out.hasPrefix("a and b"))
        XCTAssertTrue(h.feed(":help |").out.hasPrefix("表格 | 步骤"))
        let english = session(.en)
        XCTAssertTrue(english.feed(":help operators").out.hasPrefix("operators, loosest first:"))
        XCTAssertTrue(english.feed(":help else").out.hasPrefix("if COND"))
        // A function keeps its own help: the `error` function is not the `try` topic.
        XCTAssertTrue(english.feed(":help error").out.hasPrefix("error("), "error")
        XCTAssertTrue(english.feed(":help whle").err.contains("did you mean 'while'?"))
        XCTAssertEqual(english.session.completions(before: ":help whi").candidates, ["while"])
    }

    func testStageHelpFollowsTheLanguage() {
        XCTAssertEqual(session(.zh).feed(":help where").out, "where p   （表格步骤）\n  保留条件 p 为真的行\n")
        XCTAssertEqual(session(.en).feed(":help where").out, "where p   (table stage)\n  keep rows where p is truthy\n")
    }

    func testHelpAloneListsTheTopicsAndStages() {
        for language in Language.allCases {
            let text = session(language).feed(":help").out
            for topic in HelpTopics.topics { XCTAssertTrue(text.contains(" " + topic.names[0]), "\(language): \(topic.names[0])") }
            for stage in Session.stageHelp.keys { XCTAssertTrue(text.contains(stage), "\(language): \(stage)") }
            for command in Session.metaCommands { XCTAssertTrue(text.contains(":" + command.name), "\(language): \(command.name)") }
        }
        XCTAssertTrue(session(.zh).feed(":help").out.contains("关键字和语法："))
    }

    /// Every topic, stage and meta-command has both texts, and no topic name is taken twice.
    func testEveryHelpTextHasItsChinese() {
        var seen = Set<String>()
        for topic in HelpTopics.topics {
            let name = topic.names[0]
            XCTAssertFalse(topic.english.isEmpty, name)
            XCTAssertFalse(topic.chinese.isEmpty, name)
            XCTAssertNotEqual(topic.english, topic.chinese, name)
            XCTAssertTrue(topic.chinese.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }, "\(name) has no Chinese text")
            for alias in topic.names { XCTAssertTrue(seen.insert(alias).inserted, "\(alias) names two topics") }
        }
        for stage in Session.stageHelp.keys { XCTAssertNotNil(HelpTopics.stagesChinese[stage], "stage \(stage) has no Chinese help") }
        for command in Session.metaCommands { XCTAssertNotNil(HelpTopics.metaCommandsChinese[command.name], ":\(command.name) has no Chinese help") }
    }

    /// The list of keywords and syntax all have help.
    func testTheKeywordsHaveHelp() {
        for name in ["let", "fn", "if", "else", "for", "while", "break", "continue", "return", "try", "catch", "import",
                     "and", "or", "not", "operators", "%", "万", "亿", "strings", "dates", "null", "|"] {
            XCTAssertNotNil(HelpTopics.topic(name, in: .zh), name)
        }
    }

    // MARK: - gzq --help

    private func gzq(_ arguments: [String], environment: [String: String], input: String = "") throws -> (status: Int32, stdout: String, stderr: String) {
        guard let binary = CLITests.binary else {
            XCTFail("gzq binary not found: run `swift build` (make test does) or set GZQ_BIN")
            return (-1, "", "")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        // Only the variables given: the test's own locale must not decide.
        process.environment = environment.merging(["PATH": "/usr/bin:/bin"]) { a, _ in a }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        let stdin = Pipe()
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testUsageInChineseWithLangOption() throws {
        let run = try gzq(["--lang", "zh", "--help"], environment: [:])
        XCTAssertEqual(run.status, 0)
        XCTAssertTrue(run.stdout.hasPrefix("用法：gzq [选项]"), run.stdout)
        XCTAssertTrue(run.stdout.contains("--lang en|zh"))
        // --lang after --help still decides.
        XCTAssertTrue(try gzq(["--help", "--lang", "zh"], environment: [:]).stdout.hasPrefix("用法："))
    }

    func testUsageFollowsTheLocale() throws {
        XCTAssertTrue(try gzq(["--help"], environment: ["LANG": "zh_CN.UTF-8"]).stdout.hasPrefix("用法："))
        XCTAssertTrue(try gzq(["--help"], environment: ["LANG": "en_US.UTF-8"]).stdout.hasPrefix("usage: gzq"))
        XCTAssertTrue(try gzq(["--help"], environment: [:]).stdout.hasPrefix("usage: gzq"))
        XCTAssertTrue(try gzq(["--help"], environment: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]).stdout.hasPrefix("usage: gzq"))
        // --lang wins over the locale.
        XCTAssertTrue(try gzq(["--lang", "en", "--help"], environment: ["LANG": "zh_CN.UTF-8"]).stdout.hasPrefix("usage: gzq"))
    }

    func testUnknownLanguageIsAUsageError() throws {
        let run = try gzq(["--lang", "fr", "-e", "1"], environment: [:])
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("unknown language 'fr' (en or zh)"), run.stderr)
    }

    func testREPLHelpFollowsTheLocale() throws {
        let chinese = try gzq(["-i"], environment: ["LANG": "zh_CN.UTF-8"], input: ":help let\n")
        XCTAssertEqual(chinese.status, 0, chinese.stderr)
        XCTAssertTrue(chinese.stdout.hasPrefix("let 名称 = 表达式"), chinese.stdout)
        let english = try gzq(["-i"], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "C.UTF-8"], input: ":help let\n")
        XCTAssertTrue(english.stdout.hasPrefix("let NAME = EXPR"), english.stdout)
    }

    // MARK: - Diagnostics in the language in force (issue 17)

    private static let casesCSV = CLITests.root.appendingPathComponent("Samples/data/review_cases.csv").path

    func testEvaluateErrorFollowsTheLocaleWithIdAndCaret() throws {
        let program = "let cases = read_csv(\"\(Self.casesCSV)\")\ncases | where corected > 1"
        let caret = """
              --> <-e>:2:15
               |
             2 | cases | where corected > 1
               |               ^^^^^^^^

            """
        let chinese = try gzq(["-e", program], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(chinese.status, 1)
        XCTAssertEqual(chinese.stderr, "错误[E0526]：找不到列 'corected'（你是不是想写 'corrected'？）\n" + caret)
        let english = try gzq(["-e", program], environment: ["LANG": "C"])
        XCTAssertEqual(english.stderr, "error[E0526]: unknown column 'corected' (did you mean 'corrected'?)\n" + caret)
        // LC_ALL wins over LANG, and --lang over both.
        XCTAssertTrue(try gzq(["-e", program], environment: ["LANG": "zh_CN.UTF-8", "LC_ALL": "C"]).stderr.hasPrefix("error[E0526]: "))
        XCTAssertTrue(try gzq(["--lang", "zh", "-e", program], environment: ["LANG": "C"]).stderr.hasPrefix("错误[E0526]："))
    }

    /// `--check` reads no data, but a pipeline over a CSV file named by literals has its first
    /// step's columns checked against the file's header line: the acceptance case of issue 17,
    /// in both languages, with its id and caret — and no error for programs that are right.
    func testCheckFindsAnUnknownColumnFromTheHeader() throws {
        let data = CLITests.root.appendingPathComponent("Samples/data/review_cases.csv").path
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-check-\(UUID().uuidString).gzq")
        try """
        let cases = read_csv("\(data)")
        let n = 3
        cases | derive r = rate(corrected, concluded), s = r * 2 | where s > 0 and year > n
        cases | summarize c = sum(concluded) by region | sort c desc
        cases | where corected > 1
        read_csv("\(data)") | select region, yaer

        """.write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let chinese = try gzq(["--check", script.path], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(chinese.status, 2)
        XCTAssertTrue(chinese.stderr.hasPrefix("错误[E0526]：找不到列 'corected'（你是不是想写 'corrected'？）\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains(":5:15\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains(" 5 | cases | where corected > 1\n   |               ^^^^^^^^\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains("错误[E0526]：找不到列 'yaer'（你是不是想写 'year'？）"), chinese.stderr)
        let english = try gzq(["--check", script.path], environment: ["LANG": "C"])
        XCTAssertTrue(english.stderr.hasPrefix("error[E0526]: unknown column 'corected' (did you mean 'corrected'?)\n"), english.stderr)
        // Lines 1–4 are right: derived columns, variables and later steps give no error.
        XCTAssertEqual(english.stderr.components(separatedBy: "error[").count - 1, 2, english.stderr)
    }

    /// `--check` reports syntax and name errors in the same language and form.
    func testCheckFollowsTheLocale() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-lang-\(UUID().uuidString).gzq")
        try "let corrected = 1\nprint(corected)\nlet = 2\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let chinese = try gzq(["--check", script.path], environment: ["LANG": "zh_CN.UTF-8"])
        XCTAssertEqual(chinese.status, 2)
        XCTAssertTrue(chinese.stderr.hasPrefix("错误[E0309]：变量 'corected' 没有定义（你是不是想写 'corrected'？）\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains("错误[E0211]：应有 名称（在 let 后面），实际是 '='\n"), chinese.stderr)
        XCTAssertTrue(chinese.stderr.contains(" 2 | print(corected)\n   |       ^^^^^^^^\n"), chinese.stderr)
        let english = try gzq(["--check", script.path], environment: ["LANG": "C"])
        XCTAssertTrue(english.stderr.hasPrefix("error[E0309]: undefined variable 'corected' (did you mean 'corrected'?)\n"), english.stderr)
        XCTAssertTrue(english.stderr.contains("error[E0211]: expected name after 'let', found '='\n"), english.stderr)
    }

    func testUsageErrorsFollowTheLocale() throws {
        XCTAssertEqual(try gzq(["--bogus"], environment: ["LANG": "zh_CN.UTF-8"]).stderr, "错误[E0991]：没有 '--bogus' 这个选项（用 gzq --help 查看全部选项）\n")
        XCTAssertEqual(try gzq(["--bogus"], environment: [:]).stderr, "error[E0991]: unknown option '--bogus' (gzq --help lists the options)\n")
    }
}

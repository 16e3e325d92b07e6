import XCTest
@testable import GZQ

/// Hints for SQL, pandas and spreadsheet habits: where the caret goes (the messages
/// themselves are checked under both engines in Tests/conformance/hints).
final class HabitHintsTests: XCTestCase {
    private func errors(_ text: String) -> [(message: String, start: Int32, end: Int32)] {
        Parser.parseProgram(SourceFile(name: "t.gzq", text: text), file: 0).errors.map { ($0.message, $0.span.start, $0.span.end) }
    }

    /// The one error of `text`, with the text under its caret.
    private func single(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> (message: String, underCaret: String) {
        let found = errors(text)
        XCTAssertEqual(found.count, 1, "\(found)", file: file, line: line)
        guard let first = found.first else { return ("", "") }
        let bytes = Array(text.utf8)
        return (first.message, String(decoding: bytes[Int(first.start)..<Int(first.end)], as: UTF8.self))
    }

    func testSingleEqualsCaretIsAtTheEquals() {
        for text in ["t | where year = 2021", "t | check corrected = concluded", "t | join u on region = region",
                     "if x = 1 { 2 }", "let y = t | where a = 1", "print(x = 1)"] {
            let error = single(text)
            XCTAssertEqual(error.message, HabitHints.singleEquals.description, text)
            XCTAssertEqual(error.underCaret, "=", text)
        }
        // Changing a value through an index or a field keeps its own message.
        XCTAssertEqual(single("xs[0] = 1").message, "only a variable can be assigned (values are immutable; build a new one instead)")
        XCTAssertEqual(single("let = 1").message, "expected name after 'let', found '='")
        XCTAssertEqual(single("for i = 0 { }").message, "expected 'in' after the loop variable, found '='")
    }

    func testOperatorsFromOtherLanguagesAreOneErrorEach() {
        XCTAssertEqual(single("a && b").underCaret, "&&")
        XCTAssertEqual(single("a || b").underCaret, "||")
        XCTAssertEqual(single("a || b").message, "'||' is not an operator: write 'or'")
        XCTAssertEqual(single("t | where a > 1 AND b < 2").underCaret, "AND")
        XCTAssertEqual(single("t | where NOT a").underCaret, "NOT")
        XCTAssertEqual(single("t | sort a DESC").underCaret, "DESC")
        XCTAssertEqual(single("t | where a is null").underCaret, "is")
        // `x | y` stays a pipe, `|` and `||` are told apart.
        XCTAssertEqual(errors("t | where a > 1 | select a").count, 0)
    }

    func testChineseInputPunctuation() {
        let quoted = single("print(“毕节市”)")
        XCTAssertEqual(quoted.message, HabitHints.curlyQuotes.description)
        XCTAssertEqual(quoted.underCaret, "“毕节市”")
        // A full-width character is reported once and read as the ASCII one: the call parses.
        let program = Parser.parseProgram(SourceFile(name: "t.gzq", text: "print(1，2)"), file: 0)
        XCTAssertEqual(program.errors.map(\.message), ["full-width '，' in code: write ','"])
        guard case .expr(let e) = program.statements.first?.kind, case .call(_, let arguments) = e.kind else {
            return XCTFail("expected a call, got \(program.statements)")
        }
        XCTAssertEqual(arguments.count, 2)
        XCTAssertEqual(errors("print（1）").map(\.message), ["full-width '（' in code: write '('", "full-width '）' in code: write ')'"])
    }

    func testStageWordsPointAtTheWord() {
        for (text, word) in [("t | filter a > 1", "filter"), ("t | head 5", "head"), ("t | limit 5", "limit"),
                             ("t | group by region", "group"), ("t | order by a", "order")] {
            XCTAssertEqual(single(text).underCaret, word, text)
        }
        XCTAssertEqual(single("t | select *").underCaret, "*")
        XCTAssertEqual(single("t | summarize n = count(*)").underCaret, "*)")
        XCTAssertEqual(single(#"t | where a in ("x", "y")"#).underCaret, ",")
        XCTAssertEqual(single(#"f(t | derive a = 1, x: "r")"#).underCaret, "x")
        // The functions of those names stay callable.
        XCTAssertEqual(errors("xs | filter(fn(x) x > 1)").count, 0)
    }

    func testQuoteSuffixOnlyForChineseNamesWithoutACloseMatch() {
        XCTAssertEqual(HabitHints.quoteSuffix(for: "毕节市", after: .none, column: true).description, #" (to compare with the text, write "毕节市")"#)
        XCTAssertEqual(HabitHints.quoteSuffix(for: "地区名", after: Suggest.suffix(for: "地区名", in: ["地区"]), column: true).description, " (did you mean '地区'?)")
        XCTAssertEqual(HabitHints.quoteSuffix(for: "regoin", after: .none).description, "")
        XCTAssertEqual(HabitHints.quoteSuffix(for: "全省", after: .none).description, #" (for the text, write "全省")"#)
    }
}

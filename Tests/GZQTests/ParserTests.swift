import Foundation
import XCTest
@testable import GZQ

/// The parser: precedence and associativity (REFERENCE §3), spans, the shapes of statements,
/// and panic-mode recovery that reports every error of a file in one run.
final class ParserTests: XCTestCase {
    private func parse(_ text: String) -> (statements: [Stmt], errors: [SyntaxError]) {
        Parser.parseProgram(SourceFile(name: "t.gzq", text: text), file: 0)
    }

    /// The single expression statement of `text`, as an S-expression.
    private func tree(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let result = parse(text)
        XCTAssertEqual(result.errors.map(\.message), [], file: file, line: line)
        guard result.statements.count == 1 else { return "<\(result.statements.count) statements>" }
        return Self.show(result.statements[0])
    }

    private func messages(_ text: String) -> [String] {
        parse(text).errors.map(\.message)
    }

    static func show(_ s: Stmt) -> String {
        switch s.kind {
        case .expr(let e): return show(e)
        case .letBinding(let n, let e): return "(let \(n.text) \(show(e)))"
        case .assign(let n, let e): return "(set \(n.text) \(show(e)))"
        case .function(let d): return "(fn \(d.name?.text ?? "_") [\(d.params.map(\.name.text).joined(separator: " "))] \(show(d.body)))"
        case .returnValue(let e): return e.map { "(return \(show($0)))" } ?? "(return)"
        case .breakLoop: return "(break)"
        case .continueLoop: return "(continue)"
        case .forIn(let n, let a, let b): return "(for \(n.text) \(show(a)) \(show(b)))"
        case .whileLoop(let a, let b): return "(while \(show(a)) \(show(b)))"
        case .importFile(let path, let alias): return "(import \(path)\(alias.map { " as \($0.text)" } ?? ""))"
        }
    }

    static func show(_ e: Expr) -> String {
        switch e.kind {
        case .null: return "null"
        case .bool(let b): return "\(b)"
        case .int(let i): return "\(i)"
        case .float(let d): return "\(d)"
        case .date(let d): return "@" + CivilDate.format(d)
        case .string(let parts):
            return "\"" + parts.map { part -> String in
                switch part {
                case .text(let t): return t
                case .expr(let x): return "\\(\(show(x)))"
                }
            }.joined() + "\""
        case .name(let n): return n
        case .list(let items): return "[" + items.map(show).joined(separator: " ") + "]"
        case .record(let entries): return "{" + entries.map { "\($0.key.text): \(show($0.value))" }.joined(separator: ", ") + "}"
        case .unary(.negate, let x): return "(- \(show(x)))"
        case .unary(.not, let x): return "(not \(show(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(show(a)) \(show(b)))"
        case .call(let f, let args):
            return "(call \(show(f))" + args.map { " " + ($0.label.map { "\($0.text): " } ?? "") + show($0.value) }.joined() + ")"
        case .index(let a, let i): return "(index \(show(a)) \(show(i)))"
        case .field(let a, let n): return "(. \(show(a)) \(n.text))"
        case .block(let statements): return "(block" + statements.map { " " + show($0) }.joined() + ")"
        case .ifElse(let c, let t, let o): return "(if \(show(c)) \(show(t))\(o.map { " " + show($0) } ?? ""))"
        case .lambda(let d): return "(lambda [\(d.params.map(\.name.text).joined(separator: " "))] \(show(d.body)))"
        case .tryCatch(let b, let n, let h): return "(try \(show(b)) \(n.text) \(show(h)))"
        case .stage(let input, _): return "(stage \(show(input)))"
        case .invalid: return "<invalid>"
        }
    }

    // MARK: - Precedence and associativity

    func testArithmeticPrecedence() {
        XCTAssertEqual(tree("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(tree("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(tree("1 - 2 - 3"), "(- (- 1 2) 3)", "left associative")
        XCTAssertEqual(tree("a * b / c // d mod e"), "(mod (// (/ (* a b) c) d) e)")
    }

    func testPowerIsRightAssociativeAndBindsTighterThanUnaryMinus() {
        XCTAssertEqual(tree("2 ^ 3 ^ 2"), "(^ 2 (^ 3 2))")
        XCTAssertEqual(tree("-x ^ 2"), "(- (^ x 2))")
        XCTAssertEqual(tree("-2 * 3"), "(* (- 2) 3)")
        XCTAssertEqual(tree("2 * -x"), "(* 2 (- x))")
        XCTAssertEqual(tree("2 ^ -1"), "(^ 2 (- 1))")
    }

    func testLogicalAndCoalescePrecedence() {
        XCTAssertEqual(tree("a or b and c"), "(or a (and b c))")
        XCTAssertEqual(tree("not a == b"), "(not (== a b))")
        XCTAssertEqual(tree("not a and b"), "(and (not a) b)")
        XCTAssertEqual(tree("a ?? b or c"), "(?? a (or b c))")
        XCTAssertEqual(tree("a ?? b ?? c"), "(?? a (?? b c))", "right associative")
    }

    func testComparisonRangeAndMembership() {
        XCTAssertEqual(tree("a + 1 < b * 2"), "(< (+ a 1) (* b 2))")
        XCTAssertEqual(tree("1..n + 1"), "(.. 1 (+ n 1))")
        XCTAssertEqual(tree("x in 1..3"), "(in x (.. 1 3))")
        XCTAssertEqual(tree("1..3 == xs"), "(== (.. 1 3) xs)")
    }

    func testComparisonsDoNotChain() {
        XCTAssertEqual(messages("1 < 2 < 3"), ["'<' cannot be chained; add parentheses"])
        XCTAssertEqual(messages("a == b != c"), ["'!=' cannot be chained; add parentheses"])
        XCTAssertEqual(messages("1..2..3"), ["'..' cannot be chained; add parentheses"])
        XCTAssertEqual(tree("(1 < 2) == true"), "(== (< 1 2) true)")
    }

    func testPostfixBindsTightest() {
        XCTAssertEqual(tree("-a.b[0](1)"), "(- (call (index (. a b) 0) 1))")
        XCTAssertEqual(tree("f(x)(y)"), "(call (call f x) y)")
    }

    func testPipeIsLowestAndInsertsTheFirstArgument() {
        XCTAssertEqual(tree("x | f(a, b)"), "(call f x a b)")
        XCTAssertEqual(tree("x | f"), "(call f x)")
        XCTAssertEqual(tree("a + 1 | f | g(2)"), "(call g (call f (+ a 1)) 2)")
        XCTAssertEqual(tree("x ?? y | f"), "(call f (?? x y))")
        XCTAssertEqual(tree("xs | sort | reverse"), "(call reverse (call sort xs))", "a bare stage name is the function")
    }

    func testIntMinLiteral() {
        XCTAssertEqual(tree("-9223372036854775808"), "-9223372036854775808")
        XCTAssertEqual(tree("- -9223372036854775808"), "(- -9223372036854775808)")
        XCTAssertEqual(messages("9223372036854775808"), ["integer literal is too large (the limit is 9223372036854775807)"])
        XCTAssertEqual(messages("-9223372036854775808 ^ 2"), ["integer literal is too large (the limit is 9223372036854775807)"],
                       "-(9223372036854775808 ^ 2): the literal is not negated first")
    }

    // MARK: - Shapes

    func testStatements() {
        XCTAssertEqual(tree("let x = 1"), "(let x 1)")
        XCTAssertEqual(tree("x = x + 1"), "(set x (+ x 1))")
        XCTAssertEqual(tree("fn f(a, b = 2) { a + b }"), "(fn f [a b] (block (+ a b)))")
        XCTAssertEqual(tree("fn sq(x) x * x"), "(fn sq [x] (* x x))")
        XCTAssertEqual(tree("for y in 2017..2021 { print(y) }"), "(for y (.. 2017 2021) (block (call print y)))")
        XCTAssertEqual(tree("while i < 3 { i = i + 1; break }"), "(while (< i 3) (block (set i (+ i 1)) (break)))")
        XCTAssertEqual(tree(#"import "lib.gzq" as lib"#), "(import lib.gzq as lib)")
    }

    func testExpressions() {
        XCTAssertEqual(tree("if a { 1 } else if b { 2 } else { 3 }"), "(if a (block 1) (if b (block 2) (block 3)))")
        XCTAssertEqual(tree("if a { 1 }\nelse { 2 }"), "(if a (block 1) (block 2))", "else may start a line")
        XCTAssertEqual(tree("fn(x) x * 2"), "(lambda [x] (* x 2))")
        XCTAssertEqual(tree("try { f() } catch e { e.message }"), "(try (block (call f)) e (block (. e message)))")
        XCTAssertEqual(tree("f(1, digits: 2)"), "(call f 1 digits: 2)")
        XCTAssertEqual(tree(#""a\(x + 1)b""#), #""a\((+ x 1))b""#)
    }

    func testBracesAreRecordsOrBlocks() {
        XCTAssertEqual(tree("{}"), "{}")
        XCTAssertEqual(tree("{a: 1, \"b c\": 2}"), "{a: 1, b c: 2}")
        XCTAssertEqual(tree("{\n  a: 1,\n  b: 2,\n}"), "{a: 1, b: 2}")
        XCTAssertEqual(tree("{ a }"), "(block a)")
        XCTAssertEqual(tree("{ let t = 1; t }"), "(block (let t 1) t)")
    }

    func testSpans() throws {
        let source = "let r = rate(a, b) + 1"
        let statement = try XCTUnwrap(parse(source).statements.first)
        XCTAssertEqual(statement.span, Span(file: 0, start: 0, end: 22))
        guard case .letBinding(let name, let value) = statement.kind,
              case .binary(.add, let call, let one) = value.kind else { return XCTFail("shape") }
        XCTAssertEqual(name.span, Span(file: 0, start: 4, end: 5))
        XCTAssertEqual(value.span, Span(file: 0, start: 8, end: 22))
        XCTAssertEqual(call.span, Span(file: 0, start: 8, end: 18))
        XCTAssertEqual(one.span, Span(file: 0, start: 21, end: 22))
        // Parentheses widen the span to include themselves.
        let paren = try XCTUnwrap(parse("(1 + 2)").statements.first)
        XCTAssertEqual(paren.span, Span(file: 0, start: 0, end: 7))
    }

    // MARK: - Errors and recovery

    func testErrorMessagesAndSpans() {
        let result = parse("let = 1")
        XCTAssertEqual(result.errors.map(\.message), ["expected name after 'let', found '='"])
        XCTAssertEqual(result.errors.first?.span, Span(file: 0, start: 4, end: 5))
        XCTAssertEqual(messages("print(1 +)"), ["expected an expression, found ')'"])
        XCTAssertEqual(messages("f(a: 1, 2)"), ["a positional argument cannot follow a named one"])
        XCTAssertEqual(messages("fn f(a, a) { a }"), ["duplicate parameter 'a'"])
        XCTAssertEqual(messages("fn f(a = 1, b) { a }"), ["parameter 'b' needs a default value because an earlier one has one"])
        XCTAssertEqual(messages("{a: 1, a: 2}"), ["duplicate field 'a' in record"])
        XCTAssertEqual(messages("xs[0] = 1"), ["only a variable can be assigned (values are immutable; build a new one instead)"])
        XCTAssertEqual(messages("print(1) print(2)"), ["expected end of statement, found 'print'"])
        XCTAssertEqual(messages("try { 1 }"), ["expected 'catch' after the 'try' block, found end of input"])
        XCTAssertEqual(messages(#""\()""#), [#"empty interpolation '\()' in string"#])
        XCTAssertEqual(messages(#""\(1 +)""#), ["expected an expression, found ')'"])
    }

    func testEndOfInputErrorsPointAfterTheLastToken() {
        let result = parse("print(1\n\n\n")
        XCTAssertEqual(result.errors.map(\.message), ["expected ')' to close the argument list, found end of input"])
        XCTAssertEqual(result.errors.first?.span.start, 7)
        XCTAssertEqual(result.errors.first?.atEndOfInput, true)
        XCTAssertEqual(parse("print(1))").errors.first?.atEndOfInput, false)
    }

    func testPanicModeReportsEveryErrorInOneRun() {
        let result = parse("""
        let = 1
        print(1 +)
        let ok = 2
        fn f(a { a }
        let shown = ok
        x = [1, 2
        """)
        XCTAssertEqual(result.errors.map(\.message), [
            "expected name after 'let', found '='",
            "expected an expression, found ')'",
            "expected ')' to close the parameter list, found '{'",
            "expected ']' to close the list, found end of input",
        ])
        // The good statements between the broken ones are still parsed.
        let shown = result.statements.map(Self.show)
        XCTAssertTrue(shown.contains("(let ok 2)"), "\(shown)")
        XCTAssertTrue(shown.contains("(let shown ok)"), "\(shown)")
    }

    func testRecoveryInsideABlockStaysInTheBlock() {
        let result = parse("""
        fn f() {
          let a = 1 +* 2
          print(a)
        }
        print(f())
        """)
        XCTAssertEqual(result.errors.map(\.message), ["expected an expression, found '*'"])
        XCTAssertEqual(result.statements.map(Self.show), ["(fn f [] (block (let a <invalid>) (call print a)))", "(call print (call f))"])
    }

    func testUnclosedParenthesisEndsAtTheNextStatementWord() {
        let result = parse("let a = f(1, 2\nlet b = [3\nfor x in xs { print(x) }")
        XCTAssertEqual(result.errors.map(\.message), [
            "expected ')' to close the argument list, found end of line",
            "expected ']' to close the list, found end of line",
        ])
        XCTAssertEqual(result.statements.map(Self.show).last, "(for x xs (block (call print x)))")
        // Without such a word, a line break inside brackets is only a space.
        XCTAssertEqual(tree("f(1,\n  2)"), "(call f 1 2)")
    }

    func testBrokenLetAndFnStillDeclareTheirNames() {
        let result = parse("let x = 1 +* 2\nfn g(a { a }")
        XCTAssertEqual(result.statements.map(Self.show), ["(let x <invalid>)", "(fn g [] <invalid>)"])
    }

    func testStrayClosingBraceIsSkipped() {
        let result = parse("print(1)\n}\nprint(2 +)\n}")
        XCTAssertEqual(result.errors.map(\.message),
                       ["expected an expression, found '}'", "expected an expression, found ')'", "expected an expression, found '}'"])
        XCTAssertEqual(result.statements.map(Self.show), ["(call print 1)"])
    }

    func testErrorInsideARecordSkipsTheWholeRecord() {
        let result = parse("let r = {\n  a: 1,\n  a: 2,\n  b: 3\n}\nprint(r)")
        XCTAssertEqual(result.errors.map(\.message), ["duplicate field 'a' in record"])
        XCTAssertEqual(result.statements.map(Self.show), ["(let r <invalid>)", "(call print r)"])
    }

    func testLexerErrorsAreNotReportedTwice() {
        XCTAssertEqual(messages("let a = $"), ["unexpected character '$'"])
        XCTAssertEqual(messages("let a = 5 % 2"), ["'%' is not an operator: use 'mod' for remainders; a percent literal needs digits right before '%'"])
        XCTAssertEqual(messages("print(\"abc)\nprint(1 +)"), ["unterminated string", "expected an expression, found ')'"])
    }

    /// Deep input recurses deeply: parse it on a thread with a stack as large as the
    /// interpreter's own (the test runner's main thread has only a few megabytes).
    private func messagesOnLargeStack(_ text: String) -> [String] {
        final class Box: @unchecked Sendable { var messages: [String] = [] }
        let box = Box()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.messages = Parser.parseProgram(SourceFile(name: "t.gzq", text: text), file: 0).errors.map(\.message)
            done.signal()
        }
        thread.stackSize = 1 << 30
        thread.start()
        done.wait()
        return box.messages
    }

    func testNestingLimit() {
        let ok = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertEqual(messagesOnLargeStack(ok), [])
        let lists = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        XCTAssertEqual(messagesOnLargeStack(lists), [], "one level per list, not two")
        let deep = String(repeating: "(", count: Parser.maxNesting + 1) + "1" + String(repeating: ")", count: Parser.maxNesting + 1)
        XCTAssertEqual(messagesOnLargeStack(deep), ["nesting is too deep (more than 20000 levels)"])
        let blocks = String(repeating: "for x in y { ", count: 30_000) + String(repeating: "}", count: 30_000)
        XCTAssertEqual(messagesOnLargeStack(blocks), ["nesting is too deep (more than 20000 levels)"])
    }
}

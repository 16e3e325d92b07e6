import XCTest
@testable import GZQ

/// The lexer on its own: token kinds, byte-offset spans, literal values and suffixes,
/// the newline rules of REFERENCE §1, and its error messages.
final class LexerTests: XCTestCase {
    private func lex(_ text: String) -> (tokens: [Token], errors: [SyntaxError]) {
        Lexer.tokenize(SourceFile(name: "t.gzq", text: text), file: 0)
    }

    private func kinds(_ text: String) -> [Token.Kind] {
        lex(text).tokens.map(\.kind)
    }

    private func only(_ text: String) throws -> Token {
        let tokens = lex(text).tokens.filter { $0.kind != .newline && $0.kind != .eof }
        XCTAssertEqual(tokens.count, 1, "\(text) gave \(tokens.map(\.kind))")
        return try XCTUnwrap(tokens.first)
    }

    private func intValue(_ token: Token) -> Int? {
        if case .int(let v) = token.value { return v }
        return nil
    }

    private func floatValue(_ token: Token) -> Double? {
        if case .float(let v) = token.value { return v }
        return nil
    }

    // MARK: - Tokens and spans

    func testKindsOfASimpleStatement() {
        XCTAssertEqual(kinds("let x = 1 + 2.5"), [.kwLet, .identifier, .equal, .int, .plus, .float, .newline, .eof])
        XCTAssertEqual(kinds("a // b mod c ^ d"), [.identifier, .slashSlash, .identifier, .kwMod, .identifier, .caret, .identifier, .newline, .eof])
        XCTAssertEqual(kinds("a == b != c <= d >= e < f > g"),
                       [.identifier, .equalEqual, .identifier, .bangEqual, .identifier, .lessEqual, .identifier,
                        .greaterEqual, .identifier, .less, .identifier, .greater, .identifier, .newline, .eof])
        XCTAssertEqual(kinds("a ?? b .. c | d"), [.identifier, .questionQuestion, .identifier, .dotDot, .identifier, .pipe, .identifier, .newline, .eof])
        XCTAssertEqual(kinds("x.y[0]"), [.identifier, .dot, .identifier, .leftBracket, .int, .rightBracket, .newline, .eof])
    }

    func testSpansAreUTF8ByteOffsets() {
        let tokens = lex("let 纠错率 = 19.58%").tokens
        // `let` 0..<3, the name is three 3-byte characters: 4..<13.
        XCTAssertEqual(tokens[0].span, Span(file: 0, start: 0, end: 3))
        XCTAssertEqual(tokens[1].span, Span(file: 0, start: 4, end: 13))
        XCTAssertEqual(tokens[1].name, "纠错率")
        XCTAssertEqual(tokens[2].span, Span(file: 0, start: 14, end: 15))
        XCTAssertEqual(tokens[3].span, Span(file: 0, start: 16, end: 22)) // `19.58%` includes the suffix
        let yi = lex("x = 1.43亿").tokens[2]
        XCTAssertEqual(yi.span, Span(file: 0, start: 4, end: 11)) // 亿 is 3 bytes
    }

    func testEndTokensSitRightAfterTheLastToken() {
        let tokens = lex("print(1)\n\n\n").tokens
        XCTAssertEqual(tokens.suffix(2).map(\.kind), [.newline, .eof])
        let eof = tokens[tokens.count - 1]
        XCTAssertEqual(eof.span.start, 8)
        XCTAssertEqual(eof.span.end, 8, "zero width")
        XCTAssertEqual(lex("").tokens.map(\.kind), [.eof])
    }

    func testKeywordsAndNames() {
        XCTAssertEqual(kinds("let fn return if else for in while break continue true false null and or not mod import as try catch"),
                       [.kwLet, .kwFn, .kwReturn, .kwIf, .kwElse, .kwFor, .kwIn, .kwWhile, .kwBreak, .kwContinue,
                        .kwTrue, .kwFalse, .kwNull, .kwAnd, .kwOr, .kwNot, .kwMod, .kwImport, .kwAs, .kwTry, .kwCatch, .newline, .eof])
        // Stage names are ordinary identifiers to the lexer.
        for word in ["where", "select", "derive", "summarize", "by", "sort", "asc", "desc", "take", "join", "left", "on",
                     "distinct", "rename", "drop", "append", "pivot"] {
            XCTAssertEqual(kinds(word).first, .identifier, word)
        }
        XCTAssertEqual(lex("_a1 地区2").tokens.prefix(2).map(\.name), ["_a1", "地区2"])
    }

    func testBacktickNames() throws {
        let t = try only("`case count`")
        XCTAssertEqual(t.kind, .identifier)
        XCTAssertEqual(t.name, "case count")
        XCTAssertEqual(t.span, Span(file: 0, start: 0, end: 12))
        XCTAssertEqual(try only("`if`").kind, .identifier)
        XCTAssertEqual(lex("`abc").errors.map(\.message), ["unterminated quoted name"])
        XCTAssertEqual(lex("``").errors.map(\.message), ["empty quoted name"])
    }

    func testCommentsAreSkipped() {
        XCTAssertEqual(kinds("# only a comment"), [.eof])
        XCTAssertEqual(kinds("1 # one\n2"), [.int, .newline, .int, .newline, .eof])
    }

    // MARK: - Numbers

    func testIntegers() throws {
        XCTAssertEqual(intValue(try only("42")), 42)
        XCTAssertEqual(intValue(try only("1_000_000")), 1_000_000)
        XCTAssertEqual(intValue(try only("9223372036854775807")), Int.max)
        let tooBig = lex("99999999999999999999")
        XCTAssertEqual(tooBig.errors.map(\.message), ["integer literal is too large (the limit is 9223372036854775807)"])
        XCTAssertEqual(tooBig.errors.first?.span, Span(file: 0, start: 0, end: 20))
    }

    func testMagnitudeOfTheSmallestIntIsItsOwnToken() throws {
        let t = try only("9223372036854775808")
        XCTAssertEqual(t.kind, .int)
        guard case .intMinMagnitude = t.value else { return XCTFail("expected the Int.min magnitude marker") }
        XCTAssertTrue(lex("9223372036854775808").errors.isEmpty, "the parser decides: valid only after a minus")
    }

    func testFloats() throws {
        XCTAssertEqual(floatValue(try only("3.14")), 3.14)
        XCTAssertEqual(floatValue(try only("1e6")), 1e6)
        XCTAssertEqual(floatValue(try only("2.5e-3")), 2.5e-3)
        XCTAssertEqual(floatValue(try only("1E+2")), 100)
        XCTAssertEqual(floatValue(try only("1e0000001")), 10)
        // `1.` is an int followed by a dot (so `1..3` is a range).
        XCTAssertEqual(kinds("1..3"), [.int, .dotDot, .int, .newline, .eof])
    }

    func testPercentLiteralsAreExactInDecimal() throws {
        XCTAssertEqual(floatValue(try only("58.82%")), 0.5882)
        XCTAssertNotEqual(58.82 / 100, 0.5882, "the point of scaling in decimal")
        XCTAssertEqual(floatValue(try only("65.81%")), 0.6581)
        XCTAssertEqual(floatValue(try only("100%")), 1.0)
        XCTAssertEqual(try only("5%").kind, .float)
    }

    func testChineseMagnitudeSuffixes() throws {
        let wan = try only("610万")
        XCTAssertEqual(wan.kind, .int)
        XCTAssertEqual(intValue(wan), 6_100_000)
        let yi = try only("1.43亿")
        XCTAssertEqual(yi.kind, .int)
        XCTAssertEqual(intValue(yi), 143_000_000)
        let fractional = try only("1.23456万")
        XCTAssertEqual(fractional.kind, .float)
        XCTAssertEqual(floatValue(fractional), 12345.6)
        XCTAssertEqual(lex("1000000000000亿").errors.map(\.message), ["integer literal is too large (the limit is 9223372036854775807)"])
    }

    func testPercentSignAloneIsAnError() {
        let result = lex("5 % 2")
        XCTAssertEqual(result.errors.map(\.message), ["'%' is not an operator: use 'mod' for remainders; a percent literal needs digits right before '%'"])
        XCTAssertEqual(result.errors.first?.span, Span(file: 0, start: 2, end: 3))
        XCTAssertEqual(result.tokens.map(\.kind), [.int, .error, .int, .newline, .eof])
    }

    // MARK: - Dates and strings

    func testDates() throws {
        let t = try only("@2021-06-30")
        XCTAssertEqual(t.kind, .date)
        guard case .date(let days) = t.value else { return XCTFail("no date value") }
        XCTAssertEqual(days, CivilDate.days(year: 2021, month: 6, day: 30))
        XCTAssertEqual(CivilDate.format(days), "2021-06-30")
        XCTAssertEqual(lex("@2021-02-29").errors.map(\.message), ["invalid date @2021-02-29"])
        XCTAssertEqual(lex("@2021-6-30").errors.map(\.message), ["a date literal is written @YYYY-MM-DD"])
    }

    private func pieces(_ text: String) -> [Token.StringPiece] {
        guard case .pieces(let p) = lex(text).tokens.first?.value else { return [] }
        return p
    }

    func testStringEscapes() {
        guard case .text(let s) = pieces(#""a\tb\\c\"d\u{4E2D}\n""#).first else { return XCTFail("no text") }
        XCTAssertEqual(s, "a\tb\\c\"d中\n")
        XCTAssertEqual(lex(#""a\qb""#).errors.map(\.message), [#"unknown escape sequence in string (use \n \t \r \\ \" \u{…} or \(…))"#])
        XCTAssertEqual(lex(#""\u4E2D""#).errors.map(\.message), [#"a unicode escape is written \u{4E2D}"#])
        XCTAssertEqual(lex(#""\u{110000}""#).errors.map(\.message), [#"invalid unicode scalar \u{110000}"#])
    }

    func testUnterminatedStringLeavesAnErrorToken() {
        let result = lex("print(\"abc)")
        XCTAssertEqual(result.errors.map(\.message), ["unterminated string"])
        XCTAssertEqual(result.errors.first?.span, Span(file: 0, start: 6, end: 11))
        XCTAssertEqual(result.tokens.map(\.kind), [.identifier, .leftParen, .error, .newline, .eof])
    }

    func testInterpolationPiecesAreByteRanges() {
        let source = #""rate: \(fmt_pct(r)) of \("x")""#
        let p = pieces(source)
        XCTAssertEqual(p.count, 4)
        guard case .text(let first) = p[0], case .interpolation(let s1, let e1) = p[1],
              case .text(let middle) = p[2], case .interpolation(let s2, let e2) = p[3] else { return XCTFail("\(p)") }
        XCTAssertEqual(first, "rate: ")
        XCTAssertEqual(middle, " of ")
        let bytes = Array(source.utf8)
        XCTAssertEqual(String(decoding: bytes[Int(s1)..<Int(e1)], as: UTF8.self), "fmt_pct(r)")
        XCTAssertEqual(String(decoding: bytes[Int(s2)..<Int(e2)], as: UTF8.self), "\"x\"")
        XCTAssertEqual(lex(#""\(1 + (2"#).errors.map(\.message), [#"unterminated interpolation '\(' in string"#])
    }

    // MARK: - Newlines

    func testNewlineAfterABinaryOperatorContinuesTheLine() {
        XCTAssertEqual(kinds("1 +\n2"), [.int, .plus, .int, .newline, .eof])
        XCTAssertEqual(kinds("a and\nb"), [.identifier, .kwAnd, .identifier, .newline, .eof])
        XCTAssertEqual(kinds("a ??\n# comment\nb"), [.identifier, .questionQuestion, .identifier, .newline, .eof])
        XCTAssertEqual(kinds("1\n+2"), [.int, .newline, .plus, .int, .newline, .eof], "a leading + starts a new statement")
    }

    func testLeadingPipeContinuesThePreviousLine() {
        XCTAssertEqual(kinds("t\n  | where x\n\n  # note\n  | take 1"),
                       [.identifier, .pipe, .identifier, .identifier, .pipe, .identifier, .int, .newline, .eof])
    }

    func testNewlinesInsideBrackets() {
        XCTAssertEqual(kinds("f(1,\n2)\n[3,\n4]"),
                       [.identifier, .leftParen, .int, .comma, .int, .rightParen, .newline, .leftBracket, .int, .comma, .int, .rightBracket, .newline, .eof])
        // Inside braces newlines are kept: blocks need them as statement ends.
        XCTAssertEqual(kinds("{\na\nb\n}"), [.leftBrace, .identifier, .newline, .identifier, .newline, .rightBrace, .newline, .eof])
        XCTAssertEqual(kinds("a;b"), [.identifier, .semicolon, .identifier, .newline, .eof])
    }

    // MARK: - Errors

    func testInvalidUTF8IsReportedWithItsOffset() {
        let file = SourceFile(name: "t.gzq", bytes: [UInt8(ascii: "a"), 0xFF, UInt8(ascii: "b")])
        let result = Lexer.tokenize(file, file: 0)
        XCTAssertEqual(result.errors.map(\.message), ["invalid UTF-8 byte 0xFF at byte offset 1"])
        XCTAssertEqual(result.tokens.map(\.kind), [.identifier, .error, .identifier, .newline, .eof])
    }

    func testUnexpectedCharacters() {
        let result = lex("a $ b ! c ? d")
        XCTAssertEqual(result.errors.map(\.message), ["unexpected character '$'", "unexpected '!' (use 'not' for negation)", "unexpected '?' (did you mean '??'?)"])
        XCTAssertEqual(result.errors.map(\.span.start), [2, 6, 10])
        XCTAssertEqual(result.tokens.filter { $0.kind == .error }.count, 3)
    }
}

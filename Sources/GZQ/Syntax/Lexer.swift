/// Turns UTF-8 source bytes into tokens with spans.
///
/// Newlines end statements, except inside `()` and `[]`, after a token that
/// continues a line (a binary operator, `,`), and before a line that starts
/// with `|` (a pipeline continued with a leading pipe). Newlines directly inside
/// `{}` are kept; the parser skips them where a statement cannot end (records).
struct Lexer {
    private let bytes: [UInt8]
    private let file: Int32
    private var i: Int
    private let end: Int
    private var brackets: [UInt8] = []
    private(set) var tokens: [Token] = []
    private(set) var errors: [SyntaxError] = []

    init(bytes: [UInt8], file: Int32, start: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.file = file
        self.i = start
        self.end = end ?? bytes.count
    }

    static func tokenize(_ source: SourceFile, file: Int32, start: Int = 0, end: Int? = nil) -> (tokens: [Token], errors: [SyntaxError]) {
        var lexer = Lexer(bytes: source.bytes, file: file, start: start, end: end)
        lexer.run()
        return (lexer.tokens, lexer.errors)
    }

    // MARK: - Driver

    private mutating func run() {
        while true {
            skipSpacesAndComments()
            guard i < end else { break }
            let start = i
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\n"):
                i += 1
                lexNewline(at: start)
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                lexNumber()
            case UInt8(ascii: "\""):
                lexString()
            case UInt8(ascii: "@"):
                lexDate()
            case UInt8(ascii: "`"):
                lexQuotedName()
            default:
                if b == UInt8(ascii: "_") || b >= 0x80 || isASCIILetter(b) {
                    if !lexIdentifier() { lexInvalidCharacter() }
                } else {
                    lexPunctuation(b)
                }
            }
        }
        // The closing tokens sit right after the last real token (zero width), so an
        // "unexpected end of input" caret points at the end of the code, not at a blank line.
        let close = tokens.last(where: { $0.kind != .newline }).map { Int($0.span.end) } ?? end
        if let last = tokens.last, last.kind != .newline {
            add(.newline, from: close, to: close)
        }
        add(.eof, from: close, to: close)
    }

    private mutating func add(_ kind: Token.Kind, from start: Int, to stop: Int? = nil, value: Token.Value = .none) {
        tokens.append(Token(kind: kind, span: Span(file: file, start: Int32(start), end: Int32(stop ?? i)), value: value))
    }

    private mutating func error(_ message: String, from start: Int, to stop: Int? = nil) {
        errors.append(SyntaxError(message: message, span: Span(file: file, start: Int32(start), end: Int32(max(stop ?? i, start + 1)))))
    }

    /// Reports unreadable text and leaves an `.error` token in its place, so the parser
    /// neither reports it again nor trips over the gap.
    private mutating func fail(_ message: String, from start: Int) {
        error(message, from: start)
        add(.error, from: start, to: max(i, start + 1))
    }

    private func peek(_ offset: Int = 0) -> UInt8 {
        i + offset < end ? bytes[i + offset] : 0
    }

    private mutating func skipSpacesAndComments() {
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") {
                i += 1
            } else if b == UInt8(ascii: "#") {
                while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
            } else {
                return
            }
        }
    }

    // MARK: - Newlines

    private mutating func lexNewline(at start: Int) {
        if let top = brackets.last, top != UInt8(ascii: "{") {
            // Inside `(` or `[` a line break is a space, unless the next line starts with a word
            // that only begins a statement (`let`, `for`, …): then a bracket was left unclosed.
            // Closing it here lets the parser report it and go on with the next statement,
            // instead of reading the rest of the file as one broken expression.
            guard nextLineStartsStatement() else { return }
            while let open = brackets.last, open != UInt8(ascii: "{") { brackets.removeLast() }
            if tokens.last?.kind != .newline { add(.newline, from: start, to: start + 1) }
            return
        }
        guard let last = tokens.last else { return }
        if last.kind == .newline || last.kind == .leftBrace || last.kind == .semicolon || last.continuesLine { return }
        if nextLineStartsWithPipe() { return }
        add(.newline, from: start, to: start + 1)
    }

    /// The stretch of blank and comment lines the last look-ahead crossed: `from` (a line
    /// start) up to the significant byte `to`.
    private var lookahead = (from: -1, to: -1)

    /// The offset of the next line's first significant byte, past blank and comment lines.
    /// Called at line starts only. A look-ahead from any line start inside the stretch the
    /// previous one crossed ends at the same byte, so it is not rescanned: inside brackets this
    /// runs at every line break, and rescanning made a long run of blank lines quadratic.
    private mutating func nextSignificantByte() -> Int {
        if i >= lookahead.from && i <= lookahead.to { return lookahead.to }
        defer { lookahead.from = i }
        var j = i
        while j < end {
            let b = bytes[j]
            if b == UInt8(ascii: " ") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") || b == UInt8(ascii: "\n") {
                j += 1
            } else if b == UInt8(ascii: "#") {
                while j < end, bytes[j] != UInt8(ascii: "\n") { j += 1 }
            } else {
                lookahead.to = j
                return j
            }
        }
        lookahead.to = end
        return end
    }

    /// Looks past blank and comment lines for a leading `|`.
    private mutating func nextLineStartsWithPipe() -> Bool {
        let j = nextSignificantByte()
        return j < end && bytes[j] == UInt8(ascii: "|")
    }

    private static let statementWords: [[UInt8]] = ["let", "for", "while", "return", "break", "continue", "import"].map { Array($0.utf8) }

    /// Whether the next line starts with a word that can never continue an expression.
    private mutating func nextLineStartsStatement() -> Bool {
        let j = nextSignificantByte()
        for word in Lexer.statementWords where matches(word, at: j) {
            let after = j + word.count
            if after >= end { return true }
            let b = bytes[after]
            if !(b == UInt8(ascii: "_") || b >= 0x80 || isASCIILetter(b) || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9"))) { return true }
        }
        return false
    }

    // MARK: - Punctuation and operators

    /// `width` is more than 1 for a full-width character read as its ASCII one (HabitHints).
    private mutating func lexPunctuation(_ b: UInt8, width: Int = 1) {
        let start = i
        i += width
        let kind: Token.Kind
        switch b {
        case UInt8(ascii: "("): kind = .leftParen; brackets.append(b)
        case UInt8(ascii: "["): kind = .leftBracket; brackets.append(b)
        case UInt8(ascii: "{"): kind = .leftBrace; brackets.append(b)
        case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
            closeBracket(b)
            kind = b == UInt8(ascii: ")") ? .rightParen : b == UInt8(ascii: "]") ? .rightBracket : .rightBrace
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: ";"): kind = .semicolon
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "-"): kind = .minus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "^"): kind = .caret
        case UInt8(ascii: "|"):
            if peek() == UInt8(ascii: "|") {
                i += 1
                fail(HabitHints.notAnOperator("||", write: "or"), from: start)
                return
            }
            kind = .pipe
        case UInt8(ascii: "&"):
            if peek() == UInt8(ascii: "&") { i += 1 }
            fail(HabitHints.notAnOperator(String(decoding: bytes[start..<i], as: UTF8.self), write: "and"), from: start)
            return
        case UInt8(ascii: "/"):
            if peek() == UInt8(ascii: "/") { i += 1; kind = .slashSlash } else { kind = .slash }
        case UInt8(ascii: "."):
            if peek() == UInt8(ascii: ".") { i += 1; kind = .dotDot } else { kind = .dot }
        case UInt8(ascii: "="):
            if peek() == UInt8(ascii: "=") { i += 1; kind = .equalEqual } else { kind = .equal }
        case UInt8(ascii: "<"):
            if peek() == UInt8(ascii: "=") { i += 1; kind = .lessEqual } else { kind = .less }
        case UInt8(ascii: ">"):
            if peek() == UInt8(ascii: "=") { i += 1; kind = .greaterEqual } else { kind = .greater }
        case UInt8(ascii: "!"):
            if peek() == UInt8(ascii: "=") { i += 1; kind = .bangEqual } else {
                fail("unexpected '!' (use 'not' for negation)", from: start)
                return
            }
        case UInt8(ascii: "?"):
            if peek() == UInt8(ascii: "?") { i += 1; kind = .questionQuestion } else {
                fail("unexpected '?' (did you mean '??'?)", from: start)
                return
            }
        case UInt8(ascii: "%"):
            fail("'%' is not an operator: use 'mod' for remainders; a percent literal needs digits right before '%'", from: start)
            return
        default:
            i = start
            lexInvalidCharacter()
            return
        }
        add(kind, from: start)
    }

    /// Keeps the bracket stack in step with mismatched input: `}` closes its block (and any
    /// bracket left open inside it); a stray `)` or `]` never closes a block.
    private mutating func closeBracket(_ b: UInt8) {
        if b == UInt8(ascii: "}") {
            while let open = brackets.popLast(), open != UInt8(ascii: "{") {}
        } else if let open = brackets.last, open != UInt8(ascii: "{") {
            brackets.removeLast()
        }
    }

    private mutating func lexInvalidCharacter() {
        let start = i
        let (scalar, length) = decodeScalar(at: i)
        i += max(1, length)
        if let scalar, let ascii = HabitHints.fullWidthPunctuation[scalar] {
            // Reported, then read as the ASCII character, so the rest of the line parses.
            error(HabitHints.fullWidth(Character(scalar), ascii: Character(Unicode.Scalar(ascii))), from: start)
            i = start
            lexPunctuation(ascii, width: max(1, length))
        } else if let scalar, HabitHints.isCurlyQuote(scalar) {
            skipCurlyQuoted()
            fail(HabitHints.curlyQuotes, from: start)
        } else if let scalar {
            fail("unexpected character '\(Character(scalar))'", from: start)
        } else {
            fail("invalid UTF-8 byte 0x\(String(bytes[start], radix: 16, uppercase: true)) at byte offset \(start)", from: start)
        }
    }

    /// Skips a “curly-quoted” text to its closing quote on the same line (one error for both).
    private mutating func skipCurlyQuoted() {
        var j = i
        while j < end, bytes[j] != UInt8(ascii: "\n") {
            let (s, length) = decodeScalar(at: j)
            j += max(1, length)
            if let s, HabitHints.isCurlyQuote(s) || s == "\"" {
                i = j
                return
            }
        }
    }

    // MARK: - Names

    private func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    /// Decodes one scalar; nil for invalid UTF-8.
    private func decodeScalar(at j: Int) -> (Unicode.Scalar?, Int) {
        let b0 = bytes[j]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard j + length <= end else { return (nil, 1) }
        for k in 1..<length {
            let b = bytes[j + k]
            guard b & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }

    private func isIdentifierStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic
    }

    private func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Returns false (consuming nothing) when the character cannot start a name.
    private mutating func lexIdentifier() -> Bool {
        let start = i
        let (first, firstLength) = decodeScalar(at: i)
        guard let first, isIdentifierStart(first) else { return false }
        i += firstLength
        while i < end {
            let (s, length) = decodeScalar(at: i)
            guard let s, isIdentifierContinue(s) else { break }
            i += length
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if let keyword = Token.keywords[text] {
            add(keyword, from: start)
        } else {
            add(.identifier, from: start, value: .name(text))
        }
        return true
    }

    private mutating func lexQuotedName() {
        let start = i
        i += 1
        while i < end, bytes[i] != UInt8(ascii: "`"), bytes[i] != UInt8(ascii: "\n") { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: "`") else {
            fail("unterminated quoted name", from: start)
            return
        }
        let text = String(decoding: bytes[(start + 1)..<i], as: UTF8.self)
        i += 1
        if text.isEmpty {
            fail("empty quoted name", from: start)
            return
        }
        add(.identifier, from: start, value: .name(text))
    }

    // MARK: - Numbers

    private static let wan: [UInt8] = Array("万".utf8)
    private static let yi: [UInt8] = Array("亿".utf8)

    private func matches(_ word: [UInt8], at j: Int) -> Bool {
        guard j + word.count <= end else { return false }
        for k in 0..<word.count where bytes[j + k] != word[k] { return false }
        return true
    }

    private mutating func digits() -> String {
        var s = ""
        while i < end {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                s.append(Character(Unicode.Scalar(b)))
                i += 1
            } else if b == UInt8(ascii: "_"), i + 1 < end, bytes[i + 1] >= UInt8(ascii: "0"), bytes[i + 1] <= UInt8(ascii: "9") {
                i += 1
            } else {
                break
            }
        }
        return s
    }

    private mutating func lexNumber() {
        let start = i
        let whole = digits()
        var fraction = ""
        var exponent = 0
        var isFloat = false
        var hasExponent = false
        if peek() == UInt8(ascii: "."), peek(1) >= UInt8(ascii: "0"), peek(1) <= UInt8(ascii: "9") {
            i += 1
            fraction = digits()
            isFloat = true
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            var j = 1
            if peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") { j = 2 }
            if peek(j) >= UInt8(ascii: "0"), peek(j) <= UInt8(ascii: "9") {
                let negative = peek(1) == UInt8(ascii: "-")
                i += j
                let e = digits()
                // Far beyond any double's range either way; clamping keeps the sum below from overflowing.
                exponent = min(Int(e) ?? 999_999, 999_999) * (negative ? -1 : 1)
                isFloat = true
                hasExponent = true
            }
        }
        // Suffixes scale exactly in decimal by moving the decimal point.
        var shift = 0
        var percent = false
        if peek() == UInt8(ascii: "%") {
            i += 1; shift = -2; percent = true
        } else if matches(Self.wan, at: i) {
            i += Self.wan.count; shift = 4
        } else if matches(Self.yi, at: i) {
            i += Self.yi.count; shift = 8
        }
        if shift == 0 && !isFloat {
            guard let value = Int(whole) else {
                if whole.drop(while: { $0 == "0" }) == "9223372036854775808" {
                    add(.int, from: start, value: .intMinMagnitude)
                    return
                }
                error("integer literal is too large (the limit is 9223372036854775807)", from: start)
                add(.int, from: start, value: .int(0))
                return
            }
            add(.int, from: start, value: .int(value))
            return
        }
        switch DecimalNumber.scaled(whole: whole, fraction: fraction, exponent: exponent, shift: shift, percent: percent, hasExponent: hasExponent) {
        case .int(let value):
            add(.int, from: start, value: .int(value))
        case .tooLarge:
            error("integer literal is too large (the limit is 9223372036854775807)", from: start)
            add(.int, from: start, value: .int(0))
        case .float(let value):
            add(.float, from: start, value: .float(value))
        }
    }

    // MARK: - Dates

    private mutating func lexDate() {
        let start = i
        i += 1
        var parts: [Int] = []
        for index in 0..<3 {
            let count = index == 0 ? 4 : 2
            var value = 0
            for _ in 0..<count {
                let b = peek()
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
                    fail("a date literal is written @YYYY-MM-DD", from: start)
                    return
                }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
                i += 1
            }
            parts.append(value)
            if index < 2 {
                guard peek() == UInt8(ascii: "-") else {
                    fail("a date literal is written @YYYY-MM-DD", from: start)
                    return
                }
                i += 1
            }
        }
        guard let days = CivilDate.days(year: parts[0], month: parts[1], day: parts[2]) else {
            fail("invalid date @\(String(decoding: bytes[(start + 1)..<i], as: UTF8.self))", from: start)
            return
        }
        add(.date, from: start, value: .date(days))
    }

    // MARK: - Strings

    private mutating func lexString() {
        let start = i
        i += 1
        var pieces: [Token.StringPiece] = []
        var text = ""
        var segmentStart = i
        func flushBytes(_ lexer: Lexer, into text: inout String, from s: Int, to e: Int) {
            if s < e { text += String(decoding: lexer.bytes[s..<e], as: UTF8.self) }
        }
        while true {
            guard i < end, bytes[i] != UInt8(ascii: "\n") else {
                fail("unterminated string", from: start)
                // The string swallowed the rest of the line, closers included: end the line's
                // brackets here so the next line is read as a statement of its own.
                while let open = brackets.last, open != UInt8(ascii: "{") { brackets.removeLast() }
                return
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                flushBytes(self, into: &text, from: segmentStart, to: i)
                i += 1
                break
            }
            guard b == UInt8(ascii: "\\") else { i += 1; continue }
            flushBytes(self, into: &text, from: segmentStart, to: i)
            let escapeStart = i
            i += 1
            // A backslash that ends the input: the string is unterminated (the loop says so);
            // stepping past the end would give that error a span beyond the source.
            guard i < end else { continue }
            let e = peek()
            i += 1
            switch e {
            case UInt8(ascii: "n"): text += "\n"
            case UInt8(ascii: "t"): text += "\t"
            case UInt8(ascii: "r"): text += "\r"
            case UInt8(ascii: "\\"): text += "\\"
            case UInt8(ascii: "\""): text += "\""
            case UInt8(ascii: "u"):
                if let scalar = lexUnicodeEscape(from: escapeStart) { text.unicodeScalars.append(scalar) }
            case UInt8(ascii: "("):
                if !text.isEmpty { pieces.append(.text(text)); text = "" }
                let exprStart = i
                var deepest = 1
                guard skipInterpolation(level: 1, deepest: &deepest), deepest <= Lexer.maxInterpolationNesting else {
                    if deepest > Lexer.maxInterpolationNesting {
                        error("string interpolations are nested too deeply (more than \(Lexer.maxInterpolationNesting) levels)", from: escapeStart)
                        // The rest of the line belongs to the string: skip it, as for an unterminated one.
                        while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                        while let open = brackets.last, open != UInt8(ascii: "{") { brackets.removeLast() }
                    } else {
                        error("unterminated interpolation '\\(' in string", from: escapeStart)
                    }
                    add(.error, from: start)
                    return
                }
                pieces.append(.interpolation(start: Int32(exprStart), end: Int32(i - 1)))
            default:
                error("unknown escape sequence in string (use \\n \\t \\r \\\\ \\\" \\u{…} or \\(…))", from: escapeStart)
            }
            segmentStart = i
        }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(text)) }
        add(.string, from: start, value: .pieces(pieces))
    }

    private mutating func lexUnicodeEscape(from escapeStart: Int) -> Unicode.Scalar? {
        guard peek() == UInt8(ascii: "{") else {
            error("a unicode escape is written \\u{4E2D}", from: escapeStart)
            return nil
        }
        i += 1
        var hex = ""
        while i < end, bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\n"), hex.count < 9 {
            hex.append(Character(Unicode.Scalar(bytes[i])))
            i += 1
        }
        guard peek() == UInt8(ascii: "}") else {
            error("a unicode escape is written \\u{4E2D}", from: escapeStart)
            return nil
        }
        i += 1
        guard hex.count <= 8, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            error("invalid unicode scalar \\u{\(hex)}", from: escapeStart)
            return nil
        }
        return scalar
    }

    /// Interpolations nested in strings inside interpolations, at most. Each level is lexed
    /// again by its own parser, so deeper nesting would make lexing quadratic (and recurse).
    static let maxInterpolationNesting = 32

    /// Skips to just past the `)` closing an interpolation, over nested parentheses and strings.
    /// `deepest` receives the deepest interpolation level met; past the limit the scan stops (false).
    private mutating func skipInterpolation(level: Int, deepest: inout Int) -> Bool {
        deepest = max(deepest, level)
        if level > Lexer.maxInterpolationNesting { return false }
        var depth = 1
        while i < end, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "(") { depth += 1 }
            else if b == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return true } }
            else if b == UInt8(ascii: "\"") { if !skipNestedString(level: level, deepest: &deepest) { return false } }
        }
        return false
    }

    private mutating func skipNestedString(level: Int, deepest: inout Int) -> Bool {
        while i < end, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return true }
            if b == UInt8(ascii: "\\") {
                if peek() == UInt8(ascii: "(") {
                    i += 1
                    if !skipInterpolation(level: level + 1, deepest: &deepest) { return false }
                } else if i < end {
                    i += 1
                }
            }
        }
        return false
    }
}

/// A syntax problem at a span, before it is turned into a `Diagnostic`.
struct SyntaxError: Error {
    let message: String
    let span: Span
    /// The parser tripped over a lexer `.error` token whose error is already reported.
    var isEcho = false
    /// The input ended where more was expected (the REPL then reads another line).
    var atEndOfInput = false

    init(message: String, span: Span) {
        self.message = message
        self.span = span
    }
}

/// A statement that failed part-way but still declares a name (`let x = <error>`): the
/// parser keeps it so that later uses of the name do not report a second, spurious error.
struct PartialStatement: Error {
    let statement: Stmt
    let error: SyntaxError
}

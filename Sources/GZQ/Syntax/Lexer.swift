/// Turns UTF-8 source bytes into tokens with spans.
///
/// Newlines end statements, except inside `()` and `[]`, after a token that
/// continues a line (a binary operator, `,`), and before a line that starts
/// with `|` (a pipeline continued with a leading pipe). Newlines directly inside
/// `{}` are kept; the parser skips them where a statement cannot end (records).
struct Lexer {
    let bytes: [UInt8]
    let file: Int32
    var i: Int
    let end: Int
    var brackets: [UInt8] = []
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

    mutating func run() {
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

    mutating func add(_ kind: Token.Kind, from start: Int, to stop: Int? = nil, value: Token.Value = .none) {
        tokens.append(Token(kind: kind, span: Span(file: file, start: Int32(start), end: Int32(stop ?? i)), value: value))
    }

    mutating func error(_ entry: Msg, _ args: any CustomStringConvertible..., from start: Int, to stop: Int? = nil) {
        error(Message(entry, args.map(MessageArg.init)), from: start, to: stop)
    }

    mutating func error(_ message: Message, from start: Int, to stop: Int? = nil) {
        errors.append(SyntaxError(message, span: Span(file: file, start: Int32(start), end: Int32(max(stop ?? i, start + 1)))))
    }

    /// Reports unreadable text and leaves an `.error` token in its place, so the parser
    /// neither reports it again nor trips over the gap.
    mutating func fail(_ entry: Msg, _ args: any CustomStringConvertible..., from start: Int) {
        fail(Message(entry, args.map(MessageArg.init)), from: start)
    }

    mutating func fail(_ message: Message, from start: Int) {
        error(message, from: start)
        add(.error, from: start, to: max(i, start + 1))
    }

    func peek(_ offset: Int = 0) -> UInt8 {
        i + offset < end ? bytes[i + offset] : 0
    }

    mutating func skipSpacesAndComments() {
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

    mutating func lexNewline(at start: Int) {
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
    var lookahead = (from: -1, to: -1)

    /// The offset of the next line's first significant byte, past blank and comment lines.
    /// Called at line starts only. A look-ahead from any line start inside the stretch the
    /// previous one crossed ends at the same byte, so it is not rescanned: inside brackets this
    /// runs at every line break, and rescanning made a long run of blank lines quadratic.
    mutating func nextSignificantByte() -> Int {
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
    mutating func nextLineStartsWithPipe() -> Bool {
        let j = nextSignificantByte()
        return j < end && bytes[j] == UInt8(ascii: "|")
    }

    private static let statementWords: [[UInt8]] = ["let", "for", "while", "return", "break", "continue", "import"].map { Array($0.utf8) }

    /// Whether the next line starts with a word that can never continue an expression.
    mutating func nextLineStartsStatement() -> Bool {
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
    mutating func lexPunctuation(_ b: UInt8, width: Int = 1) {
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
                fail(.bangIsNot, from: start)
                return
            }
        case UInt8(ascii: "?"):
            if peek() == UInt8(ascii: "?") { i += 1; kind = .questionQuestion } else {
                fail(.lonelyQuestionMark, from: start)
                return
            }
        case UInt8(ascii: "%"):
            fail(.percentNotOperator, from: start)
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
    mutating func closeBracket(_ b: UInt8) {
        if b == UInt8(ascii: "}") {
            while let open = brackets.popLast(), open != UInt8(ascii: "{") {}
        } else if let open = brackets.last, open != UInt8(ascii: "{") {
            brackets.removeLast()
        }
    }

    mutating func lexInvalidCharacter() {
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
            fail(.unexpectedCharacter, Character(scalar), from: start)
        } else {
            fail(.sourceInvalidUTF8, String(bytes[start], radix: 16, uppercase: true), start, from: start)
        }
    }

    /// Skips a “curly-quoted” text to its closing quote on the same line (one error for both).
    mutating func skipCurlyQuoted() {
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

}

/// Hints for habits brought from SQL, pandas and spreadsheets (`=` for comparison, `&&`,
/// `AND`, `filter`, `head 5`, curly quotes…). Each hint is one catalogue entry
/// (MessageCatalogue.swift, English and Chinese); the lexer, parser and resolver only decide
/// where a hint applies.
enum HabitHints {

    // MARK: - Messages

    static let singleEquals = Message(.singleEquals)

    /// `&&`, `||`, `AND`, `OR`, `NOT`.
    static func notAnOperator(_ written: String, write word: String) -> Message {
        Message(.notAnOperator, written, word)
    }

    static let curlyQuotes = Message(.curlyQuotes)

    static func fullWidth(_ written: Character, ascii: Character) -> Message {
        Message(.fullWidthPunctuation, written, ascii)
    }

    static func upperCaseWord(_ written: String) -> Message {
        Message(.upperCaseWord, written.lowercased())
    }

    static let isNull = Message(.isNull)
    static let selectStar = Message(.selectStar)
    static let countStar = Message(.countStar)
    static let parenthesizedList = Message(.parenthesizedList)
    static let pipelineInArguments = Message(.pipelineInArguments)

    /// Words from SQL and pandas used as a stage after `|`, and what gzq writes instead.
    static let stageWords: [String: Message] = [
        "filter": Message(.useWhere),
        "head": Message(.useTake),
        "limit": Message(.useTake),
        "group": Message(.groupByIsSummarize),
        "order": Message(.orderByIsSort),
    ]

    /// The ASCII punctuation a full-width (Chinese input method) character stands for.
    static let fullWidthPunctuation: [Unicode.Scalar: UInt8] = [
        "，": UInt8(ascii: ","), "（": UInt8(ascii: "("), "）": UInt8(ascii: ")"), "：": UInt8(ascii: ":"),
        "；": UInt8(ascii: ";"), "［": UInt8(ascii: "["), "］": UInt8(ascii: "]"), "｛": UInt8(ascii: "{"),
        "｝": UInt8(ascii: "}"),
    ]

    static func isCurlyQuote(_ s: Unicode.Scalar) -> Bool {
        s == "\u{201C}" || s == "\u{201D}" || s == "\u{2018}" || s == "\u{2019}"
    }

    /// An aggregate of a column in a row-by-row stage (`where x > avg(x)`).
    static func aggregateInRowStage(_ function: String, column: String) -> Message {
        Message(.aggregateInRowStage, function, column)
    }

    /// Appended to "unknown column" and "undefined variable" when the name looks like a value
    /// written without quotes (it has Chinese characters) and no name is close to it.
    /// A column is most often meant as a compared value, a variable as any text.
    static func quoteSuffix(for name: String, after suggestion: MessageArg, column: Bool = false) -> MessageArg {
        guard suggestion.isEmpty, name.unicodeScalars.contains(where: isCJK) else { return suggestion }
        return .message(Message(column ? .quoteToCompare : .quoteForText, name))
    }

    private static func isCJK(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3134F: return true
        default: return false
        }
    }

    /// `join b on region` when b calls the key otherwise (`地区`).
    static func joinKeyNamedDifferently(_ name: String) -> MessageArg {
        .message(Message(.joinKeyNamedDifferently, name))
    }

    static let nullAsArgumentName = Message(.nullAsArgumentName)

    // MARK: - Where the parser stumbles

    /// A hint for the parse error at `tokens[index]`, or nil for the ordinary message.
    static func parserHint(tokens: [Token], at index: Int, source: SourceFile) -> SyntaxError? {
        let token = tokens[index]
        let previous = index > 0 ? tokens[index - 1] : nil
        let beforePrevious = index > 1 ? tokens[index - 2] : nil
        func word(_ t: Token?) -> String? {
            guard let t, t.kind == .identifier, source.bytes[Int(t.span.start)] != UInt8(ascii: "`") else { return nil }
            return t.name
        }
        let afterOperand = previous.map { endsOperand($0.kind) } ?? false
        // `t | filter x > 1`, `t | head 5`, `t | group by region`: the word after `|`.
        if beforePrevious?.kind == .pipe, let w = word(previous), let hint = stageWords[w], let previous {
            return SyntaxError(.notAStage, w, hint, span: previous.span)
        }
        // `where NOT x > 1`: the upper-case word was read as a name.
        if let previous, word(previous) == "NOT" {
            return SyntaxError(notAnOperator("NOT", write: "not"), span: previous.span)
        }
        // `read_csv(path, null: "-")`
        if token.kind == .colon, let previous, previous.kind == .kwNull,
           let before = beforePrevious, before.kind == .comma || before.kind == .leftParen {
            return SyntaxError(nullAsArgumentName, span: previous.span)
        }
        switch token.kind {
        case .equal where afterOperand && beforePrevious?.kind != .kwFor:
            return SyntaxError(singleEquals, span: token.span)
        case .star where word(previous) == "select":
            return SyntaxError(selectStar, span: token.span)
        case .star where previous?.kind == .leftParen && index + 1 < tokens.count && tokens[index + 1].kind == .rightParen
            && word(beforePrevious) == "count":
            return SyntaxError(countStar, span: token.span.to(tokens[index + 1].span))
        case .identifier where afterOperand:
            switch word(token) {
            case "AND", "OR", "NOT":
                return SyntaxError(notAnOperator(token.name, write: token.name.lowercased()), span: token.span)
            case "DESC", "ASC":
                return SyntaxError(upperCaseWord(token.name), span: token.span)
            case "is", "IS":
                return SyntaxError(isNull, span: token.span)
            default:
                return nil
            }
        default:
            return nil
        }
    }

    /// Whether a token can end an operand, so that what follows it was meant as an operator.
    private static func endsOperand(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .identifier, .int, .float, .string, .date, .kwTrue, .kwFalse, .kwNull, .rightParen, .rightBracket:
            return true
        default:
            return false
        }
    }
}

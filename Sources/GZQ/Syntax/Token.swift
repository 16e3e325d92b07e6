/// One lexical token. Payloads (numbers, names, string pieces) live in `value`.
struct Token {
    enum Kind: Equatable {
        // literals and names
        case int, float, string, date, identifier
        // reserved words
        case kwLet, kwFn, kwReturn, kwIf, kwElse, kwFor, kwIn, kwWhile, kwBreak, kwContinue
        case kwTrue, kwFalse, kwNull, kwAnd, kwOr, kwNot, kwMod, kwImport, kwAs, kwTry, kwCatch
        // punctuation
        case leftParen, rightParen, leftBracket, rightBracket, leftBrace, rightBrace
        case comma, dot, colon, semicolon, newline
        // operators
        case plus, minus, star, slash, slashSlash, caret, equal, equalEqual, bangEqual
        case less, lessEqual, greater, greaterEqual, dotDot, pipe, questionQuestion
        case eof
        /// Text the lexer could not read; its error is already reported, so the parser
        /// stays quiet about it (one error per mistake, no cascade).
        case error
    }

    /// A piece of a string literal: literal text, or the byte range of an interpolated `\(…)`.
    enum StringPiece {
        case text(String)
        case interpolation(start: Int32, end: Int32)
    }

    enum Value {
        case none
        case int(Int)
        case float(Double)
        case name(String)
        case pieces([StringPiece])
        case date(Int32)
        /// `9223372036854775808`: too large for an int, but valid right after a unary minus
        /// (`-9223372036854775808` is the smallest int).
        case intMinMagnitude
    }

    let kind: Kind
    let span: Span
    var value: Value = .none

    /// True when this token is a binary operator, so a line ending with it continues.
    var continuesLine: Bool {
        switch kind {
        case .plus, .minus, .star, .slash, .slashSlash, .caret, .equal, .equalEqual, .bangEqual,
             .less, .lessEqual, .greater, .greaterEqual, .dotDot, .pipe, .questionQuestion,
             .kwAnd, .kwOr, .kwNot, .kwMod, .kwIn, .comma, .dot:
            return true
        default:
            return false
        }
    }

    var name: String {
        if case .name(let n) = value { return n }
        return ""
    }

    static let keywords: [String: Kind] = [
        "let": .kwLet, "fn": .kwFn, "return": .kwReturn, "if": .kwIf, "else": .kwElse,
        "for": .kwFor, "in": .kwIn, "while": .kwWhile, "break": .kwBreak, "continue": .kwContinue,
        "true": .kwTrue, "false": .kwFalse, "null": .kwNull, "and": .kwAnd, "or": .kwOr,
        "not": .kwNot, "mod": .kwMod, "import": .kwImport, "as": .kwAs, "try": .kwTry, "catch": .kwCatch,
    ]
}

extension Token.Kind {
    /// How the token reads in an error message, translated where it is a word.
    var displayArg: MessageArg {
        switch self {
        case .int, .float: return .message(Message(.tokenNumber))
        case .string: return .message(Message(.tokenString))
        case .date: return .message(Message(.tokenDate))
        case .identifier: return .message(Message(.tokenName))
        case .newline: return .message(Message(.tokenEndOfLine))
        case .eof: return .message(Message(.tokenEndOfInput))
        case .error: return .message(Message(.tokenInvalidText))
        default: return display == "token" ? .message(Message(.tokenOther)) : .text(display)
        }
    }

    /// How the token reads in an error message.
    var display: String {
        switch self {
        case .int, .float: return "number"
        case .string: return "string"
        case .date: return "date"
        case .identifier: return "name"
        case .leftParen: return "'('"
        case .rightParen: return "')'"
        case .leftBracket: return "'['"
        case .rightBracket: return "']'"
        case .leftBrace: return "'{'"
        case .rightBrace: return "'}'"
        case .comma: return "','"
        case .dot: return "'.'"
        case .colon: return "':'"
        case .semicolon: return "';'"
        case .newline: return "end of line"
        case .plus: return "'+'"
        case .minus: return "'-'"
        case .star: return "'*'"
        case .slash: return "'/'"
        case .slashSlash: return "'//'"
        case .caret: return "'^'"
        case .equal: return "'='"
        case .equalEqual: return "'=='"
        case .bangEqual: return "'!='"
        case .less: return "'<'"
        case .lessEqual: return "'<='"
        case .greater: return "'>'"
        case .greaterEqual: return "'>='"
        case .dotDot: return "'..'"
        case .pipe: return "'|'"
        case .questionQuestion: return "'??'"
        case .eof: return "end of input"
        case .error: return "invalid text"
        default:
            for (word, kind) in Token.keywords where kind == self { return "'\(word)'" }
            return "token"
        }
    }
}

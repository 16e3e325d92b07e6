/// Expressions by precedence climbing (Pratt), REFERENCE §3: operators, calls, fields,
/// pipes into stages, and the primary forms (literals, lists, records, `if`, `try`, strings).
extension Parser {
    // MARK: - Expressions (Pratt)

    enum Level: Int, Comparable {
        case pipe = 1, coalesce, or, and, not, comparison, range, additive, multiplicative, unary, power, postfix
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    func infixLevel(_ kind: Token.Kind) -> Level? {
        switch kind {
        case .pipe: return .pipe
        case .questionQuestion: return .coalesce
        case .kwOr: return .or
        case .kwAnd: return .and
        case .equalEqual, .bangEqual, .less, .lessEqual, .greater, .greaterEqual, .kwIn: return .comparison
        case .dotDot: return .range
        case .plus, .minus: return .additive
        case .star, .slash, .slashSlash, .kwMod: return .multiplicative
        case .caret: return .power
        case .leftParen, .leftBracket, .dot: return .postfix
        default: return nil
        }
    }

    mutating func parseExpression(minLevel: Level = .pipe) throws -> Expr {
        try nest()
        defer { depth -= 1 }
        var left = try parsePrefix(minLevel: minLevel)
        while let level = infixLevel(peek.kind), level >= minLevel {
            left = try parseInfix(left, level: level)
            if level == .comparison || level == .range, let next = infixLevel(peek.kind), next == level {
                throw SyntaxError(.comparisonChained, source.text(peek.span), span: peek.span)
            }
        }
        return left
    }

    /// prefix := '-' unary | 'not' expression(not) | primary
    mutating func parsePrefix(minLevel: Level) throws -> Expr {
        let start = peek.span
        switch peek.kind {
        case .minus:
            advance()
            if case .intMinMagnitude = peek.value, !followsAsOperand(lookahead(1).kind) {
                // `-9223372036854775808`: the one literal whose magnitude alone does not fit.
                let literal = advance()
                return Expr(kind: .int(Int.min), span: start.to(literal.span))
            }
            let operand = try parseExpression(minLevel: .unary)
            return Expr(kind: .unary(.negate, operand), span: start.to(operand.span))
        case .kwNot:
            advance()
            let operand = try parseExpression(minLevel: .not)
            return Expr(kind: .unary(.not, operand), span: start.to(operand.span))
        default:
            return try parsePrimary()
        }
    }

    /// Whether a token after a literal would bind to it more tightly than a unary minus
    /// (`-2 ^ 2` is `-(2 ^ 2)`, `-x[0]` is `-(x[0])`).
    func followsAsOperand(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .caret, .leftParen, .leftBracket, .dot: return true
        default: return false
        }
    }

    mutating func parseInfix(_ left: Expr, level: Level) throws -> Expr {
        let op = advance()
        switch op.kind {
        case .leftParen:
            return try parseCall(left)
        case .leftBracket:
            skipNewlines()
            let index = try parseExpression()
            let close = try expect(.rightBracket, .contextToCloseTheIndex)
            return Expr(kind: .index(left, index), span: left.span.to(close.span))
        case .dot:
            let name = try parseFieldName()
            return Expr(kind: .field(left, name), span: left.span.to(name.span))
        case .pipe:
            return try parsePipeTarget(left)
        default:
            break
        }
        let binary: BinaryOperator
        switch op.kind {
        case .questionQuestion: binary = .coalesce
        case .kwOr: binary = .or
        case .kwAnd: binary = .and
        case .equalEqual: binary = .equal
        case .bangEqual: binary = .notEqual
        case .less: binary = .less
        case .lessEqual: binary = .lessEqual
        case .greater: binary = .greater
        case .greaterEqual: binary = .greaterEqual
        case .kwIn: binary = .contains
        case .dotDot: binary = .range
        case .plus: binary = .add
        case .minus: binary = .subtract
        case .star: binary = .multiply
        case .slash: binary = .divide
        case .slashSlash: binary = .floorDivide
        case .kwMod: binary = .modulo
        default: binary = .power
        }
        // `??` and `^` are right-associative; a power's right operand may be negated (2 ^ -1).
        let rightLevel: Level
        switch binary {
        case .coalesce: rightLevel = .coalesce
        case .power: rightLevel = .unary
        default: rightLevel = Level(rawValue: level.rawValue + 1) ?? .postfix
        }
        let right = try parseExpression(minLevel: rightLevel)
        return Expr(kind: .binary(binary, left, right), span: left.span.to(right.span))
    }

    mutating func parseFieldName() throws -> Name {
        let token = advance()
        switch token.kind {
        case .identifier:
            return Name(text: token.name, span: token.span)
        default:
            if Token.keywords.values.contains(token.kind) {
                return Name(text: source.text(token.span), span: token.span)
            }
            current -= 1
            throw unexpected(.expectedFieldName)
        }
    }

    /// call := expression '(' [ argument { ',' argument } ] ')' ; argument := [ NAME ':' ] expression
    mutating func parseCall(_ callee: Expr) throws -> Expr {
        var arguments: [Argument] = []
        var seenLabel = false
        while !check(.rightParen) {
            var label: Name?
            if check(.identifier), lookahead(1).kind == .colon {
                let token = advance()
                advance()
                label = Name(text: token.name, span: token.span)
                seenLabel = true
            } else if seenLabel {
                throw SyntaxError(.positionalAfterNamed, span: peek.span)
            }
            let value = try parseExpression()
            arguments.append(Argument(label: label, value: value))
            if !match(.comma) { break }
        }
        let close = try expect(.rightParen, .contextToCloseTheArgumentList)
        return Expr(kind: .call(callee, arguments), span: callee.span.to(close.span))
    }

    /// pipeTarget := stage | postfixExpression   (`x | f(a)` is `f(x, a)`; `x | f` is `f(x)`)
    mutating func parsePipeTarget(_ input: Expr) throws -> Expr {
        if peek.kind == .identifier, StageKind.names.contains(peek.name), source.bytes[Int(peek.span.start)] != UInt8(ascii: "`"),
           !isBareFunctionName() {
            let stage = try parseStage()
            return Expr(kind: .stage(input, stage), span: input.span.to(stage.span))
        }
        let target = try parseExpression(minLevel: .postfix)
        if case .call(let callee, let arguments) = target.kind {
            return Expr(kind: .call(callee, [Argument(label: nil, value: input)] + arguments), span: input.span.to(target.span))
        }
        return Expr(kind: .call(target, [Argument(label: nil, value: input)]), span: input.span.to(target.span))
    }

    /// `xs | sort` with nothing after the name cannot be the `sort` stage (which needs a key):
    /// it pipes into the function of that name, as `xs | reverse` does. Only `distinct`
    /// stands alone as a stage.
    func isBareFunctionName() -> Bool {
        guard peek.name != "distinct" else { return false }
        switch lookahead(1).kind {
        case .newline, .semicolon, .eof, .pipe, .rightParen, .rightBrace, .rightBracket, .comma: return true
        default: return false
        }
    }

    // MARK: - Primary expressions

    /// primary := literal | NAME | '(' expression ')' | list | record | block | if | lambda | try
    mutating func parsePrimary() throws -> Expr {
        let token = peek
        switch token.kind {
        case .int:
            if case .intMinMagnitude = token.value {
                throw SyntaxError(.integerLiteralTooLarge, span: token.span)
            }
            advance()
            if case .int(let v) = token.value { return Expr(kind: .int(v), span: token.span) }
            return Expr(kind: .invalid, span: token.span)
        case .float:
            advance()
            if case .float(let v) = token.value { return Expr(kind: .float(v), span: token.span) }
            return Expr(kind: .invalid, span: token.span)
        case .date:
            advance()
            if case .date(let v) = token.value { return Expr(kind: .date(v), span: token.span) }
            return Expr(kind: .invalid, span: token.span)
        case .string:
            advance()
            return try parseString(token)
        case .kwTrue:
            advance()
            return Expr(kind: .bool(true), span: token.span)
        case .kwFalse:
            advance()
            return Expr(kind: .bool(false), span: token.span)
        case .kwNull:
            advance()
            return Expr(kind: .null, span: token.span)
        case .identifier:
            advance()
            return Expr(kind: .name(token.name), span: token.span)
        case .leftParen:
            advance()
            let inner = try parseExpression()
            if check(.comma) { throw SyntaxError(HabitHints.parenthesizedList, span: peek.span) }
            let close = try expect(.rightParen, .contextToClose)
            return Expr(kind: inner.kind, span: token.span.to(close.span))
        case .leftBracket:
            return try parseList()
        case .leftBrace:
            return looksLikeRecord() ? try parseRecord() : try parseBlockBody(nests: false)
        case .kwIf:
            return try parseIf()
        case .kwFn:
            advance()
            let decl = try parseFunctionRest(name: nil, start: token.span)
            return Expr(kind: .lambda(decl), span: decl.span)
        case .kwTry:
            return try parseTry()
        default:
            throw unexpected(.expectedExpression)
        }
    }

    /// `{}` and `{ key: …` are records; any other `{` opens a block.
    func looksLikeRecord() -> Bool {
        var j = current + 1
        while tokens[j].kind == .newline { j += 1 }
        switch tokens[j].kind {
        case .rightBrace: return true
        case .identifier, .string: return tokens[j + 1].kind == .colon
        default: return false
        }
    }

    /// list := '[' [ expression { ',' expression } [','] ] ']'
    mutating func parseList() throws -> Expr {
        // Nesting is counted by parseExpression, which every nested item passes through.
        let start = advance().span
        var items: [Expr] = []
        while !check(.rightBracket) {
            items.append(try parseExpression())
            if !match(.comma) { break }
        }
        let close = try expect(.rightBracket, .contextToCloseTheList)
        return Expr(kind: .list(items), span: start.to(close.span))
    }

    /// record := '{' [ key ':' expression { ',' key ':' expression } [','] ] '}' ; key := NAME | STRING
    mutating func parseRecord() throws -> Expr {
        let start = advance().span
        var entries: [RecordEntry] = []
        skipNewlines()
        while !check(.rightBrace) {
            let keyToken = advance()
            let key: Name
            switch (keyToken.kind, keyToken.value) {
            case (.identifier, _):
                key = Name(text: keyToken.name, span: keyToken.span)
            case (.string, .pieces(let pieces)) where pieces.count == 1:
                guard case .text(let text) = pieces[0] else { fallthrough }
                key = Name(text: text, span: keyToken.span)
            default:
                current -= 1
                throw unexpected(.expectedRecordField)
            }
            if entries.contains(where: { ScalarString.equal($0.key.text, key.text) }) {
                throw SyntaxError(.duplicateRecordField, key.text, span: key.span)
            }
            _ = try expect(.colon, .contextAfterTheFieldName)
            skipNewlines()
            let value = try parseExpression()
            entries.append(RecordEntry(key: key, value: value))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        skipNewlines()
        let close = try expect(.rightBrace, .contextToCloseTheRecord)
        return Expr(kind: .record(entries), span: start.to(close.span))
    }

    /// if := 'if' expression block [ 'else' ( if | block ) ]
    mutating func parseIf() throws -> Expr {
        let start = advance().span
        let condition = try parseExpression()
        let then = try parseBlock(.contextAfterTheIfCondition, nests: false)
        var otherwise: Expr?
        if nextSignificantIs(.kwElse) {
            skipNewlines()
            advance()
            if check(.kwIf) {
                // `else if` nests the next `if` inside this one: a level, like any other.
                try nest()
                defer { depth -= 1 }
                otherwise = try parseIf()
            } else {
                otherwise = try parseBlock(.contextAfterElse, nests: false)
            }
        }
        return Expr(kind: .ifElse(condition, then, otherwise), span: start.to(otherwise?.span ?? then.span))
    }

    /// try := 'try' block 'catch' NAME block
    mutating func parseTry() throws -> Expr {
        let start = advance().span
        let body = try parseBlock(.contextAfterTry, nests: false)
        guard nextSignificantIs(.kwCatch) else { throw unexpected(.expectedCatch) }
        skipNewlines()
        advance()
        let name = try parseName(.contextAfterCatch)
        let handler = try parseBlock(.contextAfterTheCatchVariable, nests: false)
        return Expr(kind: .tryCatch(body, name, handler), span: start.to(handler.span))
    }

    /// Whether `kind` comes next, looking past newlines (so `else` may start a line).
    func nextSignificantIs(_ kind: Token.Kind) -> Bool {
        var j = current
        while tokens[j].kind == .newline { j += 1 }
        return tokens[j].kind == kind
    }

    /// Strings with `\(…)` are parsed piece by piece; interpolations are parsed from their byte range.
    mutating func parseString(_ token: Token) throws -> Expr {
        guard case .pieces(let pieces) = token.value else { return Expr(kind: .invalid, span: token.span) }
        var parts: [StringPart] = []
        for piece in pieces {
            switch piece {
            case .text(let text):
                parts.append(.text(text))
            case .interpolation(let start, let end):
                var inner = Parser(source: source, file: file, start: Int(start), end: Int(end))
                inner.depth = depth
                if let first = inner.errors.first { throw first } // the lexer's, reported once
                inner.skipNewlines()
                if inner.check(.eof) {
                    throw SyntaxError(.emptyInterpolation, span: Span(file: file, start: start - 2, end: end + 1))
                }
                let expr = try inner.parseExpression()
                inner.skipNewlines()
                if !inner.check(.eof) { throw inner.unexpected(.expectedInterpolationEnd) }
                parts.append(.expr(expr))
            }
        }
        return Expr(kind: .string(parts), span: token.span)
    }
}

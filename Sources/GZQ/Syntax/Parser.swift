/// Recursive-descent statements and a Pratt expression parser, with panic-mode
/// recovery at statement boundaries so that one run reports every syntax error.
///
/// Each parse function carries its grammar production as a comment.
struct Parser {
    private let source: SourceFile
    private let file: Int32
    private var tokens: [Token]
    private var current = 0
    private(set) var errors: [SyntaxError] = []
    /// Nesting of expressions and blocks; bounded so that hostile input cannot exhaust the stack.
    private var depth = 0
    static let maxNesting = 20_000
    /// How many `{ }` blocks enclose the statement being parsed (0 at the top level).
    private var blockDepth = 0
    /// True for the parser of one `\(…)` interpolation, whose input ends at its `)`.
    private let isInterpolation: Bool

    init(source: SourceFile, file: Int32, start: Int = 0, end: Int? = nil) {
        self.source = source
        self.file = file
        self.isInterpolation = end != nil
        let lexed = Lexer.tokenize(source, file: file, start: start, end: end)
        self.tokens = lexed.tokens
        self.errors = lexed.errors
    }

    /// program := { statement ( NEWLINE | ';' ) } EOF
    static func parseProgram(_ source: SourceFile, file: Int32) -> (statements: [Stmt], errors: [SyntaxError]) {
        // Spans are 32-bit byte offsets.
        guard source.bytes.count < Int(Int32.max) else {
            return ([], [SyntaxError(message: "the source is too large (at most 2 GB)", span: Span(file: file, start: 0, end: 0))])
        }
        var parser = Parser(source: source, file: file)
        var statements: [Stmt] = []
        parser.skipTerminators()
        while !parser.check(.eof) {
            if let statement = parser.statementOrRecover() { statements.append(statement) }
            parser.skipTerminators()
        }
        let reported = parser.errors.filter { !$0.isEcho }
        return (statements, reported.sorted { $0.span.start < $1.span.start })
    }

    // MARK: - Token helpers

    var peek: Token { tokens[current] }
    func lookahead(_ n: Int) -> Token { tokens[min(current + n, tokens.count - 1)] }
    var previous: Token { tokens[max(0, current - 1)] }

    func check(_ kind: Token.Kind) -> Bool { tokens[current].kind == kind }

    func checkName(_ word: String) -> Bool {
        peek.kind == .identifier && peek.name == word && source.bytes[Int(peek.span.start)] != UInt8(ascii: "`")
    }

    @discardableResult
    mutating func advance() -> Token {
        let token = tokens[current]
        if token.kind != .eof { current += 1 }
        return token
    }

    mutating func match(_ kind: Token.Kind) -> Bool {
        guard check(kind) else { return false }
        advance()
        return true
    }

    mutating func expect(_ kind: Token.Kind, _ context: String) throws -> Token {
        guard check(kind) else { throw unexpected("expected \(kind.display) \(context)") }
        return advance()
    }

    /// An error at the next token. At a lexer `.error` token it is only an echo of the
    /// error already reported there, and is dropped.
    func unexpected(_ message: String) -> SyntaxError {
        if peek.kind != .error, let hint = HabitHints.parserHint(tokens: tokens, at: current, source: source) { return hint }
        var error = SyntaxError(message: "\(message), found \(describe(peek))", span: peek.span)
        error.isEcho = peek.kind == .error
        error.atEndOfInput = isAtEndOfInput(peek) && !isInterpolation
        return error
    }

    /// The zero-width newline and end tokens the lexer adds after the last real token.
    private func isAtEndOfInput(_ token: Token) -> Bool {
        token.kind == .eof || (token.kind == .newline && token.span.start == token.span.end)
    }

    private func describe(_ token: Token) -> String {
        if isAtEndOfInput(token) { return isInterpolation ? "')'" : "end of input" }
        switch token.kind {
        case .identifier: return "'\(token.name)'"
        case .int, .float, .string, .date: return source.text(token.span).isEmpty ? token.kind.display : "'\(source.text(token.span))'"
        default: return token.kind.display
        }
    }

    private mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    private mutating func skipTerminators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    private func isAtStatementEnd() -> Bool {
        switch peek.kind {
        case .newline, .semicolon, .eof, .rightBrace: return true
        default: return false
        }
    }

    private mutating func nest() throws {
        depth += 1
        if depth > Parser.maxNesting {
            throw SyntaxError(message: "nesting is too deep (more than \(Parser.maxNesting) levels)", span: peek.span)
        }
    }

    // MARK: - Statements

    /// Parses one statement; on error records it and skips to the next statement boundary.
    /// A `let` or `fn` whose name was read still declares it (with an invalid value), so a
    /// mistake in its value does not also make every later use "undefined".
    private mutating func statementOrRecover() -> Stmt? {
        let savedDepth = depth, savedBlocks = blockDepth
        let start = current
        do {
            let statement = try parseStatement()
            if !isAtStatementEnd() {
                throw unexpected("expected end of statement")
            }
            return statement
        } catch let partial as PartialStatement {
            recover(from: partial.error, statementStart: start, depth: savedDepth, blocks: savedBlocks)
            return partial.statement
        } catch let error as SyntaxError {
            recover(from: error, statementStart: start, depth: savedDepth, blocks: savedBlocks)
            return nil
        } catch {
            return nil
        }
    }

    private mutating func recover(from error: SyntaxError, statementStart: Int, depth savedDepth: Int, blocks: Int) {
        errors.append(error)
        depth = savedDepth
        blockDepth = blocks
        synchronize(from: statementStart)
        // Always make progress, whatever the statement stumbled on.
        if current == statementStart && !check(.eof) && !(check(.rightBrace) && blockDepth > 0) { advance() }
    }

    /// Skips to the end of the broken statement: the next newline or `;` outside the braces
    /// the statement opened, or the `}` closing the enclosing block. Braces opened between the
    /// statement's start and the error count as open, so an error deep inside a record or a
    /// block does not leave the rest of it to be misread as statements. Parentheses and
    /// brackets need no count: the lexer emits no newlines inside them.
    private mutating func synchronize(from statementStart: Int) {
        var braces = 0
        func track(_ kind: Token.Kind) {
            if kind == .leftBrace { braces += 1 } else if kind == .rightBrace { braces = max(0, braces - 1) }
        }
        for k in statementStart..<current { track(tokens[k].kind) }
        while !check(.eof) {
            switch peek.kind {
            case .newline, .semicolon:
                if braces == 0 { return }
            case .rightBrace where braces == 0:
                // The end of the enclosing block; at the top level a stray `}` is skipped.
                if blockDepth > 0 { return }
            default:
                break
            }
            track(peek.kind)
            advance()
        }
    }

    /// statement := let | fnDecl | return | break | continue | for | while | import | assignment | expression
    private mutating func parseStatement() throws -> Stmt {
        let start = peek.span
        switch peek.kind {
        case .kwLet:
            advance()
            let name = try parseName("after 'let'")
            do {
                _ = try expect(.equal, "after the name in 'let'")
                skipNewlines()
                let value = try parseExpression()
                return Stmt(kind: .letBinding(name, value), span: start.to(value.span))
            } catch let error as SyntaxError {
                let invalid = Expr(kind: .invalid, span: name.span)
                throw PartialStatement(statement: Stmt(kind: .letBinding(name, invalid), span: start.to(name.span)), error: error)
            }
        case .kwFn where lookahead(1).kind == .identifier:
            advance()
            let name = try parseName("after 'fn'")
            do {
                let decl = try parseFunctionRest(name: name, start: start)
                return Stmt(kind: .function(decl), span: decl.span)
            } catch let error as SyntaxError {
                let decl = FunctionDecl(name: name, params: [], body: Expr(kind: .invalid, span: name.span), span: start.to(name.span))
                throw PartialStatement(statement: Stmt(kind: .function(decl), span: decl.span), error: error)
            }
        case .kwReturn:
            advance()
            if isAtStatementEnd() { return Stmt(kind: .returnValue(nil), span: start) }
            let value = try parseExpression()
            return Stmt(kind: .returnValue(value), span: start.to(value.span))
        case .kwBreak:
            advance()
            return Stmt(kind: .breakLoop, span: start)
        case .kwContinue:
            advance()
            return Stmt(kind: .continueLoop, span: start)
        case .kwFor:
            return try parseFor()
        case .kwWhile:
            advance()
            let condition = try parseExpression()
            let body = try parseBlock("after the 'while' condition")
            return Stmt(kind: .whileLoop(condition, body), span: start.to(body.span))
        case .kwImport:
            return try parseImport()
        default:
            let expr = try parseExpression()
            if check(.equal) {
                let equal = advance()
                guard case .name(let text) = expr.kind else {
                    switch expr.kind {
                    case .field, .index: break
                    default: throw SyntaxError(message: HabitHints.singleEquals, span: equal.span)
                    }
                    throw SyntaxError(message: "only a variable can be assigned (values are immutable; build a new one instead)", span: expr.span.to(equal.span))
                }
                skipNewlines()
                let value = try parseExpression()
                return Stmt(kind: .assign(Name(text: text, span: expr.span), value), span: start.to(value.span))
            }
            return Stmt(kind: .expr(expr), span: expr.span)
        }
    }

    /// for := 'for' NAME 'in' expression block
    private mutating func parseFor() throws -> Stmt {
        let start = advance().span
        let name = try parseName("after 'for'")
        _ = try expect(.kwIn, "after the loop variable")
        let iterable = try parseExpression()
        let body = try parseBlock("after the 'for' header")
        return Stmt(kind: .forIn(name, iterable, body), span: start.to(body.span))
    }

    /// import := 'import' STRING [ 'as' NAME ]
    private mutating func parseImport() throws -> Stmt {
        let start = advance().span
        let pathToken = try expect(.string, "after 'import'")
        guard case .pieces(let pieces) = pathToken.value, pieces.count == 1, case .text(let path) = pieces[0] else {
            throw SyntaxError(message: "an import path must be a plain string", span: pathToken.span)
        }
        var alias: Name?
        if match(.kwAs) { alias = try parseName("after 'as'") }
        return Stmt(kind: .importFile(path: path, alias: alias), span: start.to(alias?.span ?? pathToken.span))
    }

    mutating func parseName(_ context: String) throws -> Name {
        let token = try expect(.identifier, context)
        return Name(text: token.name, span: token.span)
    }

    /// block := '{' { statement ( NEWLINE | ';' ) } '}'
    private mutating func parseBlock(_ context: String, nests: Bool = true) throws -> Expr {
        guard check(.leftBrace) else { throw unexpected("expected '{' \(context)") }
        return try parseBlockBody(nests: nests)
    }

    /// `nests`: whether the block counts as a nesting level. A block that is itself an
    /// expression (`{ … }`, the blocks of `if` and `try`) is already counted by
    /// `parseExpression`, so that 10 000 nested blocks or `if`s are 10 000 levels, as 10 000
    /// parentheses are; the bodies of `for`, `while` and `fn` statements count themselves.
    /// Every path that recurses passes a counted point, so the limit still bounds the stack.
    private mutating func parseBlockBody(nests: Bool = true) throws -> Expr {
        if nests { try nest() }
        blockDepth += 1
        defer { if nests { depth -= 1 }; blockDepth -= 1 }
        let start = advance().span
        var statements: [Stmt] = []
        skipTerminators()
        while !check(.rightBrace) && !check(.eof) {
            if let statement = statementOrRecover() { statements.append(statement) }
            skipTerminators()
        }
        let close = try expect(.rightBrace, "to close the block")
        return Expr(kind: .block(statements), span: start.to(close.span))
    }

    /// functionRest := '(' [ param { ',' param } ] ')' body ; param := NAME [ '=' expression ]
    private mutating func parseFunctionRest(name: Name?, start: Span) throws -> FunctionDecl {
        _ = try expect(.leftParen, "to start the parameter list")
        var params: [Parameter] = []
        while !check(.rightParen) {
            let paramName = try parseName("for a parameter")
            if params.contains(where: { $0.name.text == paramName.text }) {
                throw SyntaxError(message: "duplicate parameter '\(paramName.text)'", span: paramName.span)
            }
            var defaultValue: Expr?
            if match(.equal) {
                defaultValue = try parseExpression(minLevel: .coalesce)
            } else if params.last?.defaultValue != nil {
                throw SyntaxError(message: "parameter '\(paramName.text)' needs a default value because an earlier one has one", span: paramName.span)
            }
            params.append(Parameter(name: paramName, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        _ = try expect(.rightParen, "to close the parameter list")
        let body: Expr
        if check(.leftBrace) {
            body = try parseBlockBody()
        } else {
            body = try parseExpression()
        }
        return FunctionDecl(name: name, params: params, body: body, span: start.to(body.span))
    }

    // MARK: - Expressions (Pratt)

    enum Level: Int, Comparable {
        case pipe = 1, coalesce, or, and, not, comparison, range, additive, multiplicative, unary, power, postfix
        static func < (a: Level, b: Level) -> Bool { a.rawValue < b.rawValue }
    }

    private func infixLevel(_ kind: Token.Kind) -> Level? {
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
                throw SyntaxError(message: "'\(source.text(peek.span))' cannot be chained; add parentheses", span: peek.span)
            }
        }
        return left
    }

    /// prefix := '-' unary | 'not' expression(not) | primary
    private mutating func parsePrefix(minLevel: Level) throws -> Expr {
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
    private func followsAsOperand(_ kind: Token.Kind) -> Bool {
        switch kind {
        case .caret, .leftParen, .leftBracket, .dot: return true
        default: return false
        }
    }

    private mutating func parseInfix(_ left: Expr, level: Level) throws -> Expr {
        let op = advance()
        switch op.kind {
        case .leftParen:
            return try parseCall(left)
        case .leftBracket:
            skipNewlines()
            let index = try parseExpression()
            let close = try expect(.rightBracket, "to close the index")
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

    private mutating func parseFieldName() throws -> Name {
        let token = advance()
        switch token.kind {
        case .identifier:
            return Name(text: token.name, span: token.span)
        default:
            if Token.keywords.values.contains(token.kind) {
                return Name(text: source.text(token.span), span: token.span)
            }
            current -= 1
            throw unexpected("expected a field name after '.'")
        }
    }

    /// call := expression '(' [ argument { ',' argument } ] ')' ; argument := [ NAME ':' ] expression
    private mutating func parseCall(_ callee: Expr) throws -> Expr {
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
                throw SyntaxError(message: "a positional argument cannot follow a named one", span: peek.span)
            }
            let value = try parseExpression()
            arguments.append(Argument(label: label, value: value))
            if !match(.comma) { break }
        }
        let close = try expect(.rightParen, "to close the argument list")
        return Expr(kind: .call(callee, arguments), span: callee.span.to(close.span))
    }

    /// pipeTarget := stage | postfixExpression   (`x | f(a)` is `f(x, a)`; `x | f` is `f(x)`)
    private mutating func parsePipeTarget(_ input: Expr) throws -> Expr {
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
    private func isBareFunctionName() -> Bool {
        guard peek.name != "distinct" else { return false }
        switch lookahead(1).kind {
        case .newline, .semicolon, .eof, .pipe, .rightParen, .rightBrace, .rightBracket, .comma: return true
        default: return false
        }
    }

    // MARK: - Primary expressions

    /// primary := literal | NAME | '(' expression ')' | list | record | block | if | lambda | try
    private mutating func parsePrimary() throws -> Expr {
        let token = peek
        switch token.kind {
        case .int:
            if case .intMinMagnitude = token.value {
                throw SyntaxError(message: "integer literal is too large (the limit is 9223372036854775807)", span: token.span)
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
            if check(.comma) { throw SyntaxError(message: HabitHints.parenthesizedList, span: peek.span) }
            let close = try expect(.rightParen, "to close '('")
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
            throw unexpected("expected an expression")
        }
    }

    /// `{}` and `{ key: …` are records; any other `{` opens a block.
    private func looksLikeRecord() -> Bool {
        var j = current + 1
        while tokens[j].kind == .newline { j += 1 }
        switch tokens[j].kind {
        case .rightBrace: return true
        case .identifier, .string: return tokens[j + 1].kind == .colon
        default: return false
        }
    }

    /// list := '[' [ expression { ',' expression } [','] ] ']'
    private mutating func parseList() throws -> Expr {
        // Nesting is counted by parseExpression, which every nested item passes through.
        let start = advance().span
        var items: [Expr] = []
        while !check(.rightBracket) {
            items.append(try parseExpression())
            if !match(.comma) { break }
        }
        let close = try expect(.rightBracket, "to close the list")
        return Expr(kind: .list(items), span: start.to(close.span))
    }

    /// record := '{' [ key ':' expression { ',' key ':' expression } [','] ] '}' ; key := NAME | STRING
    private mutating func parseRecord() throws -> Expr {
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
                throw unexpected("expected a field name in the record")
            }
            if entries.contains(where: { ScalarString.equal($0.key.text, key.text) }) {
                throw SyntaxError(message: "duplicate field '\(key.text)' in record", span: key.span)
            }
            _ = try expect(.colon, "after the field name")
            skipNewlines()
            let value = try parseExpression()
            entries.append(RecordEntry(key: key, value: value))
            skipNewlines()
            if !match(.comma) { break }
            skipNewlines()
        }
        skipNewlines()
        let close = try expect(.rightBrace, "to close the record")
        return Expr(kind: .record(entries), span: start.to(close.span))
    }

    /// if := 'if' expression block [ 'else' ( if | block ) ]
    private mutating func parseIf() throws -> Expr {
        let start = advance().span
        let condition = try parseExpression()
        let then = try parseBlock("after the 'if' condition", nests: false)
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
                otherwise = try parseBlock("after 'else'", nests: false)
            }
        }
        return Expr(kind: .ifElse(condition, then, otherwise), span: start.to(otherwise?.span ?? then.span))
    }

    /// try := 'try' block 'catch' NAME block
    private mutating func parseTry() throws -> Expr {
        let start = advance().span
        let body = try parseBlock("after 'try'", nests: false)
        guard nextSignificantIs(.kwCatch) else { throw unexpected("expected 'catch' after the 'try' block") }
        skipNewlines()
        advance()
        let name = try parseName("after 'catch'")
        let handler = try parseBlock("after the 'catch' variable", nests: false)
        return Expr(kind: .tryCatch(body, name, handler), span: start.to(handler.span))
    }

    /// Whether `kind` comes next, looking past newlines (so `else` may start a line).
    private func nextSignificantIs(_ kind: Token.Kind) -> Bool {
        var j = current
        while tokens[j].kind == .newline { j += 1 }
        return tokens[j].kind == kind
    }

    /// Strings with `\(…)` are parsed piece by piece; interpolations are parsed from their byte range.
    private mutating func parseString(_ token: Token) throws -> Expr {
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
                    throw SyntaxError(message: "empty interpolation '\\()' in string", span: Span(file: file, start: start - 2, end: end + 1))
                }
                let expr = try inner.parseExpression()
                inner.skipNewlines()
                if !inner.check(.eof) { throw inner.unexpected("expected ')' to end the interpolation") }
                parts.append(.expr(expr))
            }
        }
        return Expr(kind: .string(parts), span: token.span)
    }
}

/// Recursive-descent statements and a Pratt expression parser, with panic-mode
/// recovery at statement boundaries so that one run reports every syntax error.
///
/// Each parse function carries its grammar production as a comment.
struct Parser {
    let source: SourceFile
    let file: Int32
    var tokens: [Token]
    var current = 0
    private(set) var errors: [SyntaxError] = []
    /// Nesting of expressions and blocks; bounded so that hostile input cannot exhaust the stack.
    var depth = 0
    static let maxNesting = 20_000
    /// How many `{ }` blocks enclose the statement being parsed (0 at the top level).
    var blockDepth = 0
    /// True for the parser of one `\(…)` interpolation, whose input ends at its `)`.
    let isInterpolation: Bool

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
            return ([], [SyntaxError(.sourceTooLarge, span: Span(file: file, start: 0, end: 0))])
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

    mutating func expect(_ kind: Token.Kind, _ context: Msg) throws -> Token {
        guard check(kind) else { throw unexpected(.expectedToken, kind.displayArg, Message(context)) }
        return advance()
    }

    /// An error at the next token. At a lexer `.error` token it is only an echo of the
    /// error already reported there, and is dropped.
    func unexpected(_ entry: Msg, _ args: any CustomStringConvertible...) -> SyntaxError {
        let message = Message(entry, args.map(MessageArg.init))
        if peek.kind != .error, let hint = HabitHints.parserHint(tokens: tokens, at: current, source: source) { return hint }
        var error = SyntaxError(.expectedFound, message, describe(peek), span: peek.span)
        error.isEcho = peek.kind == .error
        error.atEndOfInput = isAtEndOfInput(peek) && !isInterpolation
        return error
    }

    /// The zero-width newline and end tokens the lexer adds after the last real token.
    func isAtEndOfInput(_ token: Token) -> Bool {
        token.kind == .eof || (token.kind == .newline && token.span.start == token.span.end)
    }

    func describe(_ token: Token) -> MessageArg {
        if isAtEndOfInput(token) { return isInterpolation ? .text("')'") : Token.Kind.eof.displayArg }
        switch token.kind {
        case .identifier: return .text("'\(token.name)'")
        case .int, .float, .string, .date: return source.text(token.span).isEmpty ? token.kind.displayArg : .text("'\(source.text(token.span))'")
        default: return token.kind.displayArg
        }
    }

    mutating func skipNewlines() {
        while check(.newline) { advance() }
    }

    mutating func skipTerminators() {
        while check(.newline) || check(.semicolon) { advance() }
    }

    func isAtStatementEnd() -> Bool {
        switch peek.kind {
        case .newline, .semicolon, .eof, .rightBrace: return true
        default: return false
        }
    }

    mutating func nest() throws {
        depth += 1
        if depth > Parser.maxNesting {
            throw SyntaxError(.nestingTooDeep, Parser.maxNesting, span: peek.span)
        }
    }

    // MARK: - Statements

    /// Parses one statement; on error records it and skips to the next statement boundary.
    /// A `let` or `fn` whose name was read still declares it (with an invalid value), so a
    /// mistake in its value does not also make every later use "undefined".
    mutating func statementOrRecover() -> Stmt? {
        let savedDepth = depth, savedBlocks = blockDepth
        let start = current
        do {
            let statement = try parseStatement()
            if !isAtStatementEnd() {
                throw unexpected(.expectedEndOfStatement)
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

    mutating func recover(from error: SyntaxError, statementStart: Int, depth savedDepth: Int, blocks: Int) {
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
    mutating func synchronize(from statementStart: Int) {
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
    mutating func parseStatement() throws -> Stmt {
        let start = peek.span
        switch peek.kind {
        case .kwLet:
            advance()
            let name = try parseName(.contextAfterLet)
            do {
                _ = try expect(.equal, .contextAfterTheNameInLet)
                skipNewlines()
                let value = try parseExpression()
                return Stmt(kind: .letBinding(name, value), span: start.to(value.span))
            } catch let error as SyntaxError {
                let invalid = Expr(kind: .invalid, span: name.span)
                throw PartialStatement(statement: Stmt(kind: .letBinding(name, invalid), span: start.to(name.span)), error: error)
            }
        case .kwFn where lookahead(1).kind == .identifier:
            advance()
            let name = try parseName(.contextAfterFn)
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
            let body = try parseBlock(.contextAfterTheWhileCondition)
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
                    default: throw SyntaxError(HabitHints.singleEquals, span: equal.span)
                    }
                    throw SyntaxError(.assignToNonVariable, span: expr.span.to(equal.span))
                }
                skipNewlines()
                let value = try parseExpression()
                return Stmt(kind: .assign(Name(text: text, span: expr.span), value), span: start.to(value.span))
            }
            return Stmt(kind: .expr(expr), span: expr.span)
        }
    }

    /// for := 'for' NAME 'in' expression block
    mutating func parseFor() throws -> Stmt {
        let start = advance().span
        let name = try parseName(.contextAfterFor)
        _ = try expect(.kwIn, .contextAfterTheLoopVariable)
        let iterable = try parseExpression()
        let body = try parseBlock(.contextAfterTheForHeader)
        return Stmt(kind: .forIn(name, iterable, body), span: start.to(body.span))
    }

    /// import := 'import' STRING [ 'as' NAME ]
    mutating func parseImport() throws -> Stmt {
        let start = advance().span
        let pathToken = try expect(.string, .contextAfterImport)
        guard case .pieces(let pieces) = pathToken.value, pieces.count == 1, case .text(let path) = pieces[0] else {
            throw SyntaxError(.importPathNotString, span: pathToken.span)
        }
        var alias: Name?
        if match(.kwAs) { alias = try parseName(.contextAfterAs) }
        return Stmt(kind: .importFile(path: path, alias: alias), span: start.to(alias?.span ?? pathToken.span))
    }

    mutating func parseName(_ context: Msg) throws -> Name {
        let token = try expect(.identifier, context)
        return Name(text: token.name, span: token.span)
    }

    /// block := '{' { statement ( NEWLINE | ';' ) } '}'
    mutating func parseBlock(_ context: Msg, nests: Bool = true) throws -> Expr {
        guard check(.leftBrace) else { throw unexpected(.expectedBrace, Message(context)) }
        return try parseBlockBody(nests: nests)
    }

    /// `nests`: whether the block counts as a nesting level. A block that is itself an
    /// expression (`{ … }`, the blocks of `if` and `try`) is already counted by
    /// `parseExpression`, so that 10 000 nested blocks or `if`s are 10 000 levels, as 10 000
    /// parentheses are; the bodies of `for`, `while` and `fn` statements count themselves.
    /// Every path that recurses passes a counted point, so the limit still bounds the stack.
    mutating func parseBlockBody(nests: Bool = true) throws -> Expr {
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
        let close = try expect(.rightBrace, .contextToCloseTheBlock)
        return Expr(kind: .block(statements), span: start.to(close.span))
    }

    /// functionRest := '(' [ param { ',' param } ] ')' body ; param := NAME [ '=' expression ]
    mutating func parseFunctionRest(name: Name?, start: Span) throws -> FunctionDecl {
        _ = try expect(.leftParen, .contextToStartTheParameterList)
        var params: [Parameter] = []
        while !check(.rightParen) {
            let paramName = try parseName(.contextForAParameter)
            if params.contains(where: { $0.name.text == paramName.text }) {
                throw SyntaxError(.duplicateParameter, paramName.text, span: paramName.span)
            }
            var defaultValue: Expr?
            if match(.equal) {
                defaultValue = try parseExpression(minLevel: .coalesce)
            } else if params.last?.defaultValue != nil {
                throw SyntaxError(.parameterNeedsDefault, paramName.text, span: paramName.span)
            }
            params.append(Parameter(name: paramName, defaultValue: defaultValue))
            if !match(.comma) { break }
        }
        _ = try expect(.rightParen, .contextToCloseTheParameterList)
        let body: Expr
        if check(.leftBrace) {
            body = try parseBlockBody()
        } else {
            body = try parseExpression()
        }
        return FunctionDecl(name: name, params: params, body: body, span: start.to(body.span))
    }

}

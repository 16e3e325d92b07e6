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

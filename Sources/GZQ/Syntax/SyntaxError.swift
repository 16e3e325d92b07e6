/// A syntax problem at a span, before it is turned into a `Diagnostic`.
struct SyntaxError: Error {
    /// The catalogue entry and its arguments.
    var content: Message
    /// The English text.
    var message: String { content.text(.en) }
    let span: Span
    /// The parser tripped over a lexer `.error` token whose error is already reported.
    var isEcho = false
    /// The input ended where more was expected (the REPL then reads another line).
    var atEndOfInput = false

    init(_ entry: Msg, _ args: any CustomStringConvertible..., span: Span) {
        self.init(Message(entry, args.map(MessageArg.init)), span: span)
    }

    init(_ content: Message, span: Span) {
        self.content = content
        self.span = span
    }
}

/// A statement that failed part-way but still declares a name (`let x = <error>`): the
/// parser keeps it so that later uses of the name do not report a second, spurious error.
struct PartialStatement: Error {
    let statement: Stmt
    let error: SyntaxError
}

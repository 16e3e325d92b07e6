/// A problem found in a program, delivered to the host as data.
/// `DiagnosticRenderer` turns it into the caret form of SPEC §9.
public struct Diagnostic: Error, Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// Found while lexing, parsing or resolving: the program did not run.
        case syntax
        /// Raised while the program ran.
        case runtime
    }

    public let kind: Kind
    public let message: String
    /// File name as given (script path, `<repl>`, `<-e>`), or empty when unknown.
    public let file: String
    /// 1-based; 0 when the error has no source position.
    public let line: Int
    public let column: Int
    /// Display width of the underlined span (at least 1).
    public let length: Int
    /// The source line the error points at, for rendering.
    public let sourceLine: String

    public init(kind: Kind, message: String, file: String, line: Int, column: Int, length: Int = 1, sourceLine: String = "") {
        self.kind = kind
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.sourceLine = sourceLine
    }
}

/// What the last statement of a source text is, from its syntax alone (nothing runs). The
/// REPL uses it to decide whether a `|` entry continues the previous statement (REFERENCE §11),
/// and `gzq -e` to decide whether a `null` result is worth printing.
public enum EntryShape: Equatable, Sendable {
    /// An expression (its value is the entry's value).
    case expression
    /// `let name = …` or `name = …`.
    case binding(String)
    /// `fn name(…) { … }`.
    case function
    /// Anything else (a loop, `import`, `return`…), or a text that does not parse.
    case other

    /// The shape of the last statement of `source`.
    public static func of(_ source: String) -> EntryShape {
        let file = SourceFile(name: "<entry>", text: source)
        let (statements, errors) = Parser.parseProgram(file, file: -1)
        guard errors.isEmpty, let last = statements.last else { return .other }
        switch last.kind {
        case .expr: return .expression
        case .letBinding(let name, _), .assign(let name, _): return .binding(name.text)
        case .function: return .function
        default: return .other
        }
    }
}

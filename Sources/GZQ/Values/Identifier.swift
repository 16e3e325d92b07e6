/// The one rule for names (REFERENCE §1), used by the lexer, the value and table formatters,
/// the REPL's completion and the embedding APIs: a letter of any script (贵阳 is a name) or
/// `_`, then letters, digits or `_`. Any other column name is written in backquotes.
public enum Identifier {
    /// Words the lexer reads as keywords; a name spelled so needs backquotes.
    /// `Token.keywords` maps the same words to their tokens (a test keeps the two equal).
    static let reservedWords: Set<String> = [
        "let", "fn", "return", "if", "else", "for", "in", "while", "break", "continue",
        "true", "false", "null", "and", "or", "not", "mod", "import", "as", "try", "catch",
    ]

    static func isStart(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic
    }

    static func isContinue(_ s: Unicode.Scalar) -> Bool {
        s == "_" || s.properties.isAlphabetic || s.properties.numericType != nil
    }

    /// Whether `name` is spelled as a name (keywords included: `if` is spelled as one).
    public static func isValid(_ name: String) -> Bool {
        let scalars = name.unicodeScalars
        guard let first = scalars.first, isStart(first) else { return false }
        return scalars.allSatisfy(isContinue)
    }

    /// `name` as source text: bare when it reads back as that name, else in backquotes.
    static func quotedIfNeeded(_ name: String) -> String {
        isValid(name) && !reservedWords.contains(name) ? name : "`" + name + "`"
    }
}

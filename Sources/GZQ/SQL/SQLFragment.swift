/// A piece of SQL text with its bound parameters in place. Every value from a program or a
/// table is a parameter, never text; the placeholders are numbered only when the whole
/// statement is rendered, so fragments can be combined in any order.
struct SQLFragment {
    enum Piece {
        case text(String)
        case parameter(Value)
    }
    private(set) var pieces: [Piece]

    init(_ text: String) { pieces = text.isEmpty ? [] : [.text(text)] }
    init(pieces: [Piece]) { self.pieces = pieces }

    static func parameter(_ value: Value) -> SQLFragment { SQLFragment(pieces: [.parameter(value)]) }

    /// Whether a bound parameter is part of the text.
    var hasParameters: Bool { pieces.contains { if case .parameter = $0 { return true } else { return false } } }

    static func + (a: SQLFragment, b: SQLFragment) -> SQLFragment { SQLFragment(pieces: a.pieces + b.pieces) }
    static func + (a: SQLFragment, b: String) -> SQLFragment { a + SQLFragment(b) }
    static func + (a: String, b: SQLFragment) -> SQLFragment { SQLFragment(a) + b }

    /// `parts` separated by `separator`.
    static func join(_ parts: [SQLFragment], _ separator: String) -> SQLFragment {
        var out = SQLFragment("")
        for (k, part) in parts.enumerated() {
            if k > 0 { out = out + separator }
            out = out + part
        }
        return out
    }

    /// In parentheses.
    var parenthesized: SQLFragment { "(" + self + ")" }

    /// The text with numbered placeholders and the values in their order.
    func render(_ dialect: SQLDialect) -> (sql: String, parameters: [Value]) {
        var sql = "", parameters: [Value] = []
        for piece in pieces {
            switch piece {
            case .text(let t): sql += t
            case .parameter(let v):
                parameters.append(v)
                sql += dialect.placeholder(parameters.count)
            }
        }
        return (sql, parameters)
    }

    /// Whether the text (parameters aside) contains this string: used to tell window expressions apart.
    func contains(_ text: String) -> Bool {
        pieces.contains { if case .text(let t) = $0 { return t.contains(text) }; return false }
    }
}

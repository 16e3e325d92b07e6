/// An `==`/`!=` inside a stage between a column and a constant (or two columns), checked
/// against the table before any row runs, so `where year == "2021"` on an int column is an
/// error even when no row would reach it (a 0-row table, a short-circuited `and`).
struct EqualityCheck {
    let left: Node
    let right: Node
    let op: BinaryOperator
    let span: Span

    func validate(_ table: Table) throws {
        guard let l = Self.knownType(left, table), let r = Self.knownType(right, table),
              let message = Arithmetic.mixedEqualityMessage(l, r, op) else { return }
        throw RuntimeError(message, at: span)
    }

    /// The type name of an operand when the table alone tells it: a column (a string column
    /// only when it holds strings — a column of nulls reads as string but has no type yet),
    /// or a constant.
    static func knownType(_ node: Node, _ table: Table) -> String? {
        if let constant = node as? ConstantNode { return constant.value.typeName }
        guard let ref = node as? ColumnRef, let i = table.schema.index(of: ref.name) else { return nil }
        if case .string(_, let dictionary) = table.columns[i].storage, dictionary.isEmpty { return nil }
        return table.schema.types[i].rawValue
    }
}

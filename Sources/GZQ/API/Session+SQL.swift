/// `:sql EXPR` in the REPL: the SQL text of a remote table, without running it.
extension Session {
    func sql(_ expression: String) {
        guard let value = printingErrors({
            try expression.isEmpty ? (interpreter.global("_") ?? .null) : interpreter.run(expression, name: entryName)
        }) else { return }
        guard case .remoteTable(let r) = value else {
            report(.sqlNeedsRemoteTable, value.typeName)
            return
        }
        output(r.statement.sql + "\n")
    }
}

extension Value {
    var isRemoteTable: Bool {
        if case .remoteTable = self { return true }
        return false
    }

    /// The column names of a local or remote table (remote: from its query, without running it).
    var tableColumnNames: [String]? {
        switch self {
        case .table(let t): return t.schema.names
        case .remoteTable(let r): return r.schema.names
        default: return nil
        }
    }
}

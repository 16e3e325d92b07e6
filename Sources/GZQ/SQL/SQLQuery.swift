/// The query a remote table holds: one SELECT level over a source (a table, a subquery or a
/// join), with the gzq columns it outputs. Stages extend the level while SQL allows it at the
/// same level, and otherwise wrap it as a subquery first (`wrapped()`).
///
/// Every column's SQL is written over the level's source with qualified names (`"t0"."year"`),
/// so WHERE and ORDER BY never confuse an input column with an output alias of the same name.
struct SQLQuery {
    /// One output column: its SQL over the source, its name and gzq type (nil when always null).
    struct Column {
        var name: String
        var sql: SQLFragment
        var type: ColumnType?
        /// Holds a window function or an aggregate (so it cannot be nested in another one, or filtered at this level).
        var isComputedOverRows = false
        /// Its values may raise an error (integer overflow); see `SQLExpressionCompiler.Compiled.mayFail`.
        var mayFail = false
    }

    /// One ORDER BY term.
    struct OrderTerm {
        var sql: SQLFragment
        var type: ColumnType?
        var descending: Bool
    }

    let dialect: SQLDialect
    var source: SQLFragment
    var columns: [Column]
    var filters: [SQLFragment] = []
    /// nil: not grouped; []: one row over all (summarize without by).
    var groupBy: [SQLFragment]?
    var orderBy: [OrderTerm] = []
    var limit: SQLFragment?
    var distinct = false
    var hasWindow = false
    /// Levels so far, for fresh aliases.
    var depth = 0

    /// `SELECT … FROM "table"`.
    init(table: String, schema: Schema, dialect: SQLDialect) {
        self.dialect = dialect
        let alias = "t0"
        source = SQLFragment(dialect.quoteIdentifier(table) + " AS " + dialect.quoteIdentifier(alias))
        columns = zip(schema.names, schema.types).map { name, type in
            Column(name: name, sql: SQLFragment(dialect.quoteIdentifier(alias) + "." + dialect.quoteIdentifier(name)), type: type)
        }
    }

    var schema: Schema { Schema(names: columns.map(\.name), types: columns.map { $0.type ?? .string }) }

    func column(named name: String) -> Column? {
        columns.first { ScalarString.equal($0.name, name) }
    }

    /// The name of the hidden column that carries a wrapped level's row order outward.
    private var orderColumnName: String { "__gzq_order_\(depth)" }

    /// This level as a subquery of a new one whose columns read it by name. A sorted level
    /// passes its order out as a row number, so later levels keep it.
    func wrapped(aliasPrefix: String = "t") -> SQLQuery {
        var inner = self
        let sorted = !orderBy.isEmpty
        if sorted {
            inner.columns.append(Column(name: orderColumnName, sql: "ROW_NUMBER() OVER (" + orderClause + ")", type: .int))
        }
        let alias = dialect.quoteIdentifier("\(aliasPrefix)\(depth + 1)")
        var outer = self
        outer.depth = depth + 1
        outer.source = inner.render().parenthesized + " AS " + alias
        outer.columns = columns.map { Column(name: $0.name, sql: SQLFragment(alias + "." + dialect.quoteIdentifier($0.name)), type: $0.type, mayFail: $0.mayFail) }
        outer.filters = []
        outer.groupBy = nil
        outer.limit = nil
        outer.distinct = false
        outer.hasWindow = false
        outer.orderBy = sorted ? [OrderTerm(sql: SQLFragment(alias + "." + dialect.quoteIdentifier(orderColumnName)), type: .int, descending: false)] : []
        return outer
    }

    /// Whether this level filters, groups, limits or computes over rows: a stage that must see
    /// its output (a where after a summarize) needs it wrapped first.
    var isShaped: Bool { groupBy != nil || limit != nil || distinct || hasWindow }

    /// Whether some column may raise an error for a row: a stage that drops rows or columns
    /// must then run locally, or the database might never compute (and report) it.
    var mayFail: Bool { columns.contains(where: \.mayFail) }

    /// `ORDER BY …` (without the keyword's leading space), nulls last whatever the direction.
    var orderClause: SQLFragment {
        "ORDER BY " + SQLFragment.join(orderBy.map { term in
            dialect.ordered(term.sql, type: term.type) + (term.descending ? " DESC" : " ASC") + " NULLS LAST"
        }, ", ")
    }

    /// The whole statement.
    func render() -> SQLFragment {
        var sql = SQLFragment(distinct ? "SELECT DISTINCT " : "SELECT ")
        sql = sql + SQLFragment.join(columns.map { column in
            let plain = column.sql.pieces.count == 1 && column.sql.render(dialect).sql.hasSuffix("." + dialect.quoteIdentifier(column.name))
            return plain ? column.sql : column.sql + " AS " + dialect.quoteIdentifier(column.name)
        }, ", ")
        if columns.isEmpty { sql = sql + "NULL AS " + dialect.quoteIdentifier("__gzq_none") }
        sql = sql + " FROM " + source
        if !filters.isEmpty { sql = sql + " WHERE " + SQLFragment.join(filters.map(\.parenthesized), " AND ") }
        if let groupBy, !groupBy.isEmpty { sql = sql + " GROUP BY " + SQLFragment.join(groupBy, ", ") }
        if !orderBy.isEmpty { sql = sql + " " + orderClause }
        if let limit { sql = sql + " LIMIT " + limit }
        return sql
    }
}

/// How each dialect spells what gzq means: where SQLite and PostgreSQL differ, the
/// difference is here and nowhere else.
extension SQLDialect {
    /// A term of ORDER BY or a comparison operand: strings by code point (SQLite's BINARY
    /// collation already is; PostgreSQL needs the "C" collation).
    func ordered(_ sql: SQLFragment, type: ColumnType?) -> SQLFragment {
        self == .postgres && type == .string ? sql.parenthesized + " COLLATE \"C\"" : sql
    }

    /// The value as a double.
    func float(_ sql: SQLFragment) -> SQLFragment {
        "CAST(" + sql + (self == .sqlite ? " AS REAL)" : " AS DOUBLE PRECISION)")
    }

    /// `==` with null as a value (`null == null` is true).
    func same(_ a: SQLFragment, _ b: SQLFragment) -> SQLFragment {
        self == .sqlite ? a.parenthesized + " IS " + b.parenthesized : a.parenthesized + " IS NOT DISTINCT FROM " + b.parenthesized
    }

    func different(_ a: SQLFragment, _ b: SQLFragment) -> SQLFragment {
        self == .sqlite ? a.parenthesized + " IS NOT " + b.parenthesized : a.parenthesized + " IS DISTINCT FROM " + b.parenthesized
    }

    /// SQLite turns an INTEGER sum or product that overflows into REAL; gzq's overflow is an
    /// error, so the result is checked and `abs(-2^63)` raises SQLite's own "integer overflow".
    /// PostgreSQL's bigint raises "bigint out of range" by itself.
    func checkedInt(_ sql: SQLFragment) -> SQLFragment {
        guard self == .sqlite else { return sql }
        return "CASE WHEN typeof(" + sql + ") = 'real' THEN abs(-9223372036854775807 - 1) ELSE " + sql + " END"
    }

    /// `sum` of ints: an int, 0 over no values (PostgreSQL's sum(bigint) is numeric).
    func sumInt(_ sql: SQLFragment, window: SQLFragment = SQLFragment("")) -> SQLFragment {
        self == .sqlite ? "COALESCE(SUM(" + sql + ")" + window + ", 0)" : "COALESCE(CAST(SUM(" + sql + ")" + window + " AS BIGINT), 0)"
    }

    /// `round(x, digits)` of a double, half away from zero (PostgreSQL's round(double) rounds half to even; numeric does not).
    func round(_ sql: SQLFragment, digits: SQLFragment) -> SQLFragment {
        self == .sqlite ? "round(" + sql + ", " + digits + ")"
            : "CAST(round(CAST(" + sql + " AS NUMERIC), CAST(" + digits + " AS INTEGER)) AS DOUBLE PRECISION)"
    }

    /// `year(d)`, `month(d)`, `day(d)` as ints.
    func datePart(_ part: String, _ sql: SQLFragment) -> SQLFragment {
        if self == .postgres { return "CAST(EXTRACT(" + part.uppercased() + " FROM " + sql + ") AS BIGINT)" }
        let format = ["year": "%Y", "month": "%m", "day": "%d"][part] ?? "%Y"
        return "CAST(strftime('" + format + "', " + sql + ") AS INTEGER)"
    }

    /// Characters (Unicode scalars) of a string.
    func length(_ sql: SQLFragment) -> SQLFragment {
        self == .sqlite ? "length(" + sql + ")" : "char_length(" + sql + ")"
    }

    /// A bound parameter with its type made explicit where the server cannot infer it.
    func typedParameter(_ value: Value) -> SQLFragment {
        guard self == .postgres else { return .parameter(value) }
        switch value {
        case .int: return "CAST(" + SQLFragment.parameter(value) + " AS BIGINT)"
        case .float: return "CAST(" + SQLFragment.parameter(value) + " AS DOUBLE PRECISION)"
        case .bool: return "CAST(" + SQLFragment.parameter(value) + " AS BOOLEAN)"
        case .date: return "CAST(" + SQLFragment.parameter(value) + " AS DATE)"
        case .string: return "CAST(" + SQLFragment.parameter(value) + " AS TEXT)"
        default: return .parameter(value)
        }
    }

    /// An int constant chosen by the compiler (never from the program or the data).
    func integer(_ n: Int) -> SQLFragment { SQLFragment(String(n)) }
}

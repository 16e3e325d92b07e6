/// Compiles a bound stage expression into SQL over a query level, keeping gzq's meaning, or
/// declines (returns nil) when SQL cannot say exactly the same thing: user functions, types
/// whose mix is an error in gzq, anything not listed here. Declining is silent: the rows are
/// pulled and the local engine runs the stage (and reports its errors).
struct SQLExpressionCompiler {
    /// What an expression compiled to.
    struct Compiled {
        var sql: SQLFragment
        /// The gzq type of its values; nil for the null literal.
        var type: ColumnType?
        var hasAggregate = false
        var hasWindow = false
        /// Reads a column computed over rows (a window or an aggregate), which SQL cannot nest.
        var readsComputed = false
        /// An int sum or product in SQLite that may have silently become REAL (`SQLDialect.checkedInt`).
        var uncheckedInt = false
        /// May raise an error (integer overflow) for some row: SQL evaluates lazily, so a stage
        /// that would discard such a value unread declines (gzq computes every value first).
        var mayFail = false
    }

    /// Where the expression sits.
    enum Mode {
        /// where, select, sort keys, summarize keys: one value per row.
        case row
        /// summarize: aggregates over the group; bare columns only when they are keys.
        case aggregate(keys: [String])
        /// derive: aggregates and window functions over the partition, in the level's order.
        case window(partition: [SQLFragment], order: [SQLQuery.OrderTerm])
    }

    let query: SQLQuery
    let mode: Mode
    let ctx: Context
    let frame: Frame
    var dialect: SQLDialect { query.dialect }
    /// Inside an aggregate's argument.
    var insideAggregate = false

    init(query: SQLQuery, mode: Mode, ctx: Context, frame: Frame) {
        self.query = query
        self.mode = mode
        self.ctx = ctx
        self.frame = frame
    }

    /// The expression as a value (int arithmetic checked), or nil.
    func compile(_ node: Node) -> Compiled? {
        guard let c = expression(node) else { return nil }
        return finished(c)
    }

    func finished(_ c: Compiled) -> Compiled {
        guard c.uncheckedInt else { return c }
        var out = c
        out.sql = dialect.checkedInt(c.sql)
        out.uncheckedInt = false
        return out
    }

    // MARK: - Nodes

    func expression(_ node: Node) -> Compiled? {
        switch node {
        case let ref as ColumnRef:
            if let column = query.column(named: ref.name) { return columnRead(column) }
            guard let variable = ref.variable else { return nil }
            return constant(variable)
        case let ref as DynamicColumnRef:
            guard case .string(let name)? = try? ref.nameNode.eval(ctx, frame), let column = query.column(named: name.value) else { return nil }
            return columnRead(column)
        case is ConstantNode, is LocalGet, is UpvalueGet, is GlobalGet:
            return constant(node)
        case is BinaryOperands, is IntConstantOperand, is BinaryNode:
            // The one view of a binary operator node, whichever class the resolver chose.
            guard let parts = BinaryParts.of(node) else { return nil }
            return binary(parts.op, parts.left, parts.right)
        case let and as AndNode:
            // `a and b` is a when a is falsy, else b: for bools, CASE keeps null where SQL's AND would say false.
            guard let a = boolOperand(and.left), let b = boolOperand(and.right) else { return nil }
            return combine([a, b], "CASE WHEN " + a.sql + " THEN " + b.sql + " ELSE " + a.sql + " END", .bool)
        case let or as OrNode:
            guard let a = boolOperand(or.left), let b = boolOperand(or.right) else { return nil }
            return combine([a, b], "CASE WHEN " + a.sql + " THEN " + a.sql + " ELSE " + b.sql + " END", .bool)
        case let not as NotNode:
            guard let a = boolOperand(not.operand) else { return nil }
            return combine([a], "CASE WHEN " + a.sql + " THEN " + boolLiteral(false) + " ELSE " + boolLiteral(true) + " END", .bool)
        case let negate as NegateNode:
            guard let a = expression(negate.operand), a.type == .int || a.type == .float else { return nil }
            var out = combine([a], "-" + a.sql.parenthesized, a.type)
            out.uncheckedInt = a.type == .int && dialect == .sqlite
            out.mayFail = out.mayFail || a.type == .int
            return out
        case let coalesce as CoalesceNode:
            guard let a = expression(coalesce.left).map(finished), let b = expression(coalesce.right).map(finished),
                  let type = commonType(a.type, b.type) else { return nil }
            return combine([a, b], "COALESCE(" + a.sql + ", " + b.sql + ")", type)
        case let call as CallNode:
            return self.call(call)
        case let aggregate as AggregateNode:
            return self.aggregate(aggregate)
        case let window as WindowNode:
            return self.window(window)
        default:
            return nil
        }
    }

    private func columnRead(_ column: SQLQuery.Column) -> Compiled? {
        if case .aggregate(let keys) = mode, !insideAggregate, !keys.contains(where: { ScalarString.equal($0, column.name) }) { return nil }
        return Compiled(sql: column.sql, type: column.type, readsComputed: column.isComputedOverRows, mayFail: column.mayFail)
    }

    /// A value fixed for the whole stage (a literal or a variable), sent as a parameter.
    func constant(_ node: Node) -> Compiled? {
        guard let value = try? node.eval(ctx, frame) else { return nil }
        switch value {
        case .null: return Compiled(sql: SQLFragment("NULL"), type: nil)
        case .int: return Compiled(sql: dialect.typedParameter(value), type: .int)
        case .float: return Compiled(sql: dialect.typedParameter(value), type: .float)
        case .bool: return Compiled(sql: dialect.typedParameter(value), type: .bool)
        case .string: return Compiled(sql: dialect.typedParameter(value), type: .string)
        case .date: return Compiled(sql: dialect.typedParameter(value), type: .date)
        default: return nil
        }
    }

    private func boolLiteral(_ b: Bool) -> SQLFragment { SQLFragment(dialect == .sqlite ? (b ? "1" : "0") : (b ? "TRUE" : "FALSE")) }

    private func boolOperand(_ node: Node) -> Compiled? {
        guard let c = expression(node).map(finished), c.type == .bool else { return nil }
        return c
    }

    /// A new expression made of `parts`, carrying their flags.
    func combine(_ parts: [Compiled], _ sql: SQLFragment, _ type: ColumnType?) -> Compiled {
        Compiled(sql: sql.parenthesized, type: type, hasAggregate: parts.contains { $0.hasAggregate },
                 hasWindow: parts.contains { $0.hasWindow }, readsComputed: parts.contains { $0.readsComputed },
                 mayFail: parts.contains { $0.mayFail })
    }

    func isNumber(_ t: ColumnType?) -> Bool { t == .int || t == .float }

    /// The type two branches share (`a ?? b`): numbers mix as float; null adopts the other.
    private func commonType(_ a: ColumnType?, _ b: ColumnType?) -> ColumnType?? {
        guard let a else { return .some(b) }
        guard let b else { return .some(a) }
        if a == b { return .some(a) }
        if isNumber(a) && isNumber(b) { return .some(.float) }
        return nil
    }

    // MARK: - Operators

    private func binary(_ op: BinaryOperator, _ left: Node, _ right: Node) -> Compiled? {
        if op == .contains { return membership(left, right) }
        guard var a = expression(left), var b = expression(right) else { return nil }
        let arithmetic: Set<BinaryOperator> = [.add, .subtract, .multiply, .floorDivide]
        if !arithmetic.contains(op) { a = finished(a); b = finished(b) }
        switch op {
        case .add, .subtract, .multiply:
            if op == .add, a.type == .string, b.type == .string {
                let (x, y) = (finished(a), finished(b))
                return combine([x, y], x.sql + " || " + y.sql, .string)
            }
            guard isNumber(a.type), isNumber(b.type) else { return nil }
            let symbol = op == .add ? " + " : op == .subtract ? " - " : " * "
            let isInt = a.type == .int && b.type == .int
            if !isInt { (a, b) = (finished(a), finished(b)) }
            var out = combine([a, b], a.sql + symbol + b.sql, isInt ? .int : .float)
            out.uncheckedInt = isInt && dialect == .sqlite
            out.mayFail = out.mayFail || isInt
            return out
        case .divide:
            guard isNumber(a.type), isNumber(b.type) else { return nil }
            return combine([a, b], dialect.float(a.sql) + " / NULLIF(" + b.sql + ", 0)", .float)
        case .floorDivide:
            guard isNumber(a.type), isNumber(b.type) else { return nil }
            if a.type == .int && b.type == .int {
                // Truncated quotient, one less when the signs differ and there is a remainder.
                let divisor = "NULLIF(" + b.sql + ", 0)"
                let sql = a.sql + " / " + divisor + " - CASE WHEN " + a.sql + " % " + divisor + " <> 0 AND ((" + a.sql
                    + " < 0) <> (" + b.sql + " < 0)) THEN 1 ELSE 0 END"
                var out = combine([a, b], sql, .int)
                out.uncheckedInt = dialect == .sqlite
                out.mayFail = true
                return out
            }
            (a, b) = (finished(a), finished(b))
            return combine([a, b], "floor(" + dialect.float(a.sql) + " / NULLIF(" + b.sql + ", 0))", .float)
        case .modulo:
            guard a.type == .int, b.type == .int else { return nil }  // float mod: SQLite's % truncates to ints
            let r = (a.sql + " % NULLIF(" + b.sql + ", 0)").parenthesized
            return combine([a, b], "CASE WHEN " + r + " <> 0 AND ((" + r + " < 0) <> (" + b.sql + " < 0)) THEN " + r + " + " + b.sql
                           + " ELSE " + r + " END", .int)
        case .equal, .notEqual:
            guard comparable(a.type, b.type, ordering: false) else { return nil }
            let (x, y) = (dialect.ordered(a.sql, type: a.type), dialect.ordered(b.sql, type: b.type))
            return combine([a, b], op == .equal ? dialect.same(x, y) : dialect.different(x, y), .bool)
        case .less, .lessEqual, .greater, .greaterEqual:
            // An ordering with null is null.
            if a.type == nil || b.type == nil { return combine([a, b], SQLFragment("NULL"), .bool) }
            guard comparable(a.type, b.type, ordering: true) else { return nil }
            return combine([a, b], dialect.ordered(a.sql, type: a.type) + " " + op.rawValue + " " + dialect.ordered(b.sql, type: b.type), .bool)
        default:
            return nil
        }
    }

    /// Types gzq compares without an error and with SQL's answer.
    private func comparable(_ a: ColumnType?, _ b: ColumnType?, ordering: Bool) -> Bool {
        guard let a, let b else { return !ordering }
        if isNumber(a) && isNumber(b) { return true }
        return a == b && [.bool, .string, .date].contains(a)
    }

    /// `x in [a, b]` with a constant list; null is a member only when the list holds null.
    private func membership(_ left: Node, _ right: Node) -> Compiled? {
        guard let x = expression(left).map(finished), let xType = x.type,
              case .list(let list)? = try? right.eval(ctx, frame) else { return nil }
        var hasNull = false
        var items: [SQLFragment] = []
        for item in list.items {
            switch item {
            case .null: hasNull = true
            case .int, .float: if isNumber(xType) { items.append(dialect.typedParameter(item)) }
            case .string: if xType == .string { items.append(dialect.typedParameter(item)) }
            case .date: if xType == .date { items.append(dialect.typedParameter(item)) }
            case .bool: if xType == .bool { items.append(dialect.typedParameter(item)) }
            default: return nil  // lists or records in the list: never equal to a column value
            }
        }
        let member = items.isEmpty ? boolLiteral(false) : x.sql + " IN (" + SQLFragment.join(items, ", ") + ")"
        return combine([x], "CASE WHEN " + x.sql + " IS NULL THEN " + boolLiteral(hasNull) + " ELSE " + member + " END", .bool)
    }

    // MARK: - Builtins

    private func call(_ call: CallNode) -> Compiled? {
        guard call.labels == nil, let callee = try? call.callee.eval(ctx, frame), case .function(let f) = callee,
              let native = f as? NativeFunction, native.isPure else { return nil }
        let args = call.arguments.map { $0 }
        func number(_ i: Int) -> Compiled? {
            guard i < args.count, let c = expression(args[i]).map(finished), isNumber(c.type) else { return nil }
            return c
        }
        switch (native.name, args.count) {
        case ("rate", 2):
            guard let part = number(0), let whole = number(1) else { return nil }
            return combine([part, whole], dialect.float(part.sql) + " / NULLIF(" + whole.sql + ", 0)", .float)
        case ("change", 2):
            guard let old = number(0), let new = number(1) else { return nil }
            return combine([old, new], (dialect.float(new.sql) + " - " + dialect.float(old.sql)).parenthesized + " / NULLIF(" + old.sql + ", 0)", .float)
        case ("pp", 2):
            // Rounded to 12 places as the local pp is (65.81% − 33.1% is 32.71 points).
            guard let old = number(0), let new = number(1) else { return nil }
            return combine([old, new], dialect.round((dialect.float(new.sql) + " - " + dialect.float(old.sql)).parenthesized + " * 100", digits: dialect.integer(12)), .float)
        case ("abs", 1):
            guard let x = number(0) else { return nil }
            var out = combine([x], "abs(" + x.sql + ")", x.type)
            out.mayFail = out.mayFail || x.type == .int  // abs of the smallest int overflows
            return out
        case ("round", 1), ("round", 2):
            guard let x = number(0) else { return nil }
            var digits = 0
            if args.count == 2 {
                guard case .int(let d)? = try? args[1].eval(ctx, frame), d >= 0, d <= 15 else { return nil }
                digits = d
            }
            if x.type == .int { return x }  // ints stay ints
            return combine([x], dialect.round(x.sql, digits: .parameter(.int(digits))), .float)
        case ("year", 1), ("month", 1), ("day", 1):
            guard let d = expression(args[0]).map(finished), d.type == .date else { return nil }
            return combine([d], dialect.datePart(native.name, d.sql), .int)
        case ("len", 1):
            guard let s = expression(args[0]).map(finished), s.type == .string else { return nil }
            return combine([s], dialect.length(s.sql), .int)
        default:
            return nil
        }
    }
}

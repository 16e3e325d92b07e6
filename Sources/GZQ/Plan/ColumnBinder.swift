/// A stage expression bound to one input schema: each column reference's index, the
/// result's type when the schema tells it. Made once per step run, before any row; the
/// expression's nodes read their slots from it (`RowContext.bound`), and both engines
/// compile or evaluate from it.
final class BoundExpr {
    let expr: StageExpr
    /// Per reference slot: the column's index in the input, or -1 (the variable of that name).
    let columns: [Int]
    /// The result's type name ("int", "string", …) when the schema and literals tell it.
    let type: String?

    init(expr: StageExpr, columns: [Int], type: String?) {
        self.expr = expr
        self.columns = columns
        self.type = type
    }

    var key: BindingKey { expr.key }
    var node: Node { expr.node }
    var span: Span { expr.span }
}

/// What the binder knows of an input: names in order and each column's type, when it has
/// one. A column with no value (a computed column of nulls, an empty table's text column)
/// has no type yet: it reads as text but may become anything.
struct BindingSchema {
    private(set) var schema: Schema
    private(set) var types: [String?]

    init(_ table: Table) {
        schema = table.schema
        types = table.columns.enumerated().map { i, column in
            if case .string(_, let dictionary) = column.storage, dictionary.isEmpty { return nil }
            return table.schema.types[i].rawValue
        }
    }

    func index(of name: String) -> Int? { schema.index(of: name) }

    /// The schema after a stage sets column `name` (same position, or appended), as
    /// `Table.replacing` does.
    func setting(_ name: String, type: String?) -> BindingSchema {
        var next = self
        var names = schema.names, columnTypes = schema.types
        if let i = schema.index(of: name) {
            next.types[i] = type
        } else {
            names.append(name)
            columnTypes.append(.string)
            next.types.append(type)
        }
        next.schema = Schema(names: names, types: columnTypes)
        return next
    }
}

/// Binds stage expressions against their input schema once, before any row runs, and
/// reports what the schema alone proves wrong: unknown columns, columns outside aggregates
/// in summarize, and `==`/`!=` between a number or date and a string (REFERENCE §3),
/// with the message the evaluator would give, at the same span.
enum ColumnBinder {
    static func bind(_ expr: StageExpr, _ schema: BindingSchema) throws -> BoundExpr {
        var columns: [Int] = []
        columns.reserveCapacity(expr.refs.count)
        for ref in expr.refs {
            if let i = schema.index(of: ref.name) {
                columns.append(i)
            } else if ref.variable != nil {
                columns.append(-1)
            } else {
                throw ColumnRef.unknown(ref.name, in: schema.schema, at: ref.span)
            }
        }
        let types = StaticTypes(key: expr.key, columns: columns, schema: schema)
        for check in expr.equalities {
            guard let l = types.of(check.left), let r = types.of(check.right),
                  let message = Arithmetic.mixedEqualityMessage(l, r, check.op) else { continue }
            throw RuntimeError(message, at: check.span)
        }
        return BoundExpr(expr: expr, columns: columns, type: types.of(expr.node))
    }

    static func bind(_ expr: StageExpr, _ table: Table) throws -> BoundExpr {
        try bind(expr, BindingSchema(table))
    }

    /// summarize: keys, then items; an item may use a column bare only when it is a key.
    static func bindSummarize(_ stage: SummarizeStage, _ table: Table) throws -> (keys: [BoundExpr], items: [BoundExpr]) {
        let schema = BindingSchema(table)
        let keys = try stage.by.map { try bind($0.expr, schema) }
        let keyNames = Set(stage.by.map { ScalarKey($0.name) })
        var items: [BoundExpr] = []
        for item in stage.items {
            let bound = try bind(item.expr, schema)
            for (ref, index) in zip(item.expr.refs, bound.columns) where !ref.insideAggregate && index >= 0 && !keyNames.contains(ScalarKey(ref.name)) {
                throw RuntimeError(.columnOutsideAggregate, ref.name, ref.name, at: ref.span)
            }
            items.append(bound)
        }
        return (keys, items)
    }

    /// derive: every item against the schema the items before it leave (each column's index
    /// is known before any runs; its type when the expression tells it).
    static func bindDerive(_ stage: DeriveStage, _ table: Table) throws -> (partition: [BoundExpr], items: [BoundExpr]) {
        var schema = BindingSchema(table)
        let partition = try stage.by.map { try bind($0.expr, schema) }
        var items: [BoundExpr] = []
        for item in stage.items {
            let bound = try bind(item.expr, schema)
            items.append(bound)
            schema = schema.setting(item.name, type: bound.type)
        }
        return (partition, items)
    }
}

/// The static type of an expression's nodes, where the schema and literals tell it: columns,
/// constants, arithmetic and comparisons of those, and aggregates of columns. Anything else
/// (variables, calls, conditionals) is unknown, and unknown is never an error.
struct StaticTypes {
    let key: BindingKey
    let columns: [Int]
    let schema: BindingSchema

    func of(_ node: Node) -> String? {
        switch node {
        case let constant as ConstantNode:
            switch constant.value {
            case .int, .float, .bool, .date, .string: return constant.value.typeName
            default: return nil
            }
        case let ref as ColumnRef:
            guard ref.key === key, columns[ref.slot] >= 0 else { return nil }
            return schema.types[columns[ref.slot]]
        case let aggregate as AggregateNode:
            return aggregateType(aggregate)
        case is AndNode, is OrNode:
            return nil
        case is NotNode:
            return "bool"
        case let negate as NegateNode:
            let t = of(negate.operand)
            return t == "int" || t == "float" ? t : nil
        default:
            guard let (op, left, right) = BinaryParts.of(node) else { return nil }
            return binaryType(op, of(left), of(right))
        }
    }

    private func binaryType(_ op: BinaryOperator, _ l: String?, _ r: String?) -> String? {
        let numbers: Set<String?> = ["int", "float"]
        switch op {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual, .contains:
            return "bool"
        case .add, .subtract, .multiply, .modulo, .floorDivide:
            guard numbers.contains(l), numbers.contains(r) else { return nil }
            return l == "int" && r == "int" ? "int" : "float"
        case .divide:
            return numbers.contains(l) && numbers.contains(r) ? "float" : nil
        default:
            return nil
        }
    }

    private func aggregateType(_ aggregate: AggregateNode) -> String? {
        let argument = aggregate.arguments.first.flatMap(of)
        switch aggregate.kind {
        case .count, .countDistinct: return "int"
        case .avg, .mean, .median, .stddev, .variance: return argument == "int" || argument == "float" ? "float" : nil
        case .sum: return argument == "int" || argument == "float" ? argument : nil
        case .min, .max, .first, .last: return argument
        case .list, .trend, .forecast: return nil
        }
    }
}

/// Nodes that only exist inside table stages: column references, aggregates
/// and window functions. Column names bind when a stage meets a concrete schema;
/// a node rebinds itself whenever it sees a different schema object.
final class ColumnRef: Node {
    let name: String
    /// The variable (or builtin) of the same name, used when the table has no such column.
    let variable: Node?
    /// Inside an aggregate's argument (summarize allows bare non-key columns only there).
    let insideAggregate: Bool
    private var boundSchema: Schema?
    private var index = -1

    init(name: String, variable: Node?, insideAggregate: Bool, span: Span) {
        self.name = name
        self.variable = variable
        self.insideAggregate = insideAggregate
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else {
            if let variable { return try variable.eval(ctx, frame) }
            throw RuntimeError(.unknownName, name, at: span)
        }
        let table = row.table
        if table.schema !== boundSchema {
            boundSchema = table.schema
            index = table.schema.index(of: name) ?? -1
        }
        if index >= 0 { return row.index < table.rowCount ? table.columns[index].value(at: row.index) : .null }
        if let variable { return try variable.eval(ctx, frame) }
        throw ColumnRef.unknown(name, in: table.schema, at: span)
    }

    /// Checks the name against a schema before any row runs.
    func validate(_ schema: Schema) throws {
        if schema.index(of: name) == nil && variable == nil { throw ColumnRef.unknown(name, in: schema, at: span) }
    }

    func isColumn(in schema: Schema) -> Bool { schema.index(of: name) != nil }

    static func unknown(_ name: String, in schema: Schema, at span: Span) -> RuntimeError {
        RuntimeError(.unknownColumn, name, HabitHints.quoteSuffix(for: name, after: Suggest.suffix(for: name, in: schema.names), column: true), at: span)
    }
}

/// `col(expr)` with a name computed at run time.
final class DynamicColumnRef: Node {
    let nameNode: Node
    init(nameNode: Node, span: Span) {
        self.nameNode = nameNode
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard case .string(let name) = try nameNode.eval(ctx, frame) else {
            throw RuntimeError(.colNeedsString, at: span)
        }
        guard let row = ctx.row, let i = row.table.schema.index(of: name.value) else {
            throw ColumnRef.unknown(name.value, in: ctx.row?.table.schema ?? Schema(names: [], types: []), at: span)
        }
        return row.index < row.table.rowCount ? row.table.columns[i].value(at: row.index) : .null
    }
}

/// An aggregate over the current group (summarize) or partition (derive), computed once per group.
final class AggregateNode: Node {
    let kind: AggregateKind
    let arguments: [Node]

    init(kind: AggregateKind, arguments: [Node], span: Span) {
        self.kind = kind
        self.arguments = arguments
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else { throw RuntimeError(.functionNeedsTableStage, kind.name, at: span) }
        let key = ObjectIdentifier(self)
        if kind == .forecast { return try forecast(row, ctx, frame) }
        if case .scalar(let v)? = row.cache[key] { return v }
        var columns: [[Value]] = []
        for argument in arguments { columns.append(try row.evaluateOverGroup(argument, ctx, frame)) }
        let result = try kind.reduce(columns, groupSize: row.group.count, span: span)
        row.cache[key] = .scalar(result)
        return result
    }

    /// `forecast(xs, ys, at)`: the trend line is fitted once per group or partition, but `at`
    /// is read at the current row, so `derive fitted = forecast(year, rate, year) by region`
    /// gives every row its own fitted value (summarize reads `at` at the group's first row).
    private func forecast(_ row: RowContext, _ ctx: Context, _ frame: Frame) throws -> Value {
        let key = ObjectIdentifier(self)
        let line: Value
        if case .scalar(let cached)? = row.cache[key] {
            line = cached
        } else {
            line = try Statistics.trend(try row.evaluateOverGroup(arguments[0], ctx, frame),
                                        try row.evaluateOverGroup(arguments[1], ctx, frame), span: span)
            row.cache[key] = .scalar(line)
        }
        return try Statistics.forecast(line: line, at: try arguments[2].eval(ctx, frame), span: span)
    }
}

/// A window function in derive: computed for the whole partition once, read per row.
final class WindowNode: Node {
    let kind: WindowKind
    let arguments: [Node?]

    init(kind: WindowKind, arguments: [Node?], span: Span) {
        self.kind = kind
        self.arguments = arguments
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else { throw RuntimeError(.functionNeedsDerive, kind.name, at: span) }
        let key = ObjectIdentifier(self)
        if case .perRow(let values)? = row.cache[key] { return values[row.position] }
        let values = try kind.compute(arguments, row: row, ctx, frame, span: span)
        row.cache[key] = .perRow(values)
        return values[row.position]
    }
}

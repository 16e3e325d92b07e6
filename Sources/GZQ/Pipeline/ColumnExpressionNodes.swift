/// Nodes that only exist inside table stages: column references, aggregates and window
/// functions. None of them changes while a stage runs: each has a slot in its expression,
/// and reads it from the binding the `ColumnBinder` made for the current input schema
/// (`RowContext.bound`).

/// Identifies one stage expression, so that a node reads its slot only from that
/// expression's binding (a closure called from another stage falls back to the name).
final class BindingKey {}

final class ColumnRef: Node {
    let name: String
    /// The variable (or builtin) of the same name, used when the table has no such column.
    let variable: Node?
    /// Inside an aggregate's argument (summarize allows bare non-key columns only there).
    let insideAggregate: Bool
    let key: BindingKey
    /// Index into the binding's column indices (`BoundExpr.columns`).
    let slot: Int

    init(name: String, variable: Node?, insideAggregate: Bool, key: BindingKey, slot: Int, span: Span) {
        self.name = name
        self.variable = variable
        self.insideAggregate = insideAggregate
        self.key = key
        self.slot = slot
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else {
            if let variable { return try variable.eval(ctx, frame) }
            throw RuntimeError(.unknownName, name, at: span)
        }
        let table = row.table
        let index: Int
        if let bound = row.bound, bound.key === key {
            index = bound.columns[slot]
        } else {
            // Not this expression's binding (a closure from a stage, called in another one).
            index = table.schema.index(of: name) ?? -1
        }
        if index >= 0 { return row.index < table.rowCount ? table.columns[index].value(at: row.index) : .null }
        if let variable { return try variable.eval(ctx, frame) }
        throw ColumnRef.unknown(name, in: table.schema, at: span)
    }

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

/// An aggregate over the current group (summarize) or partition (derive), computed once per
/// group into its slot (`RowContext.aggregates`). The batch engine fills the slots with its
/// kernels' results (or errors) before the item expressions run.
final class AggregateNode: Node {
    let kind: AggregateKind
    let arguments: [Node]
    let key: BindingKey
    /// Index into `RowContext.aggregates` (and `StageExpr.aggregates`).
    let slot: Int

    init(kind: AggregateKind, arguments: [Node], key: BindingKey, slot: Int, span: Span) {
        self.kind = kind
        self.arguments = arguments
        self.key = key
        self.slot = slot
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else { throw RuntimeError(.functionNeedsTableStage, kind.name, at: span) }
        // Outside its own expression's binding (a closure called elsewhere) nothing is kept.
        let mine = row.bound?.key === key
        if kind == .forecast { return try forecast(row, mine, ctx, frame) }
        if mine, let known = row.aggregates[slot] { return try known.get() }
        var columns: [[Value]] = []
        for argument in arguments { columns.append(try row.evaluateOverGroup(argument, ctx, frame)) }
        let result = try kind.reduce(columns, groupSize: row.group.count, span: span)
        if mine { row.aggregates[slot] = .value(result) }
        return result
    }

    /// `forecast(xs, ys, at)`: the trend line is fitted once per group or partition, but `at`
    /// is read at the current row, so `derive fitted = forecast(year, rate, year) by region`
    /// gives every row its own fitted value (summarize reads `at` at the group's first row).
    private func forecast(_ row: RowContext, _ mine: Bool, _ ctx: Context, _ frame: Frame) throws -> Value {
        let line: Value
        if mine, let cached = row.aggregates[slot] {
            line = try cached.get()
        } else {
            line = try Statistics.trend(try row.evaluateOverGroup(arguments[0], ctx, frame),
                                        try row.evaluateOverGroup(arguments[1], ctx, frame), span: span)
            if mine { row.aggregates[slot] = .value(line) }
        }
        return try Statistics.forecast(line: line, at: try arguments[2].eval(ctx, frame), span: span)
    }
}

/// A window function in derive: computed for the whole partition once into its slot
/// (`RowContext.windows`), read per row.
final class WindowNode: Node {
    let kind: WindowKind
    let arguments: [Node?]
    let key: BindingKey
    let slot: Int

    init(kind: WindowKind, arguments: [Node?], key: BindingKey, slot: Int, span: Span) {
        self.kind = kind
        self.arguments = arguments
        self.key = key
        self.slot = slot
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        guard let row = ctx.row else { throw RuntimeError(.functionNeedsDerive, kind.name, at: span) }
        let mine = row.bound?.key === key
        if mine, let values = row.windows[slot] { return values[row.position] }
        let values = try kind.compute(arguments, row: row, ctx, frame, span: span)
        if mine { row.windows[slot] = values }
        return values[row.position]
    }
}

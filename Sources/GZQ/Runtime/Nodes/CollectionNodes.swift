/// List and record literals, indexing, field access, string interpolation.
final class ListNode: Node {
    let items: ContiguousArray<Node>
    init(_ items: [Node], span: Span) {
        self.items = ContiguousArray(items)
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var values: [Value] = []
        values.reserveCapacity(items.count)
        for item in items { values.append(try item.eval(ctx, frame)) }
        return try Value.list(values).checkedNesting(at: span)
    }
}

final class RecordNode: Node {
    let keys: [String]
    let values: ContiguousArray<Node>
    init(keys: [String], values: [Node], span: Span) {
        self.keys = keys
        self.values = ContiguousArray(values)
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var out: [Value] = []
        out.reserveCapacity(values.count)
        for v in values { out.append(try v.eval(ctx, frame)) }
        return try Value.record(keys: keys, values: out).checkedNesting(at: span)
    }
}

final class IndexNode: Node {
    let target: Node, index: Node
    init(_ target: Node, _ index: Node, span: Span) {
        self.target = target
        self.index = index
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var t = try target.eval(ctx, frame)
        if ctx.remoteTablesExist { t = try t.pulled(ctx, at: span) }
        let i = try index.eval(ctx, frame)
        return try Indexing.index(t, i, span: span, indexSpan: index.span)
    }
}

final class FieldNode: Node {
    let target: Node
    let name: String
    let nameSpan: Span
    init(_ target: Node, name: String, nameSpan: Span, span: Span) {
        self.target = target
        self.name = name
        self.nameSpan = nameSpan
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var t = try target.eval(ctx, frame)
        if ctx.remoteTablesExist { t = try t.pulled(ctx, at: span) }
        return try Indexing.field(t, name, span: nameSpan)
    }
}

/// `"text \(expr) text"`: pieces are constants or expressions shown as `str` shows them.
final class InterpolationNode: Node {
    let parts: ContiguousArray<Node>
    init(_ parts: [Node], span: Span) {
        self.parts = ContiguousArray(parts)
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var s = ""
        for part in parts {
            var v = try part.eval(ctx, frame)
            if ctx.remoteTablesExist { v = try v.pulled(ctx, at: span) }
            s += ValueFormatter.display(v)
            try ctx.checkValueSize(s.utf8.count, .expectsString, span)
        }
        return .str(s)
    }
}

/// Index and field access rules shared by nodes and builtins.
enum Indexing {
    static func index(_ t: Value, _ i: Value, span: Span, indexSpan: Span) throws -> Value {
        switch (t, i) {
        case (.list(let list), .int(let n)):
            return list.items[try elementIndex(n, count: list.items.count, span: indexSpan)]
        case (.string(let s), .int(let n)):
            // Characters are Unicode scalars (REFERENCE §7 v0.2): "e\u{301}"[1] is the accent.
            let scalars = Array(s.value.unicodeScalars)
            return .str(String(scalars[try elementIndex(n, count: scalars.count, span: indexSpan)]))
        case (.record(let r), .string(let key)):
            return try field(.record(r), key.value, span: indexSpan)
        case (.table(let table), .int(let n)):
            return table.row(try elementIndex(n, count: table.rowCount, span: indexSpan))
        case (.table, .string(let key)):
            return try field(t, key.value, span: indexSpan)
        case (.database(let db), .string(let key)):
            return .remoteTable(try db.table(key.value, at: indexSpan))
        default:
            throw RuntimeError(.cannotIndex, t.typeName, i.typeName, at: span)
        }
    }

    /// 0-based with negative indexes from the end; out of range is an error.
    static func elementIndex(_ n: Int, count: Int, span: Span) throws -> Int {
        let k = n < 0 ? count + n : n
        guard k >= 0, k < count else {
            throw RuntimeError(.indexOutOfRange, n, count, at: span)
        }
        return k
    }

    static func field(_ t: Value, _ name: String, span: Span) throws -> Value {
        switch t {
        case .record(let r):
            if let v = r[name] { return v }
            throw RuntimeError(.recordHasNoField, name, Suggest.suffix(for: name, in: r.keys), at: span)
        case .table(let table):
            guard let column = table.column(named: name) else {
                throw RuntimeError(.unknownColumn, name, Suggest.suffix(for: name, in: table.schema.names), at: span)
            }
            var values: [Value] = []
            values.reserveCapacity(column.count)
            for i in 0..<column.count { values.append(column.value(at: i)) }
            return .list(values)
        case .database(let db):
            return .remoteTable(try db.table(name, at: span))
        default:
            throw RuntimeError(.noFields, t.typeName, name, at: span)
        }
    }
}

/// A gzq value. Cheap to copy: numbers are inline, and everything else sits
/// behind one immutable reference (so lists, records and tables have value
/// semantics without copy-on-write machinery: nothing mutates them in place).
public enum Value {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    /// Days since 1970-01-01.
    case date(Int32)
    case string(StringBox)
    case list(ListBox)
    case record(RecordBox)
    case table(Table)
    case function(Function)
    /// A chart (REFERENCE §15), made by `chart(…)`; drawn by `write_svg`, `write_html` and `print`.
    case chart(Chart)
    /// A database connection (REFERENCE §14), made by `sqlite(…)` or `postgres(…)`.
    case database(DatabaseHandle)
    /// A table that lives in a database: a query, not rows (REFERENCE §14).
    case remoteTable(RemoteTable)

    public static func str(_ s: String) -> Value { .string(StringBox(s)) }
    public static func list(_ items: [Value]) -> Value { .list(ListBox(items)) }
    public static func record(keys: [String], values: [Value]) -> Value { .record(RecordBox(keys: keys, values: values)) }

    /// The name `type(v)` returns.
    public var typeName: String {
        switch self {
        case .null: return "null"
        case .bool: return "bool"
        case .int: return "int"
        case .float: return "float"
        case .date: return "date"
        case .string: return "string"
        case .list: return "list"
        case .record: return "record"
        case .table: return "table"
        case .function: return "function"
        case .chart: return "chart"
        case .database: return "database"
        case .remoteTable: return "remote_table"
        }
    }

    /// Only `false` and `null` are falsy.
    @inline(__always)
    public var isTruthy: Bool {
        switch self {
        case .null: return false
        case .bool(let b): return b
        default: return true
        }
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s.value }
        return nil
    }

    /// The value as a double when it is a number.
    public var numberValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .float(let d): return d
        default: return nil
        }
    }
}

extension Value {
    /// How deeply lists and records may nest. Equality, printing and freeing walk values
    /// recursively; bounding the depth where values are built keeps those walks within the
    /// stack (a million-deep list would otherwise crash the process), as the call-depth
    /// limit does for calls.
    static let maxNesting = 10_000

    /// Levels of lists and records in this value (0 for a scalar).
    var nestingDepth: Int {
        switch self {
        case .list(let l): return l.depth
        case .record(let r): return r.depth
        default: return 0
        }
    }

    static func deepest(_ items: [Value]) -> Int {
        measure(items).depth
    }

    /// How many items and fields a value holds in all, nested ones included, counting a part
    /// each time it appears: what printing or comparing it walks. Sharing makes this grow much
    /// faster than memory (`x = [x, x]` doubles it with each step), so it is bounded too:
    /// otherwise a few steps build a value that takes forever to print or compare.
    static let maxExpandedSize = 20_000_000

    /// Items and fields in all (0 for a scalar); see `maxExpandedSize`.
    var expandedSize: Int {
        switch self {
        case .list(let l): return l.size
        case .record(let r): return r.size
        default: return 0
        }
    }

    /// The deepest nesting among `items`, and how many items and fields they hold in all
    /// (`items.count` plus the nested ones; saturating at `Int.max`).
    static func measure(_ items: [Value]) -> (depth: Int, size: Int) {
        var d = 0
        var size = items.count
        for item in items {
            let inner: Int
            switch item {
            case .list(let l): d = max(d, l.depth); inner = l.size
            case .record(let r): d = max(d, r.depth); inner = r.size
            default: continue
            }
            let (sum, overflow) = size.addingReportingOverflow(inner)
            size = overflow ? Int.max : sum
        }
        return (d, size)
    }
}

public final class StringBox {
    public let value: String
    public init(_ value: String) { self.value = value }
}

public final class ListBox {
    public let items: [Value]
    /// Levels of lists and records, this one included (1 for a list of scalars).
    let depth: Int
    /// Items and fields in all, nested ones included (`Value.maxExpandedSize`).
    let size: Int
    public init(_ items: [Value]) {
        self.items = items
        let (d, n) = Value.measure(items)
        depth = 1 + d
        size = n
    }
}

/// An ordered record. Keys are unique; lookup is linear, which beats hashing for the
/// handful of fields records have here.
public final class RecordBox {
    public let keys: [String]
    public let values: [Value]

    /// Levels of lists and records, this one included (1 for a record of scalars).
    let depth: Int
    /// Fields and items in all, nested ones included (`Value.maxExpandedSize`).
    let size: Int

    public init(keys: [String], values: [Value]) {
        self.keys = keys
        self.values = values
        let (d, n) = Value.measure(values)
        depth = 1 + d
        size = n
    }

    public subscript(key: String) -> Value? {
        guard let i = ScalarString.firstIndex(of: key, in: keys) else { return nil }
        return values[i]
    }
}

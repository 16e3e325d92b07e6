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

public final class StringBox {
    public let value: String
    public init(_ value: String) { self.value = value }
}

public final class ListBox {
    public let items: [Value]
    public init(_ items: [Value]) { self.items = items }
}

/// An ordered record. Keys are unique; lookup is linear, which beats hashing for the
/// handful of fields records have here.
public final class RecordBox {
    public let keys: [String]
    public let values: [Value]

    public init(keys: [String], values: [Value]) {
        self.keys = keys
        self.values = values
    }

    public subscript(key: String) -> Value? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        return values[i]
    }
}

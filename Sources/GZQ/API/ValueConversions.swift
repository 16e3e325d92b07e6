/// Converting between `Value` and Swift types, for hosts (REFERENCE §12).
///
/// Construction mirrors the gzq types one to one, and literals work where a `Value` is
/// expected: `let v: Value = ["region": "贵阳市", "n": 12]` is a record (keys keep their
/// order). Reading back is by optional accessors (`asInt`, `asString`, …) that return nil
/// when the value has another type, so a host never traps on a surprising result.
extension Value {
    /// An int.
    public init(_ value: Int) { self = .int(value) }
    /// A float.
    public init(_ value: Double) { self = .float(value) }
    /// A bool.
    public init(_ value: Bool) { self = .bool(value) }
    /// A string.
    public init(_ value: String) { self = .str(value) }
    /// A list.
    public init(_ items: [Value]) { self = .list(items) }
    /// A record with these fields in this order (a later duplicate key replaces the earlier value).
    public init(record fields: [(String, Value)]) {
        var keys: [String] = []
        var values: [Value] = []
        for (key, value) in fields {
            if let i = keys.firstIndexByScalars(of: key) {
                values[i] = value
            } else {
                keys.append(key)
                values.append(value)
            }
        }
        self = .record(keys: keys, values: values)
    }
    /// A record from a dictionary; its fields are sorted by key (by code point, as gzq orders strings), since a dictionary has no order.
    public init(_ dictionary: [String: Value]) {
        self.init(record: dictionary.sorted { Value.compareStrings($0.key, $1.key) < 0 }.map { ($0.key, $0.value) })
    }
    /// A table.
    public init(_ table: Table) { self = .table(table) }

    /// A date, or nil when the day does not exist (`date(year: 2021, month: 2, day: 30)`).
    public static func date(year: Int, month: Int, day: Int) -> Value? {
        CivilDate.days(year: year, month: month, day: day).map { .date($0) }
    }

    /// The int, or a float that holds a whole number exactly; nil otherwise.
    public var asInt: Int? {
        switch self {
        case .int(let i): return i
        case .float(let d): return Int(exactly: d)
        default: return nil
        }
    }

    /// An int or a float as a Double; nil otherwise.
    public var asDouble: Double? { numberValue }

    /// The string; nil for other values (use `ValueFormatter.display` to show any value).
    public var asString: String? { stringValue }

    /// The bool; nil for other values (use `isTruthy` for gzq's truthiness).
    public var asBool: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The items of a list; nil for other values.
    public var asArray: [Value]? {
        if case .list(let l) = self { return l.items }
        return nil
    }

    /// The fields of a record as a dictionary (losing their order); nil for other values.
    public var asDictionary: [String: Value]? {
        guard case .record(let r) = self else { return nil }
        return Dictionary(zip(r.keys, r.values), uniquingKeysWith: { first, _ in first })
    }

    /// The fields of a record in order; nil for other values.
    public var asRecord: [(key: String, value: Value)]? {
        guard case .record(let r) = self else { return nil }
        return zip(r.keys, r.values).map { (key: $0, value: $1) }
    }

    /// The table; nil for other values.
    public var asTable: Table? {
        if case .table(let t) = self { return t }
        return nil
    }

    /// A date's year, month and day; nil for other values.
    public var asDate: (year: Int, month: Int, day: Int)? {
        if case .date(let d) = self { return CivilDate.civil(d) }
        return nil
    }
}

extension Value: ExpressibleByIntegerLiteral {
    /// `let v: Value = 42`
    public init(integerLiteral value: Int) { self = .int(value) }
}

extension Value: ExpressibleByFloatLiteral {
    /// `let v: Value = 0.6581`
    public init(floatLiteral value: Double) { self = .float(value) }
}

extension Value: ExpressibleByBooleanLiteral {
    /// `let v: Value = true`
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension Value: ExpressibleByStringLiteral {
    /// `let v: Value = "贵阳市"`
    public init(stringLiteral value: String) { self = .str(value) }
}

extension Value: ExpressibleByArrayLiteral {
    /// `let v: Value = [1, "a", null]` is a list.
    public init(arrayLiteral elements: Value...) { self = .list(elements) }
}

extension Value: ExpressibleByDictionaryLiteral {
    /// `let v: Value = ["region": "贵阳市", "n": 12]` is a record, fields in the written order.
    public init(dictionaryLiteral elements: (String, Value)...) { self.init(record: elements) }
}

extension Value: CustomStringConvertible {
    /// The value as `print` shows it (strings bare, tables as text tables).
    public var description: String { ValueFormatter.display(self) }
}

/// Structural equality and ordering (REFERENCE §2–3). `Arithmetic` builds the
/// operators on these; aggregates, `sort` and `distinct` use them too.
extension Value {
    /// `==`: structural for lists, records and tables; ints and floats compare by value;
    /// `null == null`.
    public static func equal(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.null, .null): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.float(let x), .float(let y)): return x == y
        case (.int(let x), .float(let y)): return Double(x) == y && exactlyEqual(x, y)
        case (.float(let x), .int(let y)): return x == Double(y) && exactlyEqual(y, x)
        case (.date(let x), .date(let y)): return x == y
        case (.string(let x), .string(let y)): return x === y || ScalarString.equal(x.value, y.value)
        case (.list(let x), .list(let y)):
            if x === y { return true }
            guard x.items.count == y.items.count else { return false }
            for i in 0..<x.items.count where !equal(x.items[i], y.items[i]) { return false }
            return true
        case (.record(let x), .record(let y)):
            if x === y { return true }
            guard x.keys.count == y.keys.count, zip(x.keys, y.keys).allSatisfy({ ScalarString.equal($0, $1) }) else { return false }
            for i in 0..<x.values.count where !equal(x.values[i], y.values[i]) { return false }
            return true
        case (.table(let x), .table(let y)):
            return x.isEqual(to: y)
        case (.function(let x), .function(let y)):
            return x === y
        case (.chart(let x), .chart(let y)):
            return x === y
        case (.database(let x), .database(let y)):
            return x === y
        case (.remoteTable(let x), .remoteTable(let y)):
            // The same query to the same database; rows compare with collect(a) == collect(b).
            let (a, b) = (x.statement, y.statement)
            return x.handle === y.handle && a.sql == b.sql && a.parameters.count == b.parameters.count
                && zip(a.parameters, b.parameters).allSatisfy { equal($0, $1) }
        default:
            return false
        }
    }

    /// Whether an int and a float are the same number (guards against 2^53 rounding).
    private static func exactlyEqual(_ i: Int, _ d: Double) -> Bool {
        guard let back = Int(exactly: d) else { return false }
        return back == i
    }

    /// Ordering for `<` and friends: numbers by value, strings by code point, dates by day,
    /// `false < true`. Nil when the values cannot be ordered (different types).
    public static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.float(let x), .float(let y)): return compareDoubles(x, y)
        case (.int(let x), .float(let y)): return compareIntDouble(x, y)
        case (.float(let x), .int(let y)): return -compareIntDouble(y, x)
        case (.string(let x), .string(let y)): return compareStrings(x.value, y.value)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x > y ? 1 : 0)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default: return nil
        }
    }

    /// NaN sorts after every number so that sorting stays total.
    static func compareDoubles(_ x: Double, _ y: Double) -> Int {
        if x < y { return -1 }
        if x > y { return 1 }
        if x == y { return 0 }
        return x.isNaN ? (y.isNaN ? 0 : 1) : -1
    }

    static func compareIntDouble(_ x: Int, _ y: Double) -> Int {
        if y.isNaN { return -1 }
        if y >= 0x1p63 { return -1 }
        if y < -0x1p63 { return 1 }
        let dx = Double(x)
        if dx != y { return dx < y ? -1 : 1 }
        // Same double: compare exactly via the integer part of y.
        let yi = Int(y)
        return x < yi ? -1 : (x > yi ? 1 : 0)
    }

    /// Locale-free: by Unicode scalar values.
    static func compareStrings(_ x: String, _ y: String) -> Int {
        var i = x.unicodeScalars.makeIterator()
        var j = y.unicodeScalars.makeIterator()
        while true {
            switch (i.next(), j.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let a?, let b?):
                if a.value != b.value { return a.value < b.value ? -1 : 1 }
            }
        }
    }
}

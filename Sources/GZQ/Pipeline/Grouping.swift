/// Hashable keys for grouping, joins and distinct: equal values (1 and 1.0 included)
/// hash alike.
struct GroupKey: Hashable {
    let values: [Value]

    static func == (a: GroupKey, b: GroupKey) -> Bool {
        guard a.values.count == b.values.count else { return false }
        for (x, y) in zip(a.values, b.values) where !Value.equal(x, y) { return false }
        return true
    }

    func hash(into h: inout Hasher) {
        for v in values { GroupKey.hash(v, into: &h) }
    }

    static func hash(_ v: Value, into h: inout Hasher) {
        switch v {
        case .null: h.combine(0)
        case .bool(let b): h.combine(b)
        case .int(let i): h.combine(Double(i))
        case .float(let d): h.combine(d)
        case .date(let d): h.combine(d)
        case .string(let s): ScalarString.hash(s.value, into: &h)
        case .list(let l): h.combine(l.items.count)
        case .record(let r): for key in r.keys { ScalarString.hash(key, into: &h) }
        case .table(let t): h.combine(t.rowCount)
        case .function(let f): h.combine(ObjectIdentifier(f))
        case .chart(let c): h.combine(ObjectIdentifier(c))
        case .database(let d): h.combine(ObjectIdentifier(d))
        case .remoteTable(let r): h.combine(r.statement.sql)
        }
    }
}

enum Grouping {
    /// Row indices grouped by key, groups in order of first appearance.
    static func groups(_ keys: [[Value]], rowCount: Int) -> [(key: [Value], rows: [Int])] {
        var positions: [GroupKey: Int] = [:]
        var result: [(key: [Value], rows: [Int])] = []
        for i in 0..<rowCount {
            let key = keys.map { $0[i] }
            let k = GroupKey(values: key)
            if let p = positions[k] {
                result[p].rows.append(i)
            } else {
                positions[k] = result.count
                result.append((key, [i]))
            }
        }
        return result
    }
}

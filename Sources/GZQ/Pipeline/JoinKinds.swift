/// `join [inner|left|right|full|semi|anti] t2 on k, …` and `on a == b, …`, with SQL's meaning
/// of each kind. Null keys never match (SQL: `NULL = NULL` is not true), so a row with a null
/// key is unmatched: kept by left/right/full/anti, dropped by inner/semi.
///
/// Row order: the left table's rows in order, each followed by its matches in the right
/// table's order (an unmatched left row once, for left/full/anti); then, for right and full,
/// the right rows nothing matched, in the right table's order.
///
/// Columns: every left column, then (not for semi/anti) the right table's columns except its
/// key columns; a right column whose name is taken gets `_right`. A key column keeps the left
/// name and, on a row only the right table has, the right row's key value (as SQL's `USING`).
final class JoinStage: StageOperation {
    let other: Node
    let kind: JoinKind
    let keys: [JoinKey]
    var name: String { "join" }
    init(other: Node, kind: JoinKind, keys: [JoinKey]) {
        self.other = other
        self.kind = kind
        self.keys = keys
    }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let value = try other.eval(ctx, frame)
        guard let right = try value.rows(ctx, at: other.span) else {
            throw RuntimeError(.joinNeedsTable, value.typeName, at: other.span)
        }
        let leftKeys = try keys.map { try table.require($0.left) }
        let rightKeys = try keys.map { key -> Int in
            guard let i = right.schema.index(of: key.right.text) else {
                let suggestion = Suggest.suffix(for: key.right.text, in: right.schema.names)
                let oneName = key.left.span == key.right.span  // `on region`, not `on region == 地区`
                throw RuntimeError(.joinKeyMissing, key.right.text, suggestion.isEmpty && oneName ? HabitHints.joinKeyNamedDifferently(key.left.text) : suggestion,
                                   at: key.right.span)
            }
            return i
        }
        let pairs = matchRows(table, leftKeys, right, rightKeys)
        if kind == .semi || kind == .anti { return table.gather(pairs.left.compactMap { $0 }) }
        return try assemble(table, leftKeys, right, rightKeys, pairs)
    }

    /// The output rows as (left row, right row) pairs; nil is the missing side.
    private func matchRows(_ table: Table, _ leftKeys: [Int], _ right: Table, _ rightKeys: [Int]) -> (left: [Int?], right: [Int?]) {
        var index: [GroupKey: [Int]] = [:]
        for j in 0..<right.rowCount {
            let key = rightKeys.map { right.columns[$0].value(at: j) }
            if key.contains(where: \.isNull) { continue }
            index[GroupKey(values: key), default: []].append(j)
        }
        var leftRows: [Int?] = [], rightRows: [Int?] = []
        var matchedRight = [Bool](repeating: false, count: right.rowCount)
        for i in 0..<table.rowCount {
            let key = leftKeys.map { table.columns[$0].value(at: i) }
            let matches = key.contains(where: \.isNull) ? [] : index[GroupKey(values: key)] ?? []
            switch kind {
            case .semi: if !matches.isEmpty { leftRows.append(i) }; continue
            case .anti: if matches.isEmpty { leftRows.append(i) }; continue
            default: break
            }
            if matches.isEmpty {
                if kind == .left || kind == .full { leftRows.append(i); rightRows.append(nil) }
            } else {
                for j in matches {
                    leftRows.append(i)
                    rightRows.append(j)
                    matchedRight[j] = true
                }
            }
        }
        if kind == .right || kind == .full {
            for j in 0..<right.rowCount where !matchedRight[j] {
                leftRows.append(nil)
                rightRows.append(j)
            }
        }
        return (leftRows, rightRows)
    }

    private func assemble(_ table: Table, _ leftKeys: [Int], _ right: Table, _ rightKeys: [Int], _ rows: (left: [Int?], right: [Int?])) throws -> Table {
        var names = table.schema.names
        var columns: [Column] = []
        var formats = (0..<table.schema.count).map { table.displayFormat(ofColumn: $0) }
        let hasRightOnly = rows.left.contains { $0 == nil }
        for c in 0..<table.schema.count {
            if hasRightOnly, let k = leftKeys.firstIndex(of: c) {
                // A row only the right table has takes its key from the right row.
                let values = zip(rows.left, rows.right).map { l, r -> Value in
                    if let l { return table.columns[c].value(at: l) }
                    return r.map { right.columns[rightKeys[k]].value(at: $0) } ?? .null
                }
                columns.append(try makeColumn(values, name: names[c], span: keys[k].left.span))
            } else {
                columns.append(table.columns[c].gatherOptional(rows.left))
            }
        }
        let keySet = Set(rightKeys)
        for c in 0..<right.schema.count where !keySet.contains(c) {
            var name = right.schema.names[c]
            if names.containsByScalars(name) { name += "_right" }
            names.append(name)
            columns.append(right.columns[c].gatherOptional(rows.right))
            formats.append(right.displayFormat(ofColumn: c))
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: rows.left.count,
                     displayFormats: formats)
    }
}

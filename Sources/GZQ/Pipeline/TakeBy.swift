/// `take n by k, …`: keeps the first `n` rows of each partition in the table's current order
/// (`sort rate desc | take 3 by level` keeps the top three of every level). It is a filter:
/// the kept rows stay where they were, as SQL's `QUALIFY row_number() OVER (PARTITION BY k) <= n`
/// keeps them, so partitions are not regrouped (sort by the key first to see them together).
extension TakeStage {
    func takePerPartition(_ n: Int, _ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let bound = try by.map { try ColumnBinder.bind($0.expr, table) }
        let keys = try bound.map { try ctx.evaluateRows($0, table, frame) }
        var seen: [GroupKey: Int] = [:]
        var keep: [Int] = []
        for i in 0..<table.rowCount {
            let key = GroupKey(values: keys.map { $0[i] })
            let taken = seen[key, default: 0]
            guard taken < n else { continue }
            seen[key] = taken + 1
            keep.append(i)
        }
        return keep.count == table.rowCount ? table : table.gather(keep)
    }
}

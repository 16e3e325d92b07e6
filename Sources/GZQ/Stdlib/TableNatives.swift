/// Building and inspecting tables, and the list forms of the aggregates (REFERENCE §5, §7).
extension Builtins {
    static let tables: [Builtin] = [
        Builtin("table", ["data"], doc: "Builds a table from a record of equal-length lists, or from a list of records (keys in order of first appearance, missing ones null).",
                example: "table({year: [2017, 2021], rate: [33.1%, 65.81%]})") { call in
            let table = try TableConstruction.build(call[0], call)
            try call.ctx.noteTableBytes(table.byteSize, call.span)
            return .table(table)
        },
        Builtin("columns", ["t"], doc: "The column names of a table, in order.", example: "columns(table({a: [1], b: [2]}))") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            return .list(t.schema.names.map { .str($0) })
        },
        Builtin("schema", ["t"], doc: "A table with one row per column: its name and type.", example: "schema(table({year: [2021], rate: [0.5]}))") { call in
            guard case .table(let t) = call[0] else { throw call.typeError(0, expected: Message(.expectsTable)) }
            return .table(try Table.build(names: ["name", "type"], columns: [t.schema.names.map { .str($0) }, t.schema.types.map { .str($0.rawValue) }]))
        },
        Builtin("col", ["name"], doc: "Inside a stage, the column with this name (for names that are not identifiers or clash with variables).",
                example: "table({`case count`: [3]}) | derive n = col(\"case count\") * 2") { call in
            throw call.error(.colOutsideStage)
        },
    ] + AggregateKind.allCases.compactMap(listAggregate) + WindowKind.allCases.map(windowOutsideDerive)

    /// `sum([1, 2])` and friends: the aggregate applied to a list.
    private static func listAggregate(_ kind: AggregateKind) -> Builtin? {
        let docs: [AggregateKind: String] = [
            .count: "The number of non-null items (count() in a stage counts rows).",
            .sum: "The exact sum, skipping nulls; 0 for no values. Ints give an int (an error only when the total does not fit); with a float, the exactly rounded sum of all values, in any order.",
            .avg: "The mean as a float (the exactly rounded sum over the count), skipping nulls; null for no values.",
            .mean: "Same as avg.",
            .min: "The smallest value, skipping nulls.",
            .max: "The largest value, skipping nulls.",
            .median: "The median as a float, skipping nulls; the mean of the middle two for an even count.",
            .stddev: "The sample standard deviation (n − 1), skipping nulls; null for fewer than two values.",
            .variance: "The sample variance (n − 1), skipping nulls; null for fewer than two values.",
            .first: "The first non-null value.",
            .last: "The last non-null value.",
            .countDistinct: "The number of distinct non-null values.",
            .list: "The non-null values as a list (useful in summarize).",
            .trend: "The least-squares line through (xs, ys): {slope, intercept, r2, n}; null with fewer than two points; r2 null for constant ys.",
            .forecast: "The trend line's value at `at`: intercept + slope * at.",
        ]
        let examples: [AggregateKind: String] = [
            .count: "count([1, null, 3])", .sum: "sum([3412, 3635])", .avg: "avg([33.1%, 65.81%])", .mean: "mean([1, 2])",
            .min: "min([3, 1])", .max: "max([3, 1])", .median: "median([1, 5, 2])", .stddev: "stddev([2, 4, 4, 4, 5, 5, 7, 9])",
            .variance: "var([2, 4, 4, 4, 5, 5, 7, 9])", .first: "first([null, 2, 3])", .last: "last([1, 2, null])",
            .countDistinct: "count_distinct([1, 1, 2])", .list: "list([1, null, 2])",
            .trend: "trend([2017, 2018, 2019], [1, 2, 3])", .forecast: "forecast([2017, 2018, 2019], [1, 2, 3], 2022)",
        ]
        if kind == .min || kind == .max { return nil } // registered with the numbers: two values or a list
        let parameters = kind.parameters
        return Builtin(kind.name, parameters, doc: docs[kind] ?? "", example: examples[kind] ?? "") { call in
            switch kind {
            case .trend: return try Statistics.trend(try call.list(0), try call.list(1), span: call.span)
            case .forecast: return try Statistics.forecast(try call.list(0), try call.list(1), at: call[2], span: call.span)
            default:
                if call[0].isNull { return kind == .count || kind == .sum ? .int(0) : .null }
                return try AggregateKind.reduceList(kind, try call.list(0), span: call.span)
            }
        }
    }

    private static func windowOutsideDerive(_ kind: WindowKind) -> Builtin {
        let docs: [WindowKind: (String, String)] = [
            .lag: ("The value n rows before in the partition (null before the start).", "t | derive prev = lag(n) by region"),
            .lead: ("The value n rows after in the partition (null past the end).", "t | derive next = lead(n) by region"),
            .diff: ("x - lag(x).", "t | derive d = diff(n) by region"),
            .yoy: ("change(lag(x), x); with a period column, the row whose period is exactly one less (a missing year gives null).", "t | sort year | derive g = yoy(n, year) by region"),
            .cumsum: ("The running total of x in the partition (nulls add nothing).", "t | derive running = cumsum(n) by region"),
            .movingAvg: ("The mean of this row and the n - 1 before it; null until n rows exist.", "t | derive ma = moving_avg(n, 2) by region"),
            .rowNumber: ("The row's position in its partition, from 1.", "t | derive i = row_number() by region"),
            .rank: ("1 for the smallest x (largest with desc: true); ties share the lowest rank.", "t | derive r = rank(rate, desc: true) by year"),
            .share: ("x / sum(x) over the partition.", "t | derive s = share(n) by year"),
        ]
        let parameters = kind.parameters
        return Builtin(kind.name, parameters.map(\.name), defaults: parameters.map(\.defaultValue),
                       doc: "Window function (derive only). " + (docs[kind]?.0 ?? ""), example: docs[kind]?.1 ?? "") { call in
            throw call.error(.windowFunctionCalledDirectly, kind.name)
        }
    }
}

/// `table(...)` from a record of lists or a list of records.
enum TableConstruction {
    static func build(_ data: Value, _ call: NativeCall) throws -> Table {
        do {
            switch data {
            case .record(let r):
                var columns: [[Value]] = []
                for (key, value) in zip(r.keys, r.values) {
                    guard case .list(let l) = value else {
                        throw call.error(.tableFieldNotList, key, value.typeName)
                    }
                    if let first = columns.first, first.count != l.items.count {
                        throw call.error(.tableColumnLengthsDiffer, first.count, l.items.count, key)
                    }
                    columns.append(l.items)
                }
                return try Table.build(names: r.keys, columns: columns)
            case .list(let l):
                var names: [String] = []
                var positions: [ScalarKey: Int] = [:]
                for item in l.items {
                    guard case .record(let r) = item else {
                        throw call.error(.tableNeedsRecords, item.typeName)
                    }
                    for key in r.keys where positions[ScalarKey(key)] == nil {
                        positions[ScalarKey(key)] = names.count
                        names.append(key)
                    }
                }
                var columns = [[Value]](repeating: [], count: names.count)
                for case .record(let r) in l.items {
                    for (c, name) in names.enumerated() { columns[c].append(r[name] ?? .null) }
                }
                return try Table.build(names: names, columns: columns)
            case .table(let t):
                return t
            default:
                throw call.typeError(0, expected: Message(.expectsRecordListsListRecords))
            }
        } catch let error as ColumnTypeError {
            throw call.error(.tableFailed, error.message)
        }
    }
}

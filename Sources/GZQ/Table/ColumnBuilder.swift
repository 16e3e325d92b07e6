/// Builds a typed column from values, inferring its type (REFERENCE §5): ints and
/// floats mixed make a float column; other mixes are an error; a column with no
/// non-null value is a string column of nulls (see docs/DECISIONS.md).
struct ColumnBuilder {
    private var values: [Value] = []

    init(capacity: Int = 0) { values.reserveCapacity(capacity) }

    mutating func append(_ v: Value) { values.append(v) }

    /// Fails with a message naming the two clashing types.
    static func build(_ values: [Value]) throws(ColumnTypeError) -> Column {
        var type: ColumnType?
        for v in values {
            let t: ColumnType
            switch v {
            case .null: continue
            case .int: t = .int
            case .float: t = .float
            case .bool: t = .bool
            case .string: t = .string
            case .date: t = .date
            case .list: t = .list
            case .record: t = .record
            default: throw ColumnTypeError(message: Message(.cellCannotHold, v.typeName))
            }
            if let current = type, current != t {
                if (current == .int && t == .float) || (current == .float && t == .int) {
                    type = .float
                } else {
                    throw ColumnTypeError(message: Message(.columnMixesTypes, current.rawValue, t.rawValue))
                }
            } else {
                type = t
            }
        }
        return make(values, type: type ?? .string)
    }

    mutating func finish() throws(ColumnTypeError) -> Column { try Self.build(values) }

    private static func make(_ values: [Value], type: ColumnType) -> Column {
        var validity = BitVector(count: values.count, value: true)
        for (i, v) in values.enumerated() where v.isNull { validity[i] = false }
        switch type {
        case .int:
            return Column(storage: .int(values.map { if case .int(let i) = $0 { return i }; return 0 }), validity: validity)
        case .float:
            return Column(storage: .float(values.map { $0.numberValue ?? 0 }), validity: validity)
        case .bool:
            var bits = BitVector(count: values.count, value: false)
            for (i, v) in values.enumerated() { if case .bool(true) = v { bits[i] = true } }
            return Column(storage: .bool(bits), validity: validity)
        case .date:
            return Column(storage: .date(values.map { if case .date(let d) = $0 { return d }; return 0 }), validity: validity)
        case .list, .record:
            return Column(storage: .boxed(values), validity: validity)
        case .string:
            var dictionary: [String] = []
            var codes: [UInt32] = []
            codes.reserveCapacity(values.count)
            // One code per distinct string by Unicode scalars (canonical equivalents stay apart).
            var positions: [ScalarKey: UInt32] = [:]
            for v in values {
                guard case .string(let s) = v else { codes.append(0); continue }
                let key = ScalarKey(s.value)
                if let code = positions[key] {
                    codes.append(code)
                } else {
                    let code = UInt32(dictionary.count)
                    positions[key] = code
                    dictionary.append(s.value)
                    codes.append(code)
                }
            }
            return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
        }
    }

    /// The one rule for a computed column with no value (no rows, or only nulls), whichever
    /// engine computed it: it is a string column of nulls, as `build` makes from values.
    static func computed(_ column: Column) -> Column {
        column.hasNoValue ? nulls(column.count) : column
    }

    /// A column of `count` nulls.
    static func nulls(_ count: Int) -> Column {
        Column(storage: .string(codes: Array(repeating: 0, count: count), dictionary: []), validity: BitVector(count: count, value: false))
    }
}

struct ColumnTypeError: Error {
    let message: Message
}

extension Column {
    /// True when no cell holds a value (such a column adopts any type when combined).
    var isAllNull: Bool { count > 0 && (validity.map { $0.popCount == 0 } ?? false) }

    /// True when no cell holds a value, also for no rows (see `ColumnBuilder.computed`).
    var hasNoValue: Bool { count == 0 || isAllNull }

    /// Every cell as a value, in row order (null where the validity bitmap says so).
    public var values: [Value] { (0..<count).map { value(at: $0) } }
}

extension Table {
    /// Builds a table from named columns of values, inferring each column's type.
    static func build(names: [String], columns: [[Value]]) throws(ColumnTypeError) -> Table {
        var built: [Column] = []
        for (name, values) in zip(names, columns) {
            do {
                built.append(try ColumnBuilder.build(values))
            } catch {
                throw ColumnTypeError(message: Message(.inColumn, name, error.message))
            }
        }
        return Table(schema: Schema(names: names, types: built.map(\.type)), columns: built, rowCount: columns.first?.count ?? 0)
    }

    /// A table with the same rows, these columns (and these display formats, one per column).
    func with(names: [String], columns: [Column], formats: [DisplayFormat?]? = nil) -> Table {
        Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: columns.first?.count ?? rowCount,
              displayFormats: formats)
    }

    /// The rows at `indices`, in that order (the columns keep their display formats); with
    /// many rows, the columns are gathered on up to `threads` threads (each column by one).
    func gather(_ indices: [Int], threads: Int = 1) -> Table {
        let workers = indices.count >= Table.parallelGatherRows ? max(1, min(threads, columns.count)) : 1
        var gathered = [Column?](repeating: nil, count: columns.count)
        gathered.withUnsafeMutableBufferPointer { gathered in
            WorkerThreads.run(workers) { w in
                for k in stride(from: w, to: columns.count, by: workers) { gathered[k] = columns[k].gather(indices) }
            }
        }
        return Table(schema: schema, columns: gathered.compactMap { $0 }, rowCount: indices.count, displayFormats: displayFormats)
    }

    /// Below this many rows a gather runs on one thread.
    static let parallelGatherRows = 1 << 16
}

/// Builds one column, inferring its type from the cells (CSV) or receiving typed values (JSON).
/// Null cells are remembered by row and hold a zero placeholder.
struct TypedColumnBuilder {
    enum Kind { case empty, int, float, bool, date, string }

    private(set) var kind = Kind.empty
    private(set) var count = 0
    private var nullRows: [Int] = []
    private var ints: [Int] = []
    private var floats: [Double] = []
    private var bools = BitVector()
    private var dates: [Int32] = []
    private var codes: [UInt32] = []
    /// Allocated on first use (most columns of a wide file never hold a string).
    private var strings = StringInterner(capacity: 0)
    private var expected = 0
    /// `numbers: "report"`: `1,069`, `18.81%`, `5.5亿`… are numbers too.
    let reportNumbers: Bool
    /// Rows 0..<deferredRows of a column that turned into strings: re-read at the end.
    private(set) var deferredRows = 0
    /// Whether the column was an int column at some point (joining ranges read on several
    /// threads needs to know: see `joined`).
    private(set) var heldInts = false

    init(reportNumbers: Bool = false) { self.reportNumbers = reportNumbers }

    mutating func reserve(_ rows: Int) {
        expected = rows
        switch kind {
        case .empty: break
        case .int: ints.reserveCapacity(rows)
        case .float: floats.reserveCapacity(rows)
        case .bool: bools.reserveCapacity(rows)
        case .date: dates.reserveCapacity(rows)
        case .string: codes.reserveCapacity(rows)
        }
    }

    @inline(__always)
    mutating func appendNull() {
        nullRows.append(count)
        switch kind {
        case .empty: break
        case .int: ints.append(0)
        case .float: floats.append(0)
        case .bool: bools.append(false)
        case .date: dates.append(0)
        case .string: codes.append(0)
        }
        count += 1
    }

    /// Appends `n` nulls.
    mutating func appendNulls(_ n: Int) {
        for _ in 0..<n { appendNull() }
    }

    /// The type a column takes from its first non-empty cell.
    func classify(_ p: UnsafePointer<UInt8>, _ n: Int) -> Kind {
        if (reportNumbers ? CellNumber.reportInt(p, n) : CellNumber.plainInt(p, n)) != nil { return .int }
        if parsesAsFloat(p, n) { return .float }
        if NumberText.parseBool(p, n) != nil { return .bool }
        if NumberText.parseDate(p, n) != nil { return .date }
        return .string
    }

    /// Appends cells `from..<to` while they fit the column's type; returns the first row that
    /// did not fit (or `to`). Empty cells are null.
    mutating func appendRun(_ cells: CellSpans, from: Int, to: Int) -> Int {
        switch kind {
        case .empty:
            var r = from
            while r < to, cells.isEmpty(r) {
                nullRows.append(count)
                count += 1
                r += 1
            }
            return r
        case .int:
            if reportNumbers { return Self.fill(&ints, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.reportInt($0, $1) } }
            return Self.fill(&ints, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.plainInt($0, $1) }
        case .float:
            if reportNumbers { return Self.fill(&floats, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.reportFloat($0, $1) } }
            return Self.fill(&floats, &nullRows, &count, cells, from, to, zero: 0) { CellNumber.plainFloat($0, $1) }
        case .date:
            return Self.fill(&dates, &nullRows, &count, cells, from, to, zero: 0) { NumberText.parseDate($0, $1) }
        case .bool:
            for r in from..<to {
                let (p, n) = cells.bytes(r)
                if n == 0 {
                    nullRows.append(count)
                    bools.append(false)
                } else if let b = NumberText.parseBool(p, n) {
                    bools.append(b)
                } else {
                    return r
                }
                count += 1
            }
            return to
        case .string:
            var interner = strings
            strings = StringInterner(capacity: 0)
            defer { strings = interner }
            return Self.fill(&codes, &nullRows, &count, cells, from, to, zero: 0) { interner.intern($0, $1) }
        }
    }

    /// Appends `to - from` values parsed by `parse` into `out` (zero for empty cells) until one
    /// does not parse; returns its row (or `to`).
    @inline(__always)
    private static func fill<T>(_ out: inout [T], _ nullRows: inout [Int], _ count: inout Int, _ cells: CellSpans,
                                _ from: Int, _ to: Int, zero: T, _ parse: (UnsafePointer<UInt8>, Int) -> T?) -> Int {
        let first = out.count
        out.append(contentsOf: repeatElement(zero, count: to - from))
        var stop = to
        let startCount = count
        out.withUnsafeMutableBufferPointer { buffer in
            for r in from..<to {
                let (p, n) = cells.bytes(r)
                if n == 0 {
                    nullRows.append(startCount + r - from)
                    continue
                }
                guard let v = parse(p, n) else {
                    stop = r
                    return
                }
                buffer[first + r - from] = v
            }
        }
        if stop < to { out.removeLast(to - stop) }
        count += stop - from
        return stop
    }

    // Typed appends (JSON). False when the value does not fit the column (int and float mix).

    mutating func append(int v: Int) -> Bool {
        switch kind {
        case .empty: start(.int); ints.append(v)
        case .int: ints.append(v)
        case .float: floats.append(Double(v))
        default: return false
        }
        count += 1
        return true
    }

    mutating func append(float d: Double) -> Bool {
        switch kind {
        case .empty: start(.float)
        case .int: becomeFloat()
        case .float: break
        default: return false
        }
        floats.append(d)
        count += 1
        return true
    }

    mutating func append(bool b: Bool) -> Bool {
        switch kind {
        case .empty: start(.bool)
        case .bool: break
        default: return false
        }
        bools.append(b)
        count += 1
        return true
    }

    /// False when the kind does not fit; nil when the bytes are not valid UTF-8.
    mutating func append(string p: UnsafePointer<UInt8>, _ n: Int) -> Bool? {
        guard kind == .empty || kind == .string else { return false }
        guard let code = strings.intern(p, n) else { return nil }
        if kind == .empty { start(.string) }
        codes.append(code)
        count += 1
        return true
    }

    /// Leaves the empty state: fills the nulls so far with placeholders.
    mutating func start(_ newKind: Kind) {
        kind = newKind
        if newKind == .int { heldInts = true }
        let capacity = max(expected, count)
        switch newKind {
        case .empty: break
        case .int: ints.reserveCapacity(capacity); ints.append(contentsOf: repeatElement(0, count: count))
        case .float: floats.reserveCapacity(capacity); floats.append(contentsOf: repeatElement(0, count: count))
        case .bool: bools.reserveCapacity(capacity); for _ in 0..<count { bools.append(false) }
        case .date: dates.reserveCapacity(capacity); dates.append(contentsOf: repeatElement(0, count: count))
        case .string: codes.reserveCapacity(capacity); codes.append(contentsOf: repeatElement(0, count: count))
        }
    }

    mutating func becomeFloat() {
        var converted: [Double] = []
        converted.reserveCapacity(max(expected, ints.count + 1))
        for v in ints { converted.append(Double(v)) }
        floats = converted
        ints = []
        kind = .float
    }

    /// Whether the cell is a float by this column's rules (an int is one too).
    @inline(__always)
    func parsesAsFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        (reportNumbers ? CellNumber.reportFloat(p, n) : CellNumber.plainFloat(p, n)) != nil
    }

    /// Makes the column a string column from row `rows` on, dropping its typed values; the
    /// reader re-reads rows 0..<rows as text later and hands them to `joinDeferred`.
    mutating func becomeStrings(deferring rows: Int) {
        kind = .string
        count = rows
        deferredRows = rows
        nullRows = []
        ints = []
        floats = []
        bools = BitVector()
        dates = []
        codes = []
        codes.reserveCapacity(max(expected - rows, 0))
        strings = StringInterner(capacity: 0)
    }

    /// Puts the re-read first rows before the rows appended since, with codes renumbered in
    /// order of first appearance (as if the column had been strings from the start).
    mutating func joinDeferred(_ prefix: inout DeferredStrings) {
        var interner = prefix.strings
        prefix.strings = StringInterner(capacity: 0)
        var remap = [UInt32](repeating: UInt32.max, count: strings.count)
        var joined = prefix.codes
        prefix.codes = []
        joined.reserveCapacity(joined.count + codes.count)
        for code in codes {
            var new = remap[Int(code)]
            if new == UInt32.max {
                // Already checked as UTF-8 when first interned.
                new = strings.entry(Int(code)) { interner.intern($0, $1) } ?? 0
                remap[Int(code)] = new
            }
            joined.append(new)
        }
        codes = joined
        strings = interner
        nullRows = prefix.nullRows + nullRows
        deferredRows = 0
    }

    /// What the column holds so far, for messages ("earlier values are numbers").
    var kindName: MessageArg {
        switch kind {
        case .empty: return .text("null")
        case .int, .float: return .message(Message(.jsonNumbers))
        case .bool: return .message(Message(.jsonBools))
        case .date: return .message(Message(.jsonDates))
        case .string: return .message(Message(.jsonStrings))
        }
    }

    /// The finished column. A column with no non-null cell is a string column of nulls.
    /// With `datesFromStrings`, a string column whose every value is `YYYY-MM-DD` becomes a date column.
    func finish(datesFromStrings: Bool = false) -> Column {
        var validity: BitVector?
        if !nullRows.isEmpty {
            var v = BitVector(count: count, value: true)
            for r in nullRows { v[r] = false }
            validity = v
        }
        switch kind {
        case .empty:
            return Column(storage: .string(codes: Array(repeating: 0, count: count), dictionary: []), validity: validity)
        case .int: return Column(storage: .int(ints), validity: validity)
        case .float: return Column(storage: .float(floats), validity: validity)
        case .bool: return Column(storage: .bool(bools), validity: validity)
        case .date: return Column(storage: .date(dates), validity: validity)
        case .string:
            let dictionary = strings.dictionary()
            if datesFromStrings, !dictionary.isEmpty {
                let table = dictionary.compactMap { CivilDate.parse($0) }
                if table.count == dictionary.count {
                    return Column(storage: .date(codes.map { table[Int($0)] }), validity: validity)
                }
            }
            return Column(storage: .string(codes: codes, dictionary: dictionary), validity: validity)
        }
    }

    /// How the builders of one column, read from consecutive ranges of a file, join.
    enum JoinPlan: Equatable {
        /// Into the column one builder reading the whole file would have made, of this kind.
        case join(Kind)
        /// These ranges must be read again as floats first: they hold ints after a range that made
        /// the column float, and one builder would have read those cells as floats (`-0` is -0.0).
        case readAsFloats([Int])
        /// Kinds that only reading the file from the start reproduces exactly (numbers and text,
        /// bools and dates, …).
        case mixed
    }

    static func planJoin(_ parts: [TypedColumnBuilder]) -> JoinPlan {
        let kinds = Set(parts.map(\.kind)).subtracting([.empty])
        let kind: Kind
        if kinds.count > 1 {
            guard kinds == [.int, .float] else { return .mixed }
            kind = .float
        } else {
            kind = kinds.first ?? .empty
        }
        if kind == .float, let firstFloat = parts.firstIndex(where: { $0.kind == .float }) {
            let again = parts.indices.filter { $0 > firstFloat && parts[$0].heldInts }
            if !again.isEmpty { return .readAsFloats(again) }
        }
        return .join(kind)
    }

    /// Joins `parts` (consecutive ranges of rows, in order) into one column of `kind`, as
    /// `planJoin` decided. The first part's
    /// storage is extended in place when it already has the column's kind (the first range
    /// reserves room for the whole file), so most of the data is never copied; `parts` is
    /// left empty then.
    static func joined(_ parts: inout [TypedColumnBuilder], kind: Kind, reportNumbers: Bool) -> TypedColumnBuilder {
        let heldInts = parts.contains { $0.heldInts }
        var out: TypedColumnBuilder
        var later: [TypedColumnBuilder]
        if let first = parts.first, first.kind == kind {
            out = first
            later = Array(parts.dropFirst())
        } else {
            out = TypedColumnBuilder(reportNumbers: reportNumbers)
            out.kind = kind
            out.reserve(parts.reduce(0) { $0 + $1.count })
            later = parts
        }
        parts = []  // so `out`'s arrays are the only references and grow in place
        out.heldInts = heldInts
        var strings = out.strings
        out.strings = StringInterner(capacity: 0)
        for part in later {
            let offset = out.count
            out.nullRows.append(contentsOf: part.nullRows.lazy.map { $0 + offset })
            let placeholders = part.kind == .empty
            switch kind {
            case .empty: break
            case .int: if placeholders { out.ints.append(contentsOf: repeatElement(0, count: part.count)) } else { out.ints.append(contentsOf: part.ints) }
            case .float:
                if placeholders { out.floats.append(contentsOf: repeatElement(0, count: part.count)) }
                else if part.kind == .int { out.floats.append(contentsOf: part.ints.lazy.map(Double.init)) }
                else { out.floats.append(contentsOf: part.floats) }
            case .bool:
                for r in 0..<part.count { out.bools.append(placeholders ? false : part.bools[r]) }
            case .date: if placeholders { out.dates.append(contentsOf: repeatElement(0, count: part.count)) } else { out.dates.append(contentsOf: part.dates) }
            case .string:
                if placeholders {
                    out.codes.append(contentsOf: repeatElement(0, count: part.count))
                } else {
                    // Codes renumbered in order of first appearance across the ranges, as one builder numbers them.
                    var remap = [UInt32](repeating: UInt32.max, count: part.strings.count)
                    for code in part.codes {
                        var new = remap[Int(code)]
                        if new == UInt32.max {
                            new = part.strings.entry(Int(code)) { strings.intern($0, $1) } ?? 0
                            remap[Int(code)] = new
                        }
                        out.codes.append(new)
                    }
                }
            }
            out.count += part.count
        }
        out.strings = strings
        return out
    }

    /// A builder that reads its cells as floats from the start (a range read again for `joined`).
    static func floats(reportNumbers: Bool) -> TypedColumnBuilder {
        var builder = TypedColumnBuilder(reportNumbers: reportNumbers)
        builder.start(.float)
        return builder
    }
}

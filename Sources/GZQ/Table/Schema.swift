/// The type of a table column (REFERENCE §5).
public enum ColumnType: String, Sendable {
    case int, float, bool, string, date
    /// Cells holding lists or records (from aggregates such as `trend` or `list`).
    case list, record
}

/// Column names and types, in order. Compared by identity on hot paths
/// (a stage binds once per schema object).
public final class Schema {
    public let names: [String]
    public let types: [ColumnType]
    /// Names match by Unicode scalars (`ScalarKey`), not canonical equivalence.
    private let positions: [ScalarKey: Int]

    public init(names: [String], types: [ColumnType]) {
        self.names = names
        self.types = types
        var positions: [ScalarKey: Int] = [:]
        for (i, n) in names.enumerated() where positions[ScalarKey(n)] == nil { positions[ScalarKey(n)] = i }
        self.positions = positions
    }

    public var count: Int { names.count }

    public func index(of name: String) -> Int? { positions[ScalarKey(name)] }

    func sameShape(as other: Schema) -> Bool {
        self === other || (names.count == other.names.count && zip(names, other.names).allSatisfy { ScalarString.equal($0, $1) } && types == other.types)
    }
}

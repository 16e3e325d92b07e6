/// Which engine runs table-stage expressions (REFERENCE §10, docs/ARCHITECTURE.md §2).
public enum Engine: String, Sendable, CaseIterable {
    /// The bytecode fast path where it applies (large tables, supported expressions), else the tree.
    case auto
    /// Always the tree-walking evaluator (the reference semantics).
    case tree
    /// The fast path wherever it applies, even on small tables (for parity testing).
    case vector
}

/// Counters of what plans did while running, for tests and `:bytecode` (internal; one per
/// host). They let a test prove that a binding error touched no row, or that a program
/// compiled once.
final class PlanStatistics {
    /// Batch programs compiled (`VectorCompiler.compile`).
    var compilations = 0
    /// Rows the batch engine ran programs over.
    var batchRows = 0
    /// Rows the tree engine evaluated a stage expression for.
    var treeRows = 0
    /// The most worker threads one batch step ran on.
    var workers = 0

    func reset() {
        compilations = 0
        batchRows = 0
        treeRows = 0
        workers = 0
    }
}

import Foundation

/// A batch step's rows cut into morsels (ranges of whole batches) that worker threads claim one
/// at a time, in increasing order, each worker with its own `VectorVM` over the same immutable
/// table (`--threads N`, `HostConfiguration.threads`). What a morsel produces lands in its own
/// slot, and the caller joins the slots in morsel order, so the result does not depend on the
/// thread count or on which worker ran which morsel (aggregate states are exact and merge in
/// any order: `VectorAccumulator.merge`). Errors: the first in row order — a worker stops at its
/// morsel's first failure, no worker claims a morsel after the earliest failed one, and the
/// morsels before it all finish. Limits and Ctrl-C are checked by worker 0 (the interpreter's
/// thread) between its morsels; when one is hit every worker stops after its current morsel.
struct Morsels {
    /// Rows a morsel holds (a multiple of the batch size): small enough to balance two to
    /// eight workers on a 10M-row table, large enough that claiming one costs nothing.
    static let defaultRows = 16 * VectorVM.batchSize
    /// Rows each worker needs (so a second worker starts at 128K rows): below that, one thread runs the step.
    static let defaultRowsPerWorker = 2 * defaultRows
    /// Rows each worker needs per group slot of a `summarize`: every worker keeps a dense slot
    /// table of the whole key space and a state for each group it meets, merged at the end, so a
    /// key space that is large beside a worker's rows costs more than the worker saves.
    static let rowsPerGroupSlot = 16

    let rows: Int
    let morselRows: Int
    let workers: Int
    var count: Int { rows == 0 ? 0 : (rows + morselRows - 1) / morselRows }

    /// `groupSlots`: the dense key space of a `summarize` (0 for other steps).
    init(rows: Int, _ host: HostConfiguration, groupSlots: Int = 0) {
        self.rows = rows
        morselRows = max(1, host.morselRows ?? Morsels.defaultRows)
        let (slotRows, overflow) = groupSlots.multipliedReportingOverflow(by: Morsels.rowsPerGroupSlot)
        let perWorker = max(1, host.minimumRowsPerWorker ?? max(Morsels.defaultRowsPerWorker, overflow ? Int.max : slotRows))
        let wanted = min(max(1, host.threads), max(1, rows / perWorker))
        workers = max(1, min(wanted, (rows + morselRows - 1) / morselRows))
    }

    func range(_ m: Int) -> Range<Int> { m * morselRows ..< min(rows, (m + 1) * morselRows) }

    /// One batch whose program has run: rows `start ..< start + count` of morsel `morsel`, in
    /// worker `worker`'s registers.
    struct Batch {
        let vm: VectorVM
        let worker: Int
        let morsel: Int
        let start: Int
        let count: Int
    }

    /// Runs `program` over every morsel on `workers` threads; `body` consumes each batch after
    /// the program ran (it must write only worker `worker`'s state or slot `morsel`). Throws the
    /// first error in row order, or the limit that stopped the run.
    func run(_ program: VectorProgram, _ table: Table, _ ctx: Context, span: Span, _ body: (Batch) -> Void) throws {
        try run((0..<workers).map { _ in VectorVM(program: program, table: table) }, ctx, span: span, body)
    }

    /// The same with the workers' VMs given (`vms.count == workers`).
    func run(_ vms: [VectorVM], _ ctx: Context, span: Span, _ body: (Batch) -> Void) throws {
        let shared = Shared()
        var batchRows = [Int](repeating: 0, count: workers)
        var pollError: Error?
        batchRows.withUnsafeMutableBufferPointer { batchRows in
            WorkerThreads.run(workers) { w in
                let vm = vms[w]
                while let m = shared.claim(below: count) {
                    let range = range(m)
                    var start = range.lowerBound
                    while start < range.upperBound {
                        let n = min(VectorVM.batchSize, range.upperBound - start)
                        vm.run(start: start, count: n)
                        if let error = vm.error {
                            shared.fail(m, error)
                            break
                        }
                        body(Batch(vm: vm, worker: w, morsel: m, start: start, count: n))
                        batchRows[w] += n
                        start += n
                    }
                    if w == 0 {
                        do { try ctx.poll(span) } catch {
                            pollError = error
                            shared.stop()
                        }
                    }
                }
            }
        }
        ctx.host.planStatistics.batchRows += batchRows.reduce(0, +)
        ctx.host.planStatistics.workers = max(ctx.host.planStatistics.workers, workers)
        if let error = shared.firstFailure { throw error }
        if let pollError { throw pollError }
    }

    /// The claim counter and the earliest failure, under one lock (taken once a morsel).
    private final class Shared: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        private var failedMorsel = Int.max
        private var failure: RuntimeError?
        private var stopped = false

        /// The next morsel to run, or nil when none is left, one before it failed, or the run stopped.
        func claim(below count: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard !stopped, next < count, next < failedMorsel else { return nil }
            next += 1
            return next - 1
        }

        func fail(_ morsel: Int, _ error: RuntimeError) {
            lock.lock()
            defer { lock.unlock() }
            if morsel < failedMorsel {
                failedMorsel = morsel
                failure = error
            }
        }

        func stop() {
            lock.lock()
            stopped = true
            lock.unlock()
        }

        var firstFailure: RuntimeError? {
            lock.lock()
            defer { lock.unlock() }
            return failure
        }
    }
}

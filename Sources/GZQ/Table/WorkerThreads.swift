import Dispatch

/// Runs one job on several threads at once: worker 0 on the calling thread (so whatever must
/// happen on the caller's thread — progress, limit checks — can happen there), the others on
/// the global queue. Returns when every worker has. Workers share only what `body` captures;
/// each must write only its own slots (`CSVParallel`, `Morsels`, `Table.gather`).
/// Call it only from a thread of one's own (the interpreter's): never from a global-queue
/// thread or from inside a worker, where the caller would block a pool thread while its own
/// workers wait for one.
enum WorkerThreads {
    static func run(_ count: Int, _ body: (Int) -> Void) {
        guard count > 1 else {
            if count == 1 { body(0) }
            return
        }
        withoutActuallyEscaping(body) { body in
            // The closure is only called before `group.wait()` returns, so it never escapes.
            final class Job: @unchecked Sendable {
                let body: (Int) -> Void
                init(_ body: @escaping (Int) -> Void) { self.body = body }
            }
            let job = Job(body)
            let group = DispatchGroup()
            for worker in 1..<count {
                DispatchQueue.global().async(group: group) { job.body(worker) }
            }
            job.body(0)
            group.wait()
        }
    }
}

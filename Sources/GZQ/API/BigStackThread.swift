import Foundation

/// Runs the interpreter's work on one dedicated thread with a 1 GiB stack
/// (reserved lazily by the kernel), so deep recursion and deeply nested source
/// end in a clean `stack overflow` error rather than a crash (docs/BUILDING.md §4).
/// Deep trees are also freed on this thread.
final class BigStackThread: @unchecked Sendable {
    static let stackSize = 1 << 30
    /// Head-room kept below the guard for the frames that run after a check.
    static let stackMargin = 16 << 20

    private let jobReady = DispatchSemaphore(value: 0)
    private let jobDone = DispatchSemaphore(value: 0)
    private var job: (() -> Void)?
    private var thread: Thread?
    private var stopping = false
    /// Lowest safe stack address on the interpreter thread.
    private(set) var stackLimit: UInt = 0

    init() {
        let started = DispatchSemaphore(value: 0)
        let thread = Thread { [unowned self] in
            let base = StackGuard.currentAddress()
            self.stackLimit = base - UInt(BigStackThread.stackSize) + UInt(BigStackThread.stackMargin)
            started.signal()
            self.loop()
        }
        thread.stackSize = BigStackThread.stackSize
        thread.name = "gzq-interpreter"
        self.thread = thread
        thread.start()
        started.wait()
    }

    private func loop() {
        while true {
            jobReady.wait()
            if stopping {
                job?()
                job = nil
                jobDone.signal()
                return
            }
            job?()
            job = nil
            jobDone.signal()
        }
    }

    /// Serializes callers from different threads: one job slot, one job at a time.
    private let submit = NSLock()

    /// Runs `body` on the interpreter thread and waits for it. Re-entrant calls (from the
    /// interpreter thread itself, e.g. a host function calling `setGlobal`) run inline; calls
    /// from other threads wait their turn.
    func sync<T>(_ body: () throws -> T) rethrows -> T {
        if Thread.current === thread { return try body() }
        submit.lock()
        defer { submit.unlock() }
        return try withoutActuallyEscaping(body) { escaping in
            var result: Result<T, Error>!
            job = { result = Result { try escaping() } }
            jobReady.signal()
            jobDone.wait()
            return try result.get()
        }
    }

    /// Runs a last job on the thread (freeing state there) and ends it.
    func stop(finally body: @escaping () -> Void) {
        submit.lock()
        defer { submit.unlock() }
        job = body
        stopping = true
        jobReady.signal()
        jobDone.wait()
    }
}

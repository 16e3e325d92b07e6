import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Everything a running program can reach: limits, control-flow state, the
/// current table row, and the host. One per interpreter; never shared between threads
/// except the interrupt flag.
final class Context {
    enum Control { case none, breakLoop, continueLoop, returnValue }

    let sources: SourceMap
    let host: HostConfiguration
    let interrupt: InterruptFlag

    // Control flow: set by break/continue/return, cleared by the loop or call that handles it.
    var control: Control = .none
    var returnValue: Value = .null

    // Limits.
    var depth = 0
    var maxDepth: Int
    /// Lowest stack address the interpreter may reach before reporting `stack overflow`.
    var stackLimit: UInt = 0
    private var ticksUntilCheck = Context.checkInterval
    private var stepsRemaining: Int
    private var deadline: UInt64?
    static let checkInterval = 1024
    /// Bytes held by tables this program created (for `maxMemory`).
    var tableBytes = 0

    /// Set once a database is opened: from then on builtins pull the rows of remote tables they are given.
    var remoteTablesExist = false

    /// The row a table stage is evaluating (nil outside stages).
    var row: RowContext?

    var modules: [String: Module] = [:]
    /// Frames of the calls in progress, reused from call to call (see `CallStack.swift`).
    var callFrames = CallFrames()

    init(sources: SourceMap, host: HostConfiguration, interrupt: InterruptFlag) {
        self.sources = sources
        self.host = host
        self.interrupt = interrupt
        self.maxDepth = host.limits.maxCallDepth
        self.stepsRemaining = host.limits.maxSteps ?? Int.max
    }

    deinit { callFrames.destroy() }

    /// Called before each top-level run: resets per-run budgets.
    func beginRun() {
        control = .none
        depth = 0
        stepsRemaining = host.limits.maxSteps ?? Int.max
        // Guarded: UInt64(_:) traps on NaN, negatives and huge values (a host's input).
        deadline = host.limits.timeout.flatMap { $0 > 0 && $0 < 1e9 ? Clock.nanoseconds() + UInt64($0 * 1e9) : nil }
        ticksUntilCheck = Context.checkInterval
        interrupt.clear()
        callFrames.top = 0
    }

    /// Counts one step (a call or a loop iteration); every `checkInterval` steps looks at
    /// the interrupt flag, the step budget and the deadline.
    @inline(__always)
    func step(_ span: Span) throws {
        ticksUntilCheck -= 1
        if ticksUntilCheck <= 0 { try checkLimits(span) }
    }

    func checkLimits(_ span: Span) throws {
        let used = Context.checkInterval - ticksUntilCheck
        ticksUntilCheck = Context.checkInterval
        if interrupt.isSet {
            interrupt.clear()
            throw RuntimeError(.interrupted, at: span, kind: .limit)
        }
        stepsRemaining -= used
        if stepsRemaining < 0 {
            throw RuntimeError(.stepLimitExceeded, host.limits.maxSteps ?? 0, at: span, kind: .limit)
        }
        if let deadline, Clock.nanoseconds() > deadline {
            throw RuntimeError(.timeLimitExceeded, host.limits.timeout ?? 0, at: span, kind: .limit)
        }
    }

    /// Seconds left before the time limit (nil: no limit; at least a millisecond): what a
    /// database statement may take, so a query late in a run does not outlive the run's limit.
    var secondsLeft: Double? {
        guard let deadline else { return nil }
        let now = Clock.nanoseconds()
        return now >= deadline ? 0.001 : max(0.001, Double(deadline - now) / 1e9)
    }

    /// Between units of work that are not steps (each table stage, and every 1024 rows a
    /// stage evaluates row by row): looks at the interrupt flag and the deadline only, so a
    /// long stage stops promptly while the step budget stays "calls plus loop iterations".
    func poll(_ span: Span) throws {
        if interrupt.isSet {
            interrupt.clear()
            throw RuntimeError(.interrupted, at: span, kind: .limit)
        }
        if let deadline, Clock.nanoseconds() > deadline {
            throw RuntimeError(.timeLimitExceeded, host.limits.timeout ?? 0, at: span, kind: .limit)
        }
    }

    /// Enters a call: checks call depth and remaining stack.
    @inline(__always)
    func enterCall(_ span: Span) throws {
        depth += 1
        if depth > maxDepth || !StackGuard.hasRoom(above: stackLimit) {
            depth -= 1
            throw RuntimeError(.stackOverflow, maxDepth, at: span)
        }
        try step(span)
    }

    func noteTableBytes(_ bytes: Int, _ span: Span) throws {
        tableBytes += bytes
        if let limit = host.limits.maxMemoryBytes, tableBytes > limit {
            throw RuntimeError(.tableMemoryLimitExceeded, Context.megabytes(tableBytes, over: limit), Context.megabytes(limit), at: span, kind: .limit)
        }
    }

    func output(_ text: String) {
        host.output(text)
    }
}

/// Set from any thread (Ctrl-C, a host's `interrupt()`); polled by the running program.
public final class InterruptFlag: Sendable {
    private let flag = Atomic<Bool>(false)
    public init() {}
    public func set() { flag.store(true, ordering: .relaxed) }
    func clear() { flag.store(false, ordering: .relaxed) }
    var isSet: Bool { flag.load(ordering: .relaxed) }
}

enum StackGuard {
    /// Whether the current stack pointer is still above `limit`.
    @inline(__always)
    static func hasRoom(above limit: UInt) -> Bool {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) } > limit
    }

    @inline(never)
    static func currentAddress() -> UInt {
        var marker: UInt8 = 0
        return withUnsafeMutablePointer(to: &marker) { UInt(bitPattern: $0) }
    }
}

enum Clock {
    static func nanoseconds() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}

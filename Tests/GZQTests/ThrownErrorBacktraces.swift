import Foundation

/// Swift Testing records a backtrace for every Swift error thrown while tests run (it hooks the
/// runtime's `swift_willThrow`). The interpreter throws errors as part of its work (a stack
/// overflow unwinds 10 000 frames, each rethrowing), so conformance files ran up to ten times
/// slower under Swift Testing than under XCTest (limits/stack_overflow_is_catchable.gzq:
/// 1.3 s against 0.18 s). `suspended` unhooks it while one case runs and puts it back after;
/// the runner's errors are never reported as thrown, so no backtrace is lost. The switch
/// `SWT_SWIFT_ERROR_BACKTRACING_ENABLED=0` does the same, but is read before any test code runs.
enum ThrownErrorBacktraces {
    /// The runtime's hook variables (as Swift Testing itself finds them); nil when absent.
    private static let hooks: [UnsafeMutablePointer<UnsafeRawPointer?>] = ["_swift_willThrow", "_swift_willThrowTypedImpl"]
        .compactMap { (name: String) in dlsym(nil, name)?.assumingMemoryBound(to: UnsafeRawPointer?.self) }

    static func suspended<T>(_ body: () -> T) -> T {
        let saved = hooks.map { $0.pointee }
        for hook in hooks { hook.pointee = nil }
        defer { for (hook, value) in zip(hooks, saved) { hook.pointee = value } }
        return body()
    }
}

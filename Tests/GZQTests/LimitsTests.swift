import Foundation
import XCTest
import GZQ

/// Resource limits as an embedder sees them (REFERENCE §12, docs/ARCHITECTURE.md §4): each one ends the run
/// with a clean runtime error carrying an id, a message and a position — never a crash.
final class LimitsTests: XCTestCase {
    private func interpreter(_ limits: Limits = Limits()) -> Interpreter {
        Interpreter(host: HostConfiguration(limits: limits))
    }

    /// Runs `source` and returns the error it must end with.
    private func failure(_ gzq: Interpreter, _ source: String, file: StaticString = #filePath, line: UInt = #line) -> GZQError? {
        do {
            let value = try gzq.run(source, name: "limits.gzq")
            XCTFail("expected an error, got \(value)", file: file, line: line)
        } catch let error as GZQError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
        }
        return nil
    }

    func testStepBudgetStopsAnEndlessLoop() {
        let error = failure(interpreter(Limits(maxSteps: 10_000)), "let n = 0\nwhile true { n = n + 1 }")
        XCTAssertEqual(error?.category, "E-limit")
        XCTAssertEqual(error?.message, "step limit exceeded (10000 steps)")
        XCTAssertEqual(error?.diagnostics.first?.line, 2)
        XCTAssertEqual(error?.diagnostics.first?.column, 1)
    }

    func testStepBudgetCountsCalls() {
        let gzq = interpreter(Limits(maxSteps: 5_000))
        XCTAssertEqual(failure(gzq, "fn f(n) { if n == 0 { 0 } else { f(n - 1) + 1 } }\nfor i in 1..100 { f(500) }")?.category, "E-limit")
        // The budget is per run: a small program afterwards runs.
        XCTAssertEqual(try gzq.evaluate("1 + 1").asInt, 2)
    }

    func testDeepRecursionIsAStackOverflowError() {
        let source = "fn down(n) { if n == 0 { 0 } else { 1 + down(n - 1) } }\ndown(20000)"
        let error = failure(interpreter(), source)
        XCTAssertEqual(error?.category, "E-stack")
        XCTAssertTrue(error?.message.hasPrefix("stack overflow") ?? false, error?.message ?? "")
        XCTAssertEqual(error?.diagnostics.first?.line, 1)
        // Below the limit, the same recursion runs (on the interpreter's large stack).
        XCTAssertEqual(try interpreter().run(source.replacingOccurrences(of: "20000", with: "9000")).asInt, 9000)
    }

    func testCallDepthLimitIsConfigurable() throws {
        let source = "fn down(n) { if n == 0 { 0 } else { 1 + down(n - 1) } }\ndown(20000)"
        XCTAssertEqual(try interpreter(Limits(maxCallDepth: 50_000)).run(source).asInt, 20000)
        XCTAssertEqual(failure(interpreter(Limits(maxCallDepth: 100)), source)?.message, "stack overflow (call depth limit is 100)")
    }

    func testStackOverflowIsCatchableAndTheInterpreterStaysUsable() throws {
        let gzq = interpreter()
        let source = """
        fn down(n) { 1 + down(n + 1) }
        try { down(0) } catch e { e.message }
        """
        XCTAssertEqual(try gzq.run(source).asString, "stack overflow (call depth limit is 10000)")
        XCTAssertEqual(try gzq.evaluate("[1, 2, 3] | len").asInt, 3)
    }

    func testTableMemoryLimit() {
        let gzq = interpreter(Limits(maxMemoryBytes: 1 << 20))
        // The list of 60 000 values (0.9 MB) fits; the table of three columns of it (1.4 MB) does not.
        let error = failure(gzq, "let xs = 1..60000\nlet t = table({a: xs, b: xs, c: xs})")
        XCTAssertEqual(error?.category, "E-limit")
        XCTAssertTrue(error?.message.hasPrefix("memory limit exceeded") ?? false, error?.message ?? "")
        XCTAssertEqual(error?.diagnostics.first?.line, 2)
        // Small tables fit, and the budget starts again at each run.
        XCTAssertEqual(try gzq.evaluate("table({a: 1..1000}) | len").asInt, 1000)
        XCTAssertEqual(try gzq.evaluate("table({a: 1..1000}) | len").asInt, 1000)
    }

    func testTableMemoryLimitCountsStageResults() {
        // 60 000 rows of one int column are ~0.5 MB; each derive adds a column to a new table.
        let gzq = interpreter(Limits(maxMemoryBytes: 2 << 20))
        let error = failure(gzq, "let t = table({a: 1..60000})\nt | derive b = a * 2 | derive c = b * 2 | derive d = c * 2")
        XCTAssertEqual(error?.category, "E-limit")
    }

    func testTimeout() {
        let start = Date()
        let error = failure(interpreter(Limits(timeout: 0.2)), "while true {}")
        XCTAssertEqual(error?.category, "E-limit")
        XCTAssertEqual(error?.message, "time limit exceeded (0.2 s)")
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testNonsenseTimeoutsAreNoLimitRatherThanATrap() throws {
        for timeout in [Double.nan, -1, .infinity, 1e300] {
            XCTAssertEqual(try interpreter(Limits(timeout: timeout)).evaluate("1 + 1").asInt, 2)
        }
    }

    func testLimitsChangedBetweenRunsApply() throws {
        let host = HostConfiguration()
        let gzq = Interpreter(host: host)
        XCTAssertEqual(try gzq.run("let n = 0\nfor i in 1..5000 { n = n + 1 }\nn").asInt, 5000)
        host.limits.maxSteps = 1000
        XCTAssertEqual(failure(gzq, "for i in 1..5000 { n = n + 1 }")?.category, "E-limit")
        host.limits.maxCallDepth = 10
        XCTAssertEqual(failure(gzq, "fn f(n) { f(n) }\nf(1)")?.message, "stack overflow (call depth limit is 10)")
    }

    /// `interrupt()` from another thread stops a running program, measured from the call
    /// to the moment `run` returns on the running thread.
    func testInterruptFromAnotherThreadStopsWithin100ms() throws {
        for source in ["while true {}",
                       "fn spin(n) { n + 1 }\nlet i = 0\nwhile true { i = spin(i) }",
                       "let t = table({a: 1..1000})\nwhile true { t | where a > 500 | derive b = a * 2 }"] {
            let gzq = interpreter()
            let finished = DispatchSemaphore(value: 0)
            let outcome = Outcome()
            let thread = Thread {
                do {
                    _ = try gzq.run(source, name: "spin.gzq")
                } catch {
                    outcome.error = error as? GZQError
                }
                outcome.stopped = DispatchTime.now().uptimeNanoseconds
                finished.signal()
            }
            thread.start()
            Thread.sleep(forTimeInterval: 0.3)
            let asked = DispatchTime.now().uptimeNanoseconds
            gzq.interrupt()
            XCTAssertEqual(finished.wait(timeout: .now() + 10), .success, "not interrupted: \(source)")
            let latency = Double(outcome.stopped - asked) / 1e6
            print("interrupt latency: \(String(format: "%.2f", latency)) ms for \(source.split(separator: "\n").last ?? "")")
            XCTAssertLessThan(latency, 100, source)
            XCTAssertEqual(outcome.error?.category, "E-interrupt")
            XCTAssertEqual(outcome.error?.message, "interrupted")
            XCTAssertEqual(outcome.error?.diagnostics.first?.file, "spin.gzq")
            // The interpreter is usable afterwards; an interrupt is not remembered into the next run.
            XCTAssertEqual(try gzq.evaluate("2 * 21").asInt, 42)
        }
    }

    func testInterruptIsNotCatchableByTry() {
        let gzq = interpreter()
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) { gzq.interrupt() }
        let error = failure(gzq, "try { while true {} } catch e { \"caught\" }")
        XCTAssertEqual(error?.category, "E-interrupt")
    }
}

/// What the running thread saw, read by the test after the semaphore.
private final class Outcome: @unchecked Sendable {
    var error: GZQError?
    var stopped: UInt64 = 0
}

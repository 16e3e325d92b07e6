import Foundation
import XCTest
import GZQ

/// Call traces (an error inside a function shows its callers) and errors of the standard
/// library written in gzq (reported at the user's call), as a host and a terminal see them.
final class CallTraceTests: XCTestCase {
    private func failure(_ source: String, file: StaticString = #filePath, line: UInt = #line) -> GZQError? {
        let gzq = Interpreter(host: HostConfiguration(output: { _ in }))
        do {
            let value = try gzq.run(source, name: "report.gzq")
            XCTFail("expected an error, got \(value)", file: file, line: line)
        } catch let error as GZQError {
            return error
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
        }
        return nil
    }

    func testErrorInsideAFunctionShowsWhereItWasCalledFrom() {
        let error = failure("fn pct(x) { round(x * 100, 1) }\nprint(pct(0.5))\nprint(pct(\"0.6\"))")
        let d = error?.diagnostics.first
        XCTAssertEqual(d?.message, "cannot multiply string and int")
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.calledFrom, ["report.gzq:3:7"])
        XCTAssertTrue(error?.rendered.contains(" = called from report.gzq:3:7\n") == true, error?.rendered ?? "")
    }

    func testCallersAreListedInnermostFirst() {
        let source = """
        fn inner(v) { v / "x" }
        fn middle(v) { inner(v) + 1 }
        fn outer(v) {
          middle(v)
        }
        outer(1)
        """
        let d = failure(source)?.diagnostics.first
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.calledFrom, ["report.gzq:2:16", "report.gzq:4:3", "report.gzq:6:1"])
        XCTAssertEqual(d?.moreCallers, 0)
    }

    func testRecursionIsCollapsedAndTheTraceIsBounded() {
        let recursion = failure("fn down(n) { if n == 0 { 1 / \"零\" } else { down(n - 1) } }\ndown(500)")?.diagnostics.first
        XCTAssertEqual(recursion?.calledFrom, ["report.gzq:1:43 (500 times)", "report.gzq:2:1"])

        // Twelve distinct call sites: ten are listed, two counted.
        var lines = ["fn f12() { 1 / \"x\" }"]
        for i in stride(from: 11, through: 1, by: -1) { lines.append("fn f\(i)() { f\(i + 1)() }") }
        lines.append("f1()")
        let chain = failure(lines.joined(separator: "\n"))?.diagnostics.first
        XCTAssertEqual(chain?.calledFrom.count, 10)
        XCTAssertEqual(chain?.calledFrom.first, "report.gzq:2:12")
        XCTAssertEqual(chain?.moreCallers, 2)
        XCTAssertTrue(chain.map(DiagnosticRenderer.render)?.contains("= … and 2 more calls") == true)
    }

    func testStackOverflowKeepsItsMessageAndABoundedTrace() {
        let error = failure("fn r(n) { r(n + 1) }\nr(0)")
        XCTAssertEqual(error?.category, "E-stack")
        XCTAssertEqual(error?.message, "stack overflow (call depth limit is 10000)")
        XCTAssertEqual(error?.diagnostics.first?.calledFrom, ["report.gzq:1:11 (9999 times)", "report.gzq:2:1"])
    }

    func testLibraryErrorIsAtTheUsersCallUnderTheLibraryName() {
        let error = failure("let share = 0.5\nprint(fmt_pct(\"x\"))")
        let d = error?.diagnostics.first
        XCTAssertEqual(d?.message, "fmt_pct(): 'x' must be a number, not string")
        XCTAssertEqual(d?.file, "report.gzq")
        XCTAssertEqual(d?.line, 2)
        XCTAssertEqual(d?.column, 7)
        XCTAssertEqual(d?.calledFrom, [])
        XCTAssertFalse(error?.rendered.contains("<stdlib>") ?? true, error?.rendered ?? "")

        // Through a user function: at the library call, with the user's caller in the trace.
        let nested = failure("fn show(x) {\n  say_change(x, \"多\")\n}\nshow(1)")?.diagnostics.first
        XCTAssertEqual(nested?.message, "say_change(): change() needs numbers, not string")
        XCTAssertEqual(nested?.line, 2)
        XCTAssertEqual(nested?.calledFrom, ["report.gzq:4:1"])
    }

    func testErrorsOutsideFunctionsHaveNoTrace() {
        let d = failure("let x = 1\nx + \"a\"")?.diagnostics.first
        XCTAssertEqual(d?.line, 2)
        XCTAssertEqual(d?.calledFrom, [])
        XCTAssertFalse(failure("1 / \"a\"")?.rendered.contains("called from") ?? true)
    }
}

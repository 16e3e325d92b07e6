import XCTest
@testable import GZQ

/// The binder and the plan (docs/ARCHITECTURE.md §6): binding errors before any row runs,
/// one engine decision per step, batch errors raised once with the tree engine's message and
/// span, and what `:bytecode` shows. Counts come from `HostConfiguration.planStatistics`.
final class PlanTests: XCTestCase {
    private func interpreter(_ engine: Engine, _ globals: [String: Table]) -> (Interpreter, HostConfiguration) {
        let host = HostConfiguration()
        host.engine = engine
        host.output = { _ in }
        let interpreter = Interpreter(host: host)
        for (name, table) in globals { interpreter.setGlobal(name, .table(table)) }
        return (interpreter, host)
    }

    /// The diagnostic `source` ends with ("message @line:column").
    private func failure(_ source: String, _ engine: Engine, _ globals: [String: Table]) -> (String, PlanStatistics) {
        let (interpreter, host) = interpreter(engine, globals)
        do {
            _ = try interpreter.run(source)
            return ("no error", host.planStatistics)
        } catch let error as GZQError {
            let d = error.diagnostics[0]
            return ("\(d.message) @\(d.line):\(d.column)", host.planStatistics)
        } catch {
            return ("\(error)", host.planStatistics)
        }
    }

    func testOverflowingFusedSumCompilesOnceAndRaisesOnce() {
        // 5000 rows (over the auto threshold); group k = 2 overflows its int sum.
        let rows = 5000
        let k = (0..<rows).map { $0 % 2 == 0 ? 1 : 2 }
        let v = k.map { $0 == 2 ? Int.max / 1000 : 1 }
        let t = table(["k": ints(k), "v": ints(v)])
        let source = "t | where k > 0 | summarize n = count(), s = sum(v) by k"
        let (tree, _) = failure(source, .tree, ["t": t])
        XCTAssertEqual(tree, "integer overflow @1:46")
        for engine in [Engine.auto, .vector] {
            let (message, statistics) = failure(source, engine, ["t": t])
            XCTAssertEqual(message, tree, "same message and span as the tree engine (\(engine))")
            XCTAssertEqual(statistics.compilations, 1, "the fused program compiles once, nothing recompiles (\(engine))")
            XCTAssertEqual(statistics.batchRows, rows, "one pass over the rows (\(engine))")
            XCTAssertEqual(statistics.treeRows, 0, "the tree engine reruns nothing (\(engine))")
        }
    }

    func testBatchOverflowIsTheFirstInRowOrder() {
        // Row 1 overflows `a + b * 2` (the add); row 3 overflows `b * 2` (the multiply, an
        // earlier instruction). The tree engine meets row 1 first: the add's span.
        let a = [0, Int.max, 0, 0, 0]
        let b = [1, 1, 1, Int.max / 2 + 1, 1]
        let t = table(["a": ints(a), "b": ints(b)])
        let source = "t | derive w = a + b * 2"
        let (tree, _) = failure(source, .tree, ["t": t])
        XCTAssertEqual(tree, "integer overflow @1:16")
        let (batch, statistics) = failure(source, .vector, ["t": t])
        XCTAssertEqual(batch, tree)
        XCTAssertEqual(statistics.compilations, 1)
        XCTAssertEqual(statistics.treeRows, 0)
        // Reversed rows: the multiply at row 1 comes first now.
        let (tree2, _) = failure(source, .tree, ["t": table(["a": ints(a.reversed()), "b": ints(b.reversed())])])
        XCTAssertEqual(tree2, "integer overflow @1:20")
        XCTAssertEqual(failure(source, .vector, ["t": table(["a": ints(a.reversed()), "b": ints(b.reversed())])]).0, tree2)
    }

    func testCheckedArithmeticUnderAndIsLeftToTheTree() {
        // The tree never evaluates `a + 1` where `a > 0` is false, so the batch engine declines
        // rather than raise an overflow the tree would not.
        let t = table(["a": ints([Int.max, -1, 3])])
        let (interpreter, host) = interpreter(.vector, ["t": t])
        XCTAssertNoThrow(try interpreter.run("t | where a < 0 and a + 1 > 0"))
        XCTAssertEqual(host.planStatistics.batchRows, 0)
        XCTAssertEqual(host.planStatistics.treeRows, 3)
        XCTAssertTrue(try interpreter.bytecode(for: "t | where a < 0 and a + 1 > 0").contains("where: tree (int arithmetic that the tree engine evaluates only for some rows"))
    }

    func testBindingErrorOnAMillionRowsTouchesNoRow() {
        let rows = 1_000_000
        let big = table(["year": ints((0..<rows).map { 2015 + $0 % 8 }), "n": ints(Array(repeating: 1, count: rows))])
        let empty = table(["year": ints([]), "n": ints([])])
        let expected = "cannot compare int with string using '==': a number read as text never equals a number; convert the text with int(x) or parse_num(x) (or the number with str(x)) @1:11"
        for (t, engine) in [(big, Engine.auto), (big, .tree), (big, .vector), (empty, .auto)] {
            let (message, statistics) = failure(#"t | where year == "2021""#, engine, ["t": t])
            XCTAssertEqual(message, expected)
            XCTAssertEqual(statistics.treeRows + statistics.batchRows, 0, "no row evaluated (\(engine), \(t.rowCount) rows)")
            XCTAssertEqual(statistics.compilations, 0, "nothing compiled (\(engine))")
        }
        // The same pipeline without the error runs every row.
        let (interpreter, host) = interpreter(.auto, ["t": big])
        XCTAssertNoThrow(try interpreter.run(#"t | where year == 2021"#))
        XCTAssertEqual(host.planStatistics.batchRows, rows)
    }

    func testBytecodeShowsThePlanAndWhyTheTreeRuns() throws {
        let (interpreter, _) = interpreter(.auto, ["t": table(["year": ints([2020, 2021]), "n": ints([1, 2])])])
        let fused = try interpreter.bytecode(for: "t | where year >= 2021 | summarize s = sum(n) by year")
        XCTAssertTrue(fused.hasPrefix("step 1: aggregate (where + summarize, fused)\n  summarize: batch program\n"), fused)
        XCTAssertTrue(fused.contains("    0000  loadInt       r0, year"), fused)
        let total = try interpreter.bytecode(for: #"t | where year >= 2021 | summarize s = sum(n) by year total 0"#)
        XCTAssertTrue(total.hasPrefix("step 1: filter (where)\n  where: batch program"), total)
        XCTAssertTrue(total.contains("step 2: aggregate (summarize)"), "total is not fused: \(total)")
        let closure = try interpreter.bytecode(for: "t | derive s = map([1], fn(x) x) | sort year")
        XCTAssertTrue(closure.contains("step 1: derive\n  column s: tree (a call without a batch kernel)"), closure)
        XCTAssertTrue(closure.contains("step 2: sort"), closure)
        XCTAssertTrue(closure.hasSuffix("(no stage of this expression runs on the batch engine)"), closure)
    }

    /// The disassembler prints each opcode's synopsis from the one opcode table.
    func testDisassemblyReadsTheOpcodeTable() throws {
        let (interpreter, _) = interpreter(.auto, ["t": table(["a": ints([1]), "x": floats([0.5])])])
        let listing = try interpreter.bytecode(for: "t | derive w = -a * 2 // 3, y = x mod 2.0 != 0.5")
        for op in [VectorOp.negInt, .mulInt, .floorDivInt, .modFloat, .equalFloat] {
            XCTAssertTrue(listing.contains("\(op)") && listing.contains("; " + op.synopsis), "\(op): \(listing)")
        }
        XCTAssertEqual(VectorOp.allCases.filter { $0.synopsis.isEmpty || !$0.synopsis.hasPrefix("r[d] = ") }, [], "every opcode has a synopsis")
    }
}

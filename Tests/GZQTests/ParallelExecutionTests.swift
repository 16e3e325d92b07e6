import Foundation
import XCTest
@testable import GZQ

/// Fast-path steps on several threads (`HostConfiguration.threads`), at the real morsel size:
/// the same output as one thread and as the tree engine, the first error in row order whichever
/// worker meets it, and limits that stop a step between morsels.
final class ParallelExecutionTests: XCTestCase {
    static let rows = 200_000

    /// A CSV file of `rows` rows: ints (with nulls), a key of 9 regions, floats, and two
    /// columns that overflow when multiplied: `big` at row 150,000, `c` at row 100.
    static let csv: String = {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-parallel-\(getpid()).csv").path
        var text = "a,region,x,big,c\n"
        let regions = ["贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州"]
        for i in 0..<rows {
            let a = i % 13 == 0 ? "" : String(i % 1000 - 300)
            let big = i == 150_000 ? "9223372036854775807" : "1"
            let c = i == 100 ? "9223372036854775807" : "2"
            text += "\(a),\(regions[i * 7 % 9]),\(Double(i % 977) / 8),\(big),\(c)\n"
        }
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }()

    func run(_ program: String, engine: Engine, threads: Int, limits: Limits = Limits()) -> (output: String, host: HostConfiguration) {
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted, limits: limits)
        host.engine = engine
        host.threads = threads
        let interpreter = Interpreter(host: host)
        do {
            try interpreter.run("let t = read_csv(\"\(Self.csv)\")\n" + program, name: "parallel.gzq")
        } catch let error as GZQError {
            output += error.rendered
        } catch {
            output += "unexpected: \(error)"
        }
        return (output, host)
    }

    func assertSameOnEveryThreadCount(_ program: String, file: StaticString = #filePath, line: UInt = #line) {
        let tree = run(program, engine: .tree, threads: 1).output
        for threads in [1, 2, 4] {
            let vector = run(program, engine: .vector, threads: threads).output
            XCTAssertEqual(vector, tree, "\(threads) thread(s) vs the tree engine:\n\(program)", file: file, line: line)
        }
    }

    func testStepsGiveTheOneThreadResult() {
        assertSameOnEveryThreadCount("print(t | where a > 100 and region != \"遵义市\" | summarize n = count(), s = sum(a), m = avg(x), lo = min(a), hi = max(x), f = first(a), l = last(x) by region)")
        assertSameOnEveryThreadCount("print(t | where a < 0 | summarize n = count(), s = sum(a), m = avg(a), z = sum(x))")
        assertSameOnEveryThreadCount("let d = t | derive y = a * 3 + 1, r = x / 2, k = a > 0, s = region | where a mod 7 == 1\nprint(len(d), d | take 5, d | summarize n = count(), sy = sum(y), kk = sum(if k then 1 else 0) by s)")
        assertSameOnEveryThreadCount("print(t | select a, z = x * 2.5 | where z > 100 | summarize n = count(), m = max(z))")
    }

    func testTheFirstErrorInRowOrderWinsWhicheverWorkerMeetsIt() {
        // `big * 2` overflows at row 150,000 (a late morsel, which a second worker may reach
        // first); `c * 2` at row 100. Row order decides: the error points at `c * 2`.
        let program = "print(t | where big * 2 > 0 and c * 2 > 0 | len)"
        let tree = run(program, engine: .tree, threads: 1).output
        XCTAssertTrue(tree.contains("integer overflow"), tree)
        XCTAssertTrue(tree.contains("c * 2"), tree)
        for threads in [2, 4] {
            for _ in 0..<5 {
                XCTAssertEqual(run(program, engine: .vector, threads: threads).output, tree, "\(threads) threads")
            }
        }
        // Only the late one: the error is raised, from whichever worker met it.
        let late = "print(t | derive y = big * 2 | len)"
        XCTAssertEqual(run(late, engine: .vector, threads: 4).output, run(late, engine: .tree, threads: 1).output)
    }

    func testATimeLimitStopsAParallelStepBetweenMorsels() throws {
        let host = HostConfiguration(output: { _ in }, fileAccess: .unrestricted)
        host.engine = .vector
        host.threads = 2
        host.morselRows = VectorVM.batchSize
        let gzq = Interpreter(host: host)
        try gzq.run("let t = read_csv(\"\(Self.csv)\")", name: "load.gzq")
        XCTAssertEqual(try gzq.evaluate("len(t | where a * 2 > 5)").asInt, 128_679)
        // Half a millisecond: well under one pass over 98 morsels; the step stops between them.
        host.limits.timeout = 0.0005
        host.planStatistics.reset()
        XCTAssertThrowsError(try gzq.evaluate("len(t | where a * 2 > 5)")) { error in
            XCTAssertEqual((error as? GZQError)?.category, "E-limit", "\(error)")
        }
        XCTAssertLessThan(host.planStatistics.batchRows, Self.rows, "the step ran to its end")
    }

    /// A worker needs 64K rows (a second one starts at 128K rows), and for a summarize 16 rows
    /// a group slot of its key space: a key space large beside each worker's rows stays on one.
    func testHowManyWorkersAStepGets() {
        func workers(_ program: String, threads: Int = 4) -> Int {
            let (output, host) = run(program, engine: .auto, threads: threads)
            XCTAssertFalse(output.contains("error"), output)
            return host.planStatistics.workers
        }
        XCTAssertEqual(workers("print(len(t | where a > 0))"), 3, "200K rows: 3 workers of 64K rows")
        XCTAssertEqual(workers("print(len(t | where a > 0))", threads: 1), 1)
        XCTAssertEqual(workers("let u = t | append t\nprint(len(u | where a > 0))"), 4)
        XCTAssertEqual(workers("let u = t | append t\nprint(u | summarize n = count() by region)"), 4)
        XCTAssertEqual(workers("print(len(table({k: 1..100000}) | derive j = k * 2))"), 1, "100K rows: one worker")
        // 400K rows: a key of 1,000 values (and null) needs 16,016 rows a worker (4 workers); one
        // of 400,000 values needs 6.4M (one worker). The summarize is the only batch step.
        XCTAssertEqual(workers("let u = t | append t\nprint(len(u | summarize n = count() by a))"), 4)
        XCTAssertEqual(workers("print(len(table({k: 1..400000}) | summarize n = count() by k))"), 1)
    }

    func testGatherOnSeveralThreadsIsTheOneThreadGather() throws {
        let table = try CSVReader.read(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: Self.csv))), name: "t.csv", options: CSVOptions())
        var random = EngineParityTests.Random(state: 7)
        let indices = (0..<Table.parallelGatherRows + 1000).map { _ in random.below(table.rowCount) }
        let one = table.gather(indices), four = table.gather(indices, threads: 4)
        XCTAssertNil(ParallelCSVTests.difference(one, four))
    }
}

extension HostConfiguration {
    /// Fast-path steps on `threads` threads over morsels of `morselRows` rows, however small
    /// the table (the thread-count parity runs of the conformance and engine-parity tests).
    func split(threads: Int, morselRows: Int) {
        self.threads = threads
        self.morselRows = morselRows
        minimumRowsPerWorker = 1
    }
}

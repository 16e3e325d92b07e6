import XCTest
import GZQ

/// `complete` can be asked for partitions × values rows; under a memory limit a huge request
/// is refused before the table is built (E-limit), while an ordinary one still runs.
final class CompleteLimitTests: XCTestCase {
    func testHugeCompleteStopsAtTheMemoryLimit() throws {
        let gzq = Interpreter(host: HostConfiguration(limits: Limits(maxMemoryBytes: 32 * 1_048_576)))
        let source = "len(table({k: 1..2000, year: 1..2000}) | complete year = 1..200000 by k)"
        XCTAssertThrowsError(try gzq.run(source, name: "huge.gzq")) { error in
            guard let error = error as? GZQError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.category, "E-limit")
            XCTAssertTrue(error.message.hasPrefix("memory limit exceeded (a table of"), error.message)
        }
        XCTAssertEqual(try gzq.evaluate("len(table({k: 1..20, year: 1..20}) | complete year = 1..100 by k)").asInt, 2000)
    }
}

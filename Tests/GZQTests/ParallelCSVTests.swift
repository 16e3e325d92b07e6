import XCTest
@testable import GZQ

/// Reading a CSV file on several threads gives exactly the table (or the error) one thread
/// gives: same types, values (float bits included), null cells and string dictionaries.
final class ParallelCSVTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private var savedMinimum = 0

    override func setUp() {
        savedMinimum = CSVParser.minimumBytesPerThread
        CSVParser.minimumBytesPerThread = 1 // split even tiny files
    }

    override func tearDown() { CSVParser.minimumBytesPerThread = savedMinimum }

    /// The table or the error message, read on `threads` threads.
    func read(_ bytes: [UInt8], threads: Int, reportNumbers: Bool = false, trim: Bool = false) -> Result<Table, ReadFailure> {
        var options = CSVOptions()
        options.threads = threads
        options.reportNumbers = reportNumbers
        options.trim = trim
        do { return .success(try CSVReader.read(bytes: bytes, name: "t.csv", options: options)) } catch { return .failure(ReadFailure(message: "\(error)")) }
    }

    func assertSameOnEveryThreadCount(_ bytes: [UInt8], _ label: String, reportNumbers: Bool = false, trim: Bool = false,
                                      file: StaticString = #filePath, line: UInt = #line) {
        let one = read(bytes, threads: 1, reportNumbers: reportNumbers, trim: trim)
        for threads in [2, 3, 4, 7] {
            let many = read(bytes, threads: threads, reportNumbers: reportNumbers, trim: trim)
            switch (one, many) {
            case (.failure(let a), .failure(let b)):
                XCTAssertEqual(a.message, b.message, "\(label): error on \(threads) threads", file: file, line: line)
            case (.success(let a), .success(let b)):
                if let difference = Self.difference(a, b) {
                    XCTFail("\(label): \(threads) threads: \(difference)", file: file, line: line)
                }
            default:
                XCTFail("\(label): 1 thread gave \(one), \(threads) threads \(many)", file: file, line: line)
            }
        }
    }

    /// Where two tables differ in storage, or nil.
    static func difference(_ a: Table, _ b: Table) -> String? {
        guard a.schema.names == b.schema.names else { return "names \(a.schema.names) vs \(b.schema.names)" }
        guard a.schema.types == b.schema.types else { return "types \(a.schema.types) vs \(b.schema.types)" }
        guard a.rowCount == b.rowCount else { return "rows \(a.rowCount) vs \(b.rowCount)" }
        for (k, (x, y)) in zip(a.columns, b.columns).enumerated() {
            let name = a.schema.names[k]
            guard x.validity == y.validity || (x.validity.map { v in (0..<v.count).allSatisfy { v[$0] } } ?? true) && (y.validity.map { v in (0..<v.count).allSatisfy { v[$0] } } ?? true)
            else { return "\(name): null cells differ" }
            // Cells under a null hold placeholders, which nothing reads: compare the others.
            let valid = (0..<a.rowCount).filter { x.validity?[$0] ?? true }
            switch (x.storage, y.storage) {
            case (.int(let p), .int(let q)): if valid.map({ p[$0] }) != valid.map({ q[$0] }) { return "\(name): ints differ" }
            case (.float(let p), .float(let q)): if valid.map({ p[$0].bitPattern }) != valid.map({ q[$0].bitPattern }) { return "\(name): floats differ" }
            case (.bool(let p), .bool(let q)): if valid.map({ p[$0] }) != valid.map({ q[$0] }) { return "\(name): bools differ" }
            case (.date(let p), .date(let q)): if valid.map({ p[$0] }) != valid.map({ q[$0] }) { return "\(name): dates differ" }
            case (.string(let c1, let d1), .string(let c2, let d2)):
                if d1 != d2 { return "\(name): dictionaries differ \(d1.prefix(5)) vs \(d2.prefix(5))" }
                if valid.map({ c1[$0] }) != valid.map({ c2[$0] }) { return "\(name): codes differ" }
            default: return "\(name): storage kinds differ"
            }
        }
        return nil
    }

    func testEveryCSVFileInTheRepositoryReadsTheSame() throws {
        var files: [URL] = []
        for folder in ["Samples", "Tests"] {
            let walker = try XCTUnwrap(FileManager.default.enumerator(at: Self.root.appendingPathComponent(folder), includingPropertiesForKeys: nil))
            for case let url as URL in walker where url.pathExtension == "csv" { files.append(url) }
        }
        XCTAssertGreaterThan(files.count, 10)
        for url in files {
            let bytes = try [UInt8](Data(contentsOf: url))
            assertSameOnEveryThreadCount(bytes, url.lastPathComponent)
            assertSameOnEveryThreadCount(bytes, url.lastPathComponent + " (report numbers, trim)", reportNumbers: true, trim: true)
        }
    }

    /// Random files whose columns change kind part-way (ints then floats, `-0`, numbers then
    /// text, bools, dates, empty stretches), with quoted fields holding line breaks, commas and
    /// `""`, CRLF line ends and blank lines; and broken ones.
    func testRandomFilesReadTheSame() {
        var rng = EngineParityTests.Random(state: 2026)
        let cells: [[String]] = [
            ["1", "22", "-3", "007", ""], ["1.5", "-0", "2e3", "0.1"], ["-0", "0", "5"],
            ["true", "false", ""], ["2021-01-01", "2024-02-29", ""], ["贵阳市", "遵义市", "a,b", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "N/A"],
            ["1,069", "18.81%", "5.5亿", "+12"], [""],
        ]
        for round in 0..<300 {
            let columns = 1 + Int(rng.next() % 4)
            let rows = Int(rng.next() % 60)
            // Each column draws from one or two pools, switching at a random row.
            let plan = (0..<columns).map { _ in (Int(rng.next() % UInt64(cells.count)), Int(rng.next() % UInt64(cells.count)), Int(rng.next() % UInt64(max(rows, 1)))) }
            var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
            let crlf = rng.next() % 4 == 0
            for r in 0..<rows {
                let fields = plan.map { first, second, switchRow -> String in
                    let pool = cells[r < switchRow ? first : second]
                    return pool[Int(rng.next() % UInt64(pool.count))]
                }
                text += fields.joined(separator: ",") + (crlf ? "\r\n" : "\n")
                if columns > 1, rng.next() % 25 == 0 { text += "\n" }
            }
            var bytes = Array(text.utf8)
            switch rng.next() % 10 {
            case 0: bytes += Array("1,2,3,4,5,6\n".utf8)          // too many fields at the end
            case 1: bytes += Array("\"unterminated\n".utf8)
            case 2: if bytes.count > 10 { bytes.insert(0xFF, at: bytes.count / 2) }  // invalid UTF-8
            default: break
            }
            assertSameOnEveryThreadCount(bytes, "random file \(round)")
            if round % 3 == 0 { assertSameOnEveryThreadCount(bytes, "random file \(round) (report numbers)", reportNumbers: true) }
        }
    }

    func testABigFileIsReallySplit() throws {
        var text = "id,region,rate\n"
        for i in 0..<20_000 { text += "\(i),\(["贵阳市", "遵义市", "安顺市"][i % 3]),\(i % 7 == 0 ? "0.5" : "\(i % 5)")\n" }
        let bytes = Array(text.utf8)
        try bytes.withUnsafeBufferPointer { buffer in
            var options = CSVOptions()
            options.threads = 4
            let parser = CSVParser(buffer: buffer, name: "t.csv", separator: UInt8(ascii: ","), options: options)
            var p = 0
            try parser.readHeader(&p)
            parser.dataStart = p
            let starts = parser.rangeStarts(4)
            XCTAssertEqual(starts.count, 4)
            for s in starts.dropFirst() { XCTAssertEqual(buffer[s - 1], UInt8(ascii: "\n")) }
            // The threads really read it (nil would mean one thread did).
            XCTAssertEqual(parser.parseInParallel(progress: nil, release: nil)?.rowCount, 20_000)
        }
        assertSameOnEveryThreadCount(bytes, "20,000 rows")
        let table = try read(bytes, threads: 4).get()
        XCTAssertEqual(table.rowCount, 20_000)
        XCTAssertEqual(table.schema.types, [ColumnType.int, .string, .float])
    }
}

struct ReadFailure: Error { let message: String }

import Foundation
import XCTest
@testable import GZQ

/// CSV as offices exchange it (issue 12): files written with a BOM or in GB18030 checked
/// byte-wise and by Python's codecs, the messages that name the working directory, and wide
/// files whose columns turn into strings late (reading must stay linear).
final class OfficeCSVTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-office-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func run(_ source: String) throws -> String {
        var output = ""
        let interpreter = Interpreter(host: HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted))
        try interpreter.run(source, name: "<test>")
        return output
    }

    private let table = #"table({地区: ["贵阳市", "遵义市", "黔西南州"], 符号: ["€", "😀", "𠀀é"], n: [1069, 9, -3]})"#

    func testBOMFileStartsWithEFBBBF() throws {
        let path = folder.appendingPathComponent("bom.csv").path
        _ = try run("write_csv(\(table), \"\(path)\", bom: true)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        XCTAssertEqual(Array(bytes.prefix(3)), [0xEF, 0xBB, 0xBF])
        XCTAssertEqual(String(decoding: bytes.dropFirst(3), as: UTF8.self), "地区,符号,n\n贵阳市,€,1069\n遵义市,😀,9\n黔西南州,𠀀é,-3\n")
        let plain = folder.appendingPathComponent("plain.csv").path
        _ = try run("write_csv(\(table), \"\(plain)\")")
        // Without bom: the file starts with the header's first byte (地 is E5 9C B0).
        XCTAssertEqual(Array(try Data(contentsOf: URL(fileURLWithPath: plain)).prefix(3)), [0xE5, 0x9C, 0xB0])
    }

    /// Python's gb18030 codec (the oracle) decodes gzq's GB18030 file to the text gzq writes as UTF-8.
    func testGB18030FileDecodesInPython() throws {
        let gb = folder.appendingPathComponent("gb.csv").path
        let utf8 = folder.appendingPathComponent("utf8.csv").path
        _ = try run("let t = \(table)\nwrite_csv(t, \"\(gb)\", encoding: \"gb18030\")\nwrite_csv(t, \"\(utf8)\")")
        let gbBytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: gb)))
        XCTAssertNotEqual(gbBytes, [UInt8](try Data(contentsOf: URL(fileURLWithPath: utf8))))
        // 贵 is B9 F3 in GBK and GB18030; 😀 is the four-byte 94 39 FC 36.
        XCTAssertTrue(gbBytes.starts(with: [0xB5, 0xD8, 0xC7, 0xF8]))
        let script = "import sys; a = open(sys.argv[1], 'rb').read().decode('gb18030'); b = open(sys.argv[2], encoding='utf-8').read(); print(a == b, repr(a.splitlines()[2]))"
        let result = try python(["-c", script, gb, utf8])
        XCTAssertEqual(result, "True '遵义市,😀,9'\n")
    }

    private func python(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)
        return String(decoding: data, as: UTF8.self)
    }

    func testMissingFileNamesTheFolderItWasLookedUpIn() throws {
        let previous = FileManager.default.currentDirectoryPath
        FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { FileManager.default.changeCurrentDirectoryPath(previous) }
        let cwd = FileManager.default.currentDirectoryPath
        XCTAssertEqual(try run(#"print(try { read_csv("cases.csv") } catch e { e.message })"#),
                       "cannot read 'cases.csv': no such file (a relative path, looked up in \(cwd))\n")
        XCTAssertEqual(try run(#"print(try { write_csv(table({a: [1]}), "out/x.csv") } catch e { e.message })"#),
                       "write_csv(): cannot write 'out/x.csv': the folder 'out' does not exist (a relative path, looked up in \(cwd))\n")
    }

    // MARK: - The GB18030 fast path against iconv

    /// Every BMP scalar (but surrogates) and a few supplementary ones, encoded to GB18030 by
    /// iconv (1-, 2- and 4-byte sequences), decode by the table-driven path to the original
    /// text, as iconv decodes it; invalid or cut-off input is left to iconv (nil).
    func testGB18030FastPathAgreesWithIconv() throws {
        var text = ""
        // (Private-use points U+E78D…U+E864 that GB18030-2005 gave to standard characters have no
        // GB18030 bytes in glibc, so they cannot take part.)
        for v in UInt32(1)...0xFFFF where !(0xE78D...0xE864).contains(v) {
            if let u = Unicode.Scalar(v) { text.unicodeScalars.append(u) }
        }
        for v: UInt32 in [0x10000, 0x1F600, 0x20000, 0x2A6D6, 0x10FFFF] { text.unicodeScalars.append(Unicode.Scalar(v)!) }
        let utf8 = Array(text.utf8)
        let gb = try TextDecoding.encode(utf8, as: .gb18030)
        XCTAssertGreaterThan(gb.count, 100_000)
        try gb.withUnsafeBufferPointer { input in
            let viaIconv = try Iconv.convert(input, from: "GB18030", to: "UTF-8")
            XCTAssertEqual(Array(viaIconv.buffer), utf8)
            let fast = try XCTUnwrap(GB18030Decoder.decode(input))
            XCTAssertEqual(Array(fast.buffer), utf8)
        }
        for bad: [UInt8] in [[0x41, 0x81, 0x20], [0xB9], [0x41, 0xFF, 0x41], [0x81, 0x30, 0x81], [0x81, 0x30, 0xFF, 0x30]] {
            bad.withUnsafeBufferPointer { XCTAssertNil(GB18030Decoder.decode($0), "\(bad)") }
        }
        // The lone 0x80 is €, as code page 936 reads it.
        [0x41, 0x80, 0x42].withUnsafeBufferPointer { b in
            XCTAssertEqual(GB18030Decoder.decode(b).map { Array($0.buffer) }, Array("A€B".utf8))
        }
    }

    // MARK: - Wide files: linear demotion

    /// `columns` columns of ints for `rows` rows, then one row of text in every column.
    private func wideFile(columns: Int, rows: Int) -> [UInt8] {
        var text = (0..<columns).map { "c\($0)" }.joined(separator: ",") + "\n"
        for r in 0..<rows { text += (0..<columns).map { String(($0 + r) % 97) }.joined(separator: ",") + "\n" }
        text += (0..<columns).map { "x\($0)" }.joined(separator: ",") + "\n"
        return Array(text.utf8)
    }

    func testWideFileTurningIntoStringsLateKeepsEveryCell() throws {
        let t = try CSVReader.read(bytes: wideFile(columns: 2000, rows: 3), name: "wide.csv", options: CSVOptions())
        XCTAssertEqual(t.rowCount, 4)
        XCTAssertTrue(t.schema.types.allSatisfy { $0 == .string })
        XCTAssertTrue(Value.equal(t.columns[1234].value(at: 2), .str(String((1234 + 2) % 97))))
        XCTAssertTrue(Value.equal(t.columns[1999].value(at: 3), .str("x1999")))
        // Dictionary codes in order of first appearance, as a column read as strings from the start.
        guard case .string(_, let dictionary) = t.columns[5].storage else { return XCTFail("not a string column") }
        XCTAssertEqual(dictionary, ["5", "6", "7", "x5"])
    }

    /// 40,000 columns that all turn into strings on the last row: the old reader re-read the
    /// earlier rows once per column (quadratic: 3.7 s in a release build, minutes in a debug
    /// one). Linear, this takes a fraction of a second of CPU even in a debug build. The bound
    /// is on this thread's CPU time, not wall time, so other jobs on the machine cannot fail it.
    func testFortyThousandColumnsLoadInLinearTime() throws {
        let bytes = wideFile(columns: 40_000, rows: 2)
        let start = Self.threadCPUSeconds()
        let t = try CSVReader.read(bytes: bytes, name: "wide.csv", options: CSVOptions())
        let seconds = Self.threadCPUSeconds() - start
        XCTAssertEqual(t.schema.count, 40_000)
        XCTAssertEqual(t.rowCount, 3)
        XCTAssertTrue(Value.equal(t.columns[39_999].value(at: 0), .str(String(39_999 % 97))))
        XCTAssertLessThan(seconds, 2.0, "40,000 columns took \(seconds) s of CPU")
    }

    static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}

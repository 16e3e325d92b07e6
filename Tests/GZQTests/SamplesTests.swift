import Foundation
import XCTest
import GZQ

/// Runs every `Samples/*.gzq` in-process through the public API, with the repository root as
/// working directory (the scripts read `Samples/data/...`), and compares what it prints with
/// `Samples/expected/<name>.out`, byte for byte. Each script runs under every engine, since
/// the engines must give identical output.
///
/// A script without an expected file fails, and so does an expected file without a script.
/// The numbers in the expected files were checked independently by
/// `python3 Samples/data/crosscheck_expected.py` (see Samples/README.md); after a change to the
/// table layout, regenerate them from the binary and run that check again.
final class SamplesTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let samples = root.appendingPathComponent("Samples")
    static let expected = samples.appendingPathComponent("expected")

    static func names(in folder: URL, suffix: String) -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return files.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    /// Runs one script as the `gzq` command would, returning its output, or the rendered error
    /// appended to whatever it printed first.
    static func run(_ path: String, engine: Engine) -> String {
        guard let source = try? String(contentsOfFile: root.appendingPathComponent(path).path, encoding: .utf8) else {
            return "<cannot read \(path)>"
        }
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted)
        host.engine = engine
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("args", .list([]))
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        do {
            _ = try interpreter.run(source, name: path)
        } catch let error as GZQError {
            output += "<error>\n" + error.rendered + "\n"
        } catch {
            output += "<error>\n\(error)\n"
        }
        return output
    }

    func testSamplesFolderIsNotEmpty() {
        XCTAssertGreaterThanOrEqual(Self.names(in: Self.samples, suffix: ".gzq").count, 5,
                                    "expected at least five sample scripts in \(Self.samples.path)")
    }

    func testEveryExpectedFileHasAScript() {
        let scripts = Set(Self.names(in: Self.samples, suffix: ".gzq"))
        for name in Self.names(in: Self.expected, suffix: ".out") where !scripts.contains(name) {
            XCTFail("Samples/expected/\(name).out has no script Samples/\(name).gzq")
        }
    }

    func testSamplesMatchExpectedOutput() {
        for name in Self.names(in: Self.samples, suffix: ".gzq") {
            let expectedPath = Self.expected.appendingPathComponent(name + ".out").path
            guard let expected = try? String(contentsOfFile: expectedPath, encoding: .utf8) else {
                XCTFail("Samples/\(name).gzq has no expected output Samples/expected/\(name).out")
                continue
            }
            for engine in Engine.allCases {
                let got = Self.run("Samples/\(name).gzq", engine: engine)
                if got != expected {
                    XCTFail("Samples/\(name).gzq (engine \(engine.rawValue)) differs from Samples/expected/\(name).out\n"
                            + Self.firstDifference(expected: expected, got: got))
                }
            }
        }
    }

    /// The first differing line, with a little context, instead of two whole outputs.
    static func firstDifference(expected: String, got: String) -> String {
        let e = expected.components(separatedBy: "\n")
        let g = got.components(separatedBy: "\n")
        for i in 0..<max(e.count, g.count) {
            let a = i < e.count ? e[i] : "<end of output>"
            let b = i < g.count ? g[i] : "<end of output>"
            if a != b {
                let context = g[max(0, i - 2)..<min(g.count, i + 3)].joined(separator: "\n")
                return "line \(i + 1):\n  expected: \(a)\n  got:      \(b)\n--- got, around it:\n\(context)"
            }
        }
        return "(same lines; differs only in line endings)"
    }
}

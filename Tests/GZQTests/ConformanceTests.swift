import Foundation
import XCTest
@testable import GZQ

/// Runs every `.gzq` file under Tests/conformance (Crafting Interpreters style):
///
///     print(1 + 2)          # expect: 3
///     print(x)              # expect runtime error: undefined variable 'x'
///     let = 1               # expect error: expected name after 'let', found '='
///
/// `expect:` lines give stdout in order. `expect error:` lists every syntax/resolve error
/// (message and line); `expect runtime error:` the one runtime error that ends the run;
/// `expect warning: LINE: message` every warning the host receives (`check … warn`), in order
/// (with its line written out: several warnings may come from one line).
final class ConformanceTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testConformanceSuite() throws {
        let suite = Self.root.appendingPathComponent("Tests/conformance")
        let files = Self.gzqFiles(under: suite)
        XCTAssertGreaterThan(files.count, 0, "no conformance files found under \(suite.path)")
        var failures: [String] = []
        for file in files {
            let name = file.replacingOccurrences(of: Self.root.path + "/", with: "")
            // Every file runs under the tree-walker and with the fast path forced on; both must meet
            // the expectations, and their complete output (diagnostics included) must be identical.
            var transcripts: [Engine: String] = [:]
            for engine in [Engine.tree, .vector] {
                let (problem, transcript) = ConformanceCase(path: file).run(root: Self.root, engine: engine)
                transcripts[engine] = transcript
                if let problem { failures.append("\(name) [engine \(engine)]: \(problem)") }
            }
            if transcripts[.tree] != transcripts[.vector] {
                failures.append("\(name): engines differ\n--- tree\n\(transcripts[.tree] ?? "")\n--- vector\n\(transcripts[.vector] ?? "")")
            }
        }
        print("conformance: \(files.count - failures.count) passed, \(failures.count) failed")
        for failure in failures { XCTFail(failure) }
    }

    static func gzqFiles(under folder: URL) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".gzq") }.sorted().map { folder.path + "/" + $0 }
    }
}

/// One conformance file: its expectations and how to check them.
struct ConformanceCase {
    let path: String

    struct Expected {
        var output: [String] = []
        var errors: [(line: Int, message: String)] = []
        var runtimeError: (line: Int, message: String)?
        var warnings: [String] = []
    }

    func expectations(_ source: String) -> Expected {
        var expected = Expected()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") {
                expected.output.append(String(line[r.upperBound...]))
            } else if line.hasSuffix("# expect:") {
                expected.output.append("")
            } else if let r = line.range(of: "# expect runtime error: ") {
                expected.runtimeError = (index + 1, String(line[r.upperBound...]))
            } else if let r = line.range(of: "# expect error: ") {
                expected.errors.append((index + 1, String(line[r.upperBound...])))
            } else if let r = line.range(of: "# expect warning: ") {
                expected.warnings.append(String(line[r.upperBound...]))
            }
        }
        return expected
    }

    /// Nil when the file behaves as its comments say; otherwise what differed.
    func run(root: URL, engine: Engine = .tree) -> (problem: String?, transcript: String) {
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { return ("cannot read file", "") }
        let expected = expectations(source)
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted)
        host.engine = engine
        var warnings: [String] = [], renderedWarnings = ""
        host.diagnostics = { d in
            warnings.append("\(d.line): \(d.message)")
            renderedWarnings += DiagnosticRenderer.render(d)
        }
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("args", .list([]))
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var gotErrors: [(line: Int, message: String)] = []
        var gotRuntime: (line: Int, message: String)?
        var rendered = ""
        do {
            try interpreter.run(source, name: path)
        } catch let error as GZQError {
            let pairs = error.diagnostics.map { ($0.line, $0.message) }
            if error.kind == .syntax { gotErrors = pairs } else { gotRuntime = pairs.first }
            rendered = error.rendered
        } catch {
            return ("unexpected error \(error)", output)
        }
        var problems: [String] = []
        let lines = output.isEmpty ? [] : output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        if lines != expected.output {
            problems.append("output differs\n--- expected\n\(expected.output.joined(separator: "\n"))\n--- got\n\(lines.joined(separator: "\n"))")
        }
        if gotErrors.map({ "\($0.line): \($0.message)" }) != expected.errors.map({ "\($0.line): \($0.message)" }) {
            problems.append("syntax errors differ: expected \(expected.errors.map { "\($0.line): \($0.message)" }), got \(gotErrors.map { "\($0.line): \($0.message)" })")
        }
        if gotRuntime.map({ "\($0.line): \($0.message)" }) != expected.runtimeError.map({ "\($0.line): \($0.message)" }) {
            problems.append("runtime error differs: expected \(expected.runtimeError.map { "\($0.line): \($0.message)" } ?? "none"), got \(gotRuntime.map { "\($0.line): \($0.message)" } ?? "none")")
        }
        if warnings != expected.warnings {
            problems.append("warnings differ: expected \(expected.warnings), got \(warnings)")
        }
        return (problems.isEmpty ? nil : problems.joined(separator: "\n"), output + renderedWarnings + rendered)
    }
}

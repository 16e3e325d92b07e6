import Foundation
import XCTest
@testable import GZQ

/// docs/STDLIB.md is generated from `Interpreter.functionDocs` (the registration table's doc and
/// example columns, and the `##` comments of Stdlib/*.gzq), with every example run for real:
///
/// - every documented function has an example, and every example runs without error (each in
///   a fresh interpreter, with the fixture table `t` as a global);
/// - the committed docs/STDLIB.md is what the examples produce today. When it is stale the test
///   fails; `make docs` (`GZQ_UPDATE_DOCS=1 swift test --filter StdlibDocsTests`) rewrites it;
/// - the copy of Stdlib/*.gzq embedded in StdlibSources.swift matches the files.
final class StdlibDocsTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let markdownPath = root.appendingPathComponent("docs/STDLIB.md")

    /// The table `t` that examples may use: two prefectures over three years.
    static let fixtureSource = """
        table({region: ["贵阳市", "贵阳市", "贵阳市", "毕节市", "毕节市", "毕节市"], year: [2019, 2020, 2021, 2019, 2020, 2021], n: [1220, 1385, 1690, 860, 905, 1011], rate: [0.331, 0.4539, 0.6581, 0.52, 0.743, 0.832]})
        """

    /// What running one example gave: what it printed and its value (as `gzq -e` shows it), or an error.
    struct ExampleRun {
        var output = ""
        var error: String?
    }

    /// Runs `example` in a fresh interpreter inside a scratch folder that holds a copy of
    /// Samples/data (so reading and writing examples touch nothing in the repository).
    static func run(_ example: String, in folder: URL) -> ExampleRun {
        var run = ExampleRun()
        var printed = ""
        let host = HostConfiguration(output: { printed += $0 }, fileAccess: .folders([folder.path]))
        let interpreter = Interpreter(host: host)
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        do {
            interpreter.setGlobal("t", try interpreter.evaluate(fixtureSource))
            let value = try interpreter.run(example, name: "<example>")
            // Like the REPL: the value is shown, except the null of a statement that printed.
            let shown = value.isNull && !printed.isEmpty ? "" : OutputFormat.render(value, as: .table) + "\n"
            run.output = printed + shown
        } catch let error as GZQError {
            run.error = error.rendered
        } catch {
            run.error = "\(error)"
        }
        return run
    }

    static func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-docs-\(UUID().uuidString)")
        let data = folder.appendingPathComponent("Samples/data")
        try FileManager.default.createDirectory(at: data, withIntermediateDirectories: true)
        for name in ["review_cases.csv", "service_items.csv", "kindergartens.csv", "review_cases_gbk.csv", "review_cases.xlsx"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent("Samples/data/\(name)"), to: data.appendingPathComponent(name))
        }
        return folder
    }

    /// The file a gzq-written function is defined in, or nil for a native one.
    static func stdlibFile(of name: String) -> String? {
        StdlibSources.files.keys.sorted().first { file in
            StdlibSources.files[file]?.split(separator: "\n").contains { $0.hasPrefix("fn \(name)(") } ?? false
        }
    }

    /// docs/STDLIB.md as the examples produce it now.
    static func render(_ docs: [FunctionDoc], runs: [String: ExampleRun]) -> String {
        var md = """
            # gzq functions

            Every builtin and standard-library function, from `Interpreter.functionDocs` (the same text
            as `:help NAME` in the REPL). **Generated** by `Tests/GZQTests/StdlibDocsTests.swift`: run
            `make docs` after changing a function's documentation or example; do not edit by hand. Each
            example below was run, and the output shown is what it printed and returned.

            Functions marked *gzq* are written in gzq (`Stdlib/*.gzq`); the others are native. The
            aggregates (`sum`, `avg`, …) and window functions (`lag`, `rank`, …) are described here by
            their list forms and stage uses; REFERENCE §5 has the rules for stages.

            Examples that use `t` run with this table:

            ```
            let t = \(fixtureSource)
            ```

            ```
            \(OutputFormat.render((try? Interpreter().evaluate(fixtureSource)) ?? .null, as: .table))
            ```

            """
        md += "\n## Index\n\n"
        md += docs.map { "[`\($0.name)`](#\($0.name))" }.joined(separator: " · ") + "\n"
        for doc in docs {
            md += "\n<a id=\"\(doc.name)\"></a>\n### `\(doc.signature)`\n\n"
            if let file = stdlibFile(of: doc.name) { md += "*gzq, `Stdlib/\(file)`.* " }
            md += doc.summary.split(whereSeparator: \.isWhitespace).joined(separator: " ") + "\n\n"
            md += "```\ngzq> \(doc.example)\n\(runs[doc.name]?.output ?? "")```\n"
        }
        return md
    }

    func testEveryFunctionHasARunningExample() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = Interpreter.functionDocs
        XCTAssertGreaterThan(docs.count, 50)
        for doc in docs {
            XCTAssertFalse(doc.summary.isEmpty, "\(doc.name) has no documentation")
            guard !doc.example.isEmpty else {
                XCTFail("\(doc.name) has no example (the registration table's example column, or a `## example:` line)")
                continue
            }
            if let error = Self.run(doc.example, in: folder).error {
                XCTFail("the example of \(doc.name) fails: \(doc.example)\n\(error)")
            }
        }
    }

    func testStdlibMarkdownIsCurrent() throws {
        let folder = try Self.scratchFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let docs = Interpreter.functionDocs
        var runs: [String: ExampleRun] = [:]
        for doc in docs { runs[doc.name] = Self.run(doc.example, in: folder) }
        let markdown = Self.render(docs, runs: runs)
        if ProcessInfo.processInfo.environment["GZQ_UPDATE_DOCS"] == "1" {
            try markdown.write(to: Self.markdownPath, atomically: true, encoding: .utf8)
            print("wrote \(Self.markdownPath.path)")
            return
        }
        let committed = try? String(contentsOf: Self.markdownPath, encoding: .utf8)
        guard committed != markdown else { return }
        let old = committed?.split(separator: "\n", omittingEmptySubsequences: false) ?? []
        let new = markdown.split(separator: "\n", omittingEmptySubsequences: false)
        let first = (0..<min(old.count, new.count)).first { old[$0] != new[$0] } ?? min(old.count, new.count)
        XCTFail("""
            docs/STDLIB.md is stale: a function's documentation, example or output changed. Run `make docs` \
            (GZQ_UPDATE_DOCS=1 swift test --filter StdlibDocsTests) and commit the result.
            First difference at line \(first + 1):
              committed: \(first < old.count ? String(old[first]) : "<end of file>")
              generated: \(first < new.count ? String(new[first]) : "<end of file>")
            """)
    }

    /// StdlibSources.swift must embed exactly Stdlib/*.gzq (regenerate with docs/tools/gen_stdlib.py).
    func testEmbeddedStdlibMatchesFiles() throws {
        let folder = Self.root.appendingPathComponent("Stdlib")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".gzq") }.sorted()
        XCTAssertEqual(names, StdlibSources.files.keys.sorted(),
                       "Stdlib/*.gzq and StdlibSources.swift list different files: run `python3 docs/tools/gen_stdlib.py`")
        for name in names {
            var text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            while text.hasSuffix("\n") { text.removeLast() } // the generator drops trailing newlines
            XCTAssertTrue(StdlibSources.files[name] == text,
                          "Sources/GZQ/Stdlib/StdlibSources.swift is stale for Stdlib/\(name): run `python3 docs/tools/gen_stdlib.py`")
        }
    }
}

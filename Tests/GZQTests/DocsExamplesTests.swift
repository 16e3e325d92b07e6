import Foundation
import XCTest
@testable import GZQ

/// Every example in the hand-written documents (docs/REFERENCE.md, docs/zh/*.md) runs, and shows
/// what it really prints. An example is a fenced block tagged `gzq`, followed by a block tagged
/// `output` holding what the script prints (an error shows as its rendered diagnostic). Each runs
/// as a script in a fresh interpreter, in a scratch folder holding a copy of Samples/data, under
/// both engines. A `gzq` block with no `output` block after it is an error: no example goes
/// unchecked. `GZQ_UPDATE_DOCS=1` (`make docs`) rewrites the output blocks from the runs.
final class DocsExamplesTests: XCTestCase {
    static let root = StdlibDocsTests.root

    static func documents() -> [URL] {
        var files = [root.appendingPathComponent("docs/REFERENCE.md")]
        let zh = root.appendingPathComponent("docs/zh")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: zh.path)) ?? []
        files += names.filter { $0.hasSuffix(".md") }.sorted().map { zh.appendingPathComponent($0) }
        return files
    }

    /// One example: the script, and the line range of its output block's body in the document.
    struct Example {
        let source: String
        let line: Int
        let shown: String
        let outputLines: Range<Int>
    }

    /// The examples of a document, or a problem for a `gzq` block without an `output` block.
    static func examples(in lines: [String]) -> (examples: [Example], problems: [String]) {
        var examples: [Example] = []
        var problems: [String] = []
        var i = 0
        func block(from start: Int) -> (body: [String], end: Int)? {
            var j = start
            var body: [String] = []
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) != "```" { body.append(lines[j]); j += 1 }
            return j < lines.count ? (body, j) : nil
        }
        while i < lines.count {
            guard lines[i].trimmingCharacters(in: .whitespaces) == "```gzq" else { i += 1; continue }
            let startLine = i + 1
            guard let script = block(from: i + 1) else { problems.append("line \(startLine): unclosed gzq block"); break }
            var j = script.end + 1
            while j < lines.count, lines[j].trimmingCharacters(in: .whitespaces).isEmpty { j += 1 }
            guard j < lines.count, lines[j].trimmingCharacters(in: .whitespaces) == "```output",
                  let output = block(from: j + 1) else {
                problems.append("line \(startLine): a gzq example needs an ```output block right after it")
                i = script.end + 1
                continue
            }
            examples.append(Example(source: script.body.joined(separator: "\n"), line: startLine,
                                    shown: output.body.joined(separator: "\n"), outputLines: (j + 1)..<output.end))
            i = output.end + 1
        }
        return (examples, problems)
    }

    /// What a script prints, as the `gzq` command shows it (an error after what was printed).
    static func run(_ source: String, in folder: URL, engine: Engine, language: Language = .en) -> String {
        var printed = ""
        let host = HostConfiguration(output: { printed += $0 }, fileAccess: .folders([folder.path]))
        host.engine = engine
        host.language = language
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("args", .list([]))
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(folder.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        do {
            _ = try interpreter.run(source, name: "example.gzq")
        } catch let error as GZQError {
            printed += error.rendered + "\n"
        } catch {
            printed += "\(error)\n"
        }
        return printed.hasSuffix("\n") ? String(printed.dropLast()) : printed
    }

    func testEveryDocumentExampleShowsItsOutput() throws {
        let update = ProcessInfo.processInfo.environment["GZQ_UPDATE_DOCS"] == "1"
        var checked = 0
        for document in Self.documents() {
            let name = document.path.replacingOccurrences(of: Self.root.path + "/", with: "")
            guard let text = try? String(contentsOf: document, encoding: .utf8) else {
                XCTFail("\(name): cannot read it")
                continue
            }
            var lines = text.components(separatedBy: "\n")
            let (examples, problems) = Self.examples(in: lines)
            for problem in problems { XCTFail("\(name):\(problem)") }
            XCTAssertFalse(examples.isEmpty, "\(name) has no checked example")
            // Rewriting goes from the last example up, so earlier line ranges stay valid.
            for example in examples.reversed() {
                let folder = try StdlibDocsTests.scratchFolder()
                defer { try? FileManager.default.removeItem(at: folder) }
                // The Chinese documents show the Chinese messages (issue 17).
                let language: Language = name.hasPrefix("docs/zh/") ? .zh : .en
                let tree = Self.run(example.source, in: folder, engine: .tree, language: language)
                let vector = Self.run(example.source, in: folder, engine: .vector, language: language)
                XCTAssertEqual(tree, vector, "\(name):\(example.line): the engines differ")
                checked += 1
                if update {
                    lines.replaceSubrange(example.outputLines, with: tree.components(separatedBy: "\n"))
                } else if tree != example.shown {
                    XCTFail("\(name):\(example.line): the example prints\n\(tree)\nbut the document shows\n\(example.shown)\n(run `make docs` and review the difference)")
                }
            }
            if update { try lines.joined(separator: "\n").write(to: document, atomically: true, encoding: .utf8) }
        }
        print("docs examples: \(checked) checked")
    }
}

import XCTest
@testable import GZQ

/// The folder layering of docs/ARCHITECTURE.md §1: Values/ is the leaf every layer uses,
/// Syntax/ uses nothing of the evaluator or the tables, and Table/ nothing of the evaluator.
/// A type counts as used when its name appears in code (comments and string literals removed).
final class LayeringTests: XCTestCase {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/GZQ")

    /// folder → folders whose types it must not name.
    static let forbidden: [String: [String]] = [
        "Values": ["Syntax", "Binding", "Runtime", "Pipeline", "Vector", "Plan", "Table", "Stdlib", "API", "Chart", "Office", "SQL", "Messages"],
        "Messages": ["Syntax", "Binding", "Runtime", "Pipeline", "Vector", "Plan", "Table", "Stdlib", "API", "Chart", "Office", "SQL"],
        "Syntax": ["Binding", "Runtime", "Pipeline", "Vector", "Plan", "Table", "Stdlib", "API", "Chart", "Office", "SQL"],
        "Table": ["Binding", "Runtime", "Pipeline", "Vector", "Plan", "Stdlib", "API", "Chart", "Office", "SQL"],
    ]

    /// `Value`'s reference cases name the objects they hold; nothing else in Values/ may.
    static let allowed: Set<String> = ["Values/Value.swift: Table", "Values/Value.swift: Function", "Values/Value.swift: Chart",
                                       "Values/Value.swift: DatabaseHandle", "Values/Value.swift: RemoteTable"]

    func testFoldersUseOnlyTheLayersBelowThem() throws {
        var declared: [String: Set<String>] = [:]
        var code: [String: [(file: String, text: String)]] = [:]
        let declaration = try NSRegularExpression(pattern: #"^\s*(?:(?:public|internal|private|fileprivate|final|indirect|@\w+)\s+)*(?:class|struct|enum|protocol|typealias|actor)\s+(\w+)"#, options: .anchorsMatchLines)
        let folders = try FileManager.default.contentsOfDirectory(atPath: Self.sources.path)
        for folder in folders {
            guard let walker = FileManager.default.enumerator(atPath: Self.sources.appendingPathComponent(folder).path) else { continue }
            for case let path as String in walker where path.hasSuffix(".swift") {
                let text = try String(contentsOf: Self.sources.appendingPathComponent(folder).appendingPathComponent(path), encoding: .utf8)
                let range = NSRange(text.startIndex..., in: text)
                for match in declaration.matches(in: text, range: range) {
                    declared[folder, default: []].insert(String(text[Range(match.range(at: 1), in: text)!]))
                }
                code[folder, default: []].append((folder + "/" + path, Self.withoutCommentsAndStrings(text)))
            }
        }
        XCTAssertFalse(declared["Values", default: []].isEmpty, "Values/ declares no types: is the folder there?")
        var violations: [String] = []
        for (folder, below) in Self.forbidden {
            let own = declared[folder, default: []]
            for other in below {
                for name in declared[other, default: []] where !own.contains(name) {
                    let word = try NSRegularExpression(pattern: "\\b" + NSRegularExpression.escapedPattern(for: name) + "\\b")
                    for file in code[folder, default: []] where !Self.allowed.contains("\(file.file): \(name)") {
                        if word.firstMatch(in: file.text, range: NSRange(file.text.startIndex..., in: file.text)) != nil {
                            violations.append("\(file.file) uses \(other)/\(name)")
                        }
                    }
                }
            }
        }
        XCTAssertEqual(violations.sorted(), [], "layering broken")
    }

    /// The lexer's keywords and the formatters' reserved words are one list.
    func testReservedWordsAreTheLexersKeywords() {
        XCTAssertEqual(Set(Token.keywords.keys), Identifier.reservedWords)
    }

    func testNoSourceFileIsLongerThanItsLimit() throws {
        // Generated data and embedded sources are exempt: nobody reads them as code.
        let generated: Set<String> = ["Stdlib/PinyinTable.swift", "Stdlib/StdlibSources.swift",
                                      "Messages/MessageCatalogue.swift"]  // the message table: one row per id
        var long: [String] = []
        let walker = try XCTUnwrap(FileManager.default.enumerator(atPath: Self.sources.path))
        for case let path as String in walker where path.hasSuffix(".swift") && !generated.contains(path) {
            let lines = try String(contentsOf: Self.sources.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).count
            if lines > 520 { long.append("\(path): \(lines) lines") }
        }
        XCTAssertEqual(long, [], "split these by idea (limit about 500 lines)")
    }

    static func withoutCommentsAndStrings(_ text: String) -> String {
        var out = ""
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var kept = Substring(line)
            if let comment = kept.range(of: "//") { kept = kept[..<comment.lowerBound] }
            out += kept.replacingOccurrences(of: #""(?:\\.|[^"\\])*""#, with: "\"\"", options: .regularExpression) + "\n"
        }
        return out
    }
}

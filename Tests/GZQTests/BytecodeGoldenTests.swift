import Foundation
import Testing
import GZQ

struct BytecodeGoldenTests {
    // The vector compiler's output pinned: each Tests/golden/bytecode/NAME.gzq is run as the
    // REPL's `:bytecode` runs it (`Interpreter.bytecode(for:)`, fast path forced on) and its
    // disassembly must equal NAME.txt byte for byte; a mismatch shows `diff -u` of the two.
    // When the compiler changes on purpose, `make golden` (GZQ_UPDATE_GOLDEN=1) rewrites every
    // .txt; review the rewrite with `git diff Tests/golden`.
    // (Inside the suite: Swift Testing repeats the comment above a suite under each failure.)
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("golden/bytecode")
    static let updating = ProcessInfo.processInfo.environment["GZQ_UPDATE_GOLDEN"] == "1"

    static func files(_ suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }.sorted()
    }

    static let cases = files(".gzq")

    @Test(arguments: cases)
    func disassemblyMatchesGolden(_ name: String) throws {
        let source = try String(contentsOf: Self.folder.appendingPathComponent(name + ".gzq"), encoding: .utf8)
        let listing = try Interpreter(host: HostConfiguration()).bytecode(for: source) + "\n"
        let golden = Self.folder.appendingPathComponent(name + ".txt")
        if Self.updating {
            try listing.write(to: golden, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: golden, encoding: .utf8) else {
            Issue.record("Tests/golden/bytecode/\(name).txt is missing; `make golden` writes it")
            return
        }
        if listing != expected {
            Issue.record("Tests/golden/bytecode/\(name).txt differs from the compiler's output (`make golden` rewrites it):\n\(try Self.diff(expected: golden, actual: listing))")
        }
    }

    /// Every golden belongs to a case (a renamed or deleted .gzq leaves no stale .txt), and
    /// the five pipelines of issue 11 are there.
    @Test func everyGoldenHasItsPipeline() {
        #expect(Self.cases.count >= 5, "only \(Self.cases) under \(Self.folder.path)")
        if !Self.updating { #expect(Set(Self.files(".txt")) == Set(Self.cases)) }
    }

    /// `diff -u` of the golden file and the actual listing (written to a temporary file).
    static func diff(expected: URL, actual: String) throws -> String {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-golden-\(UUID().uuidString).txt")
        try actual.write(to: temporary, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: temporary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/diff")
        process.arguments = ["-u", "--label", "golden", "--label", "actual", expected.path, temporary.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return text
    }
}

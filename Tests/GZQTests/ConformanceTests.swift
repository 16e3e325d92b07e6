import Foundation
import Testing
@testable import GZQ

@Suite(.serialized)
struct ConformanceTests {
    // Every `.gzq` file under Tests/conformance (any folder, found when the tests start) is one
    // test case of `conformance(_:)`, reported by its path (`ConformanceCase` has the format).
    // Each file runs under the tree-walker and with the fast path forced on; both must meet the
    // expectations, and their complete output (diagnostics included) must be byte-identical.
    //
    // Swift Testing, not XCTest: XCTest on Linux cannot make a test per file at run time, and a
    // parameterized test reports each argument on its own. `swift test --filter` selects tests,
    // not arguments, so one file (or folder) is chosen with GZQ_CONFORMANCE, a path substring:
    //     GZQ_CONFORMANCE=tables/where/ swift test --filter ConformanceTests
    // Serialized: a case changes the working directory (files name their data relative to the
    // package root), and the time-limit files want the machine to themselves.
    // (Inside the suite: Swift Testing repeats the comment above a suite under each failure.)
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let suite = root.appendingPathComponent("Tests/conformance")

    /// Every conformance file, as a path relative to Tests/conformance, sorted.
    static let discovered: [ConformanceFile] = {
        guard let enumerator = FileManager.default.enumerator(atPath: suite.path) else { return [] }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".gzq") }.sorted().map(ConformanceFile.init)
    }()

    /// The files this run checks: all of them, or those whose path contains GZQ_CONFORMANCE.
    static let selected: [ConformanceFile] = {
        guard var pattern = ProcessInfo.processInfo.environment["GZQ_CONFORMANCE"], !pattern.isEmpty else { return discovered }
        // A path from the package root (`make conformance FILE=Tests/conformance/x/y.gzq`) works too.
        if let r = pattern.range(of: "Tests/conformance/") { pattern = String(pattern[r.upperBound...]) }
        return discovered.filter { $0.path.contains(pattern) }
    }()

    @Test(arguments: selected)
    func conformance(_ file: ConformanceFile) {
        let path = Self.suite.path + "/" + file.path
        let location = SourceLocation(fileID: "conformance/\(file.path)", filePath: path, line: 1, column: 1)
        var transcripts: [Engine: String] = [:]
        for engine in [Engine.tree, .vector] {
            let (problem, transcript) = ThrownErrorBacktraces.suspended { ConformanceCase(path: path).run(root: Self.root, engine: engine) }
            transcripts[engine] = transcript
            if let problem { Issue.record("\(file.path) [engine \(engine)]: \(problem)", sourceLocation: location) }
        }
        if transcripts[.tree] != transcripts[.vector] {
            Issue.record("\(file.path): engines differ\n--- tree\n\(transcripts[.tree] ?? "")\n--- vector\n\(transcripts[.vector] ?? "")",
                         sourceLocation: location)
        }
        // Threads never change a result: the fast path again on 2 and 4 threads, its steps cut
        // into morsels of a few rows so that even these small tables are split between them.
        for split in Self.splits {
            let (_, transcript) = ThrownErrorBacktraces.suspended { ConformanceCase(path: path).run(root: Self.root, engine: .vector, split: split) }
            if transcript != transcripts[.vector] {
                Issue.record("\(file.path): \(split.threads) thread(s) (morsels of \(split.morselRows) rows) differ from one\n--- one thread\n\(transcripts[.vector] ?? "")\n--- \(split.threads) thread(s)\n\(transcript)",
                             sourceLocation: location)
            }
        }
    }

    static let splits = [(threads: 1, morselRows: 1), (threads: 2, morselRows: 1), (threads: 4, morselRows: 3)]

    /// The parameterized test runs exactly the files on disk: `find` lists them independently
    /// (following symbolic links, any case of the extension), so a file the enumerator missed,
    /// or one named `.GZQ` that would be skipped, fails here instead of silently not running.
    @Test func everyFileOnDiskIsACase() throws {
        let find = Process()
        find.executableURL = URL(fileURLWithPath: "/usr/bin/find")
        find.arguments = ["-L", Self.suite.path, "-type", "f", "-iname", "*.gzq"]
        let pipe = Pipe()
        find.standardOutput = pipe
        try find.run()
        let listing = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        find.waitUntilExit()
        #expect(find.terminationStatus == 0)
        let onDisk = Set(listing.split(separator: "\n").map { String($0.dropFirst(Self.suite.path.count + 1)) })
        let cases = Self.discovered.map(\.path)
        #expect(cases.count > 600, "only \(cases.count) conformance files found under \(Self.suite.path)")
        #expect(Set(cases).count == cases.count)
        #expect(onDisk.subtracting(cases).sorted() == [], "on disk but not run")
        #expect(Set(cases).subtracting(onDisk).sorted() == [], "run but not on disk")
        #expect(!Self.selected.isEmpty, "GZQ_CONFORMANCE=\(ProcessInfo.processInfo.environment["GZQ_CONFORMANCE"] ?? "") matches no file")
    }
}

/// A conformance file, named by its path under Tests/conformance in test reports.
struct ConformanceFile: Sendable, Hashable, CustomTestStringConvertible {
    let path: String
    var testDescription: String { path }
}


import Foundation
import XCTest
@testable import GZQ

/// The file sandbox (REFERENCE §12, docs/ARCHITECTURE.md §4): no file access unless the host grants folders,
/// and neither `..` nor symbolic links reach outside a granted folder — for reading,
/// writing (also files that do not exist yet) and `import`; the same through the CLI.
///
/// Layout built for each test under a fresh temporary folder ROOT:
///
///     ROOT/outside.csv, ROOT/outside.gzq           not granted
///     ROOT/granted/in.csv, lib.gzq                 granted
///     ROOT/granted/link_out.csv -> ../outside.csv  escapes
///     ROOT/granted/link_in.csv  -> in.csv          stays inside
///     ROOT/granted/dirlink      -> ROOT            escapes through a folder
///     ROOT/granted/dangling.csv -> ROOT/new.csv    escapes when written (target missing)
///     ROOT/granted/loop_a <-> loop_b               a link loop
///     ROOT/granted_not/x.csv                       shares the granted folder's prefix
final class SandboxTests: XCTestCase {
    private var root = ""
    private var granted: String { root + "/granted" }

    override func setUpWithError() throws {
        let fm = FileManager.default
        let base = fm.temporaryDirectory.appendingPathComponent("gzq-sandbox-\(UUID().uuidString)").path
        try fm.createDirectory(atPath: base + "/granted", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: base + "/granted_not", withIntermediateDirectories: true)
        // The canonical spelling of ROOT, in case the temporary folder itself is behind a link.
        root = HostConfiguration.canonicalize(base) ?? base
        let csv = "region,n\n贵阳市,3\n"
        try csv.write(toFile: root + "/outside.csv", atomically: true, encoding: .utf8)
        try csv.write(toFile: granted + "/in.csv", atomically: true, encoding: .utf8)
        try csv.write(toFile: root + "/granted_not/x.csv", atomically: true, encoding: .utf8)
        try "let secret = 42\n".write(toFile: root + "/outside.gzq", atomically: true, encoding: .utf8)
        try "let shared = 7\n".write(toFile: granted + "/lib.gzq", atomically: true, encoding: .utf8)
        try fm.createSymbolicLink(atPath: granted + "/link_out.csv", withDestinationPath: "../outside.csv")
        try fm.createSymbolicLink(atPath: granted + "/link_in.csv", withDestinationPath: "in.csv")
        try fm.createSymbolicLink(atPath: granted + "/dirlink", withDestinationPath: root)
        try fm.createSymbolicLink(atPath: granted + "/dangling.csv", withDestinationPath: root + "/new.csv")
        try fm.createSymbolicLink(atPath: granted + "/loop_a", withDestinationPath: "loop_b")
        try fm.createSymbolicLink(atPath: granted + "/loop_b", withDestinationPath: "loop_a")
        let folder = root
        addTeardownBlock { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// An interpreter with the given access, the file builtins and a table `t`.
    private func interpreter(_ access: FileAccess) throws -> Interpreter {
        let gzq = Interpreter(host: HostConfiguration(fileAccess: access))
        // The file builtins are bound explicitly, so this test does not depend on whether
        // `Builtins.all` lists them (the CLI test below checks the real registration).
        for builtin in Builtins.io + Builtins.output where !gzq.builtinNames.contains(builtin.name) {
            gzq.setGlobal(builtin.name, .function(builtin.function))
        }
        gzq.setGlobal("t", .table(try Table(columns: [("a", [1, 2])])))
        return gzq
    }

    /// The error `source` must end with.
    private func refusal(_ gzq: Interpreter, _ source: String, file: StaticString = #filePath, line: UInt = #line) -> Diagnostic? {
        do {
            let value = try gzq.run(source, name: "sandbox.gzq")
            XCTFail("expected a refusal, got \(value)", file: file, line: line)
        } catch let error as GZQError {
            return error.diagnostics.first
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
        }
        return nil
    }

    private func readCSV(_ path: String) -> String { "read_csv(\"\(path)\") | len" }

    // MARK: - Default: nothing

    func testDefaultHostGrantsNoFileAccess() throws {
        let gzq = try interpreter(.none)
        let d = refusal(gzq, readCSV(granted + "/in.csv"))
        XCTAssertEqual(d?.category, "E-permission")
        XCTAssertEqual(d?.message, "permission denied: '\(granted)/in.csv': file access is not allowed (the host granted no folders)")
        XCTAssertEqual(d?.line, 1)
        XCTAssertEqual(d?.column, 1)
        XCTAssertEqual(refusal(gzq, readCSV("/etc/passwd"))?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, "read_json(\"x.json\")")?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, "write_csv(t, \"\(granted)/out.csv\")")?.category, "E-permission")
        XCTAssertFalse(FileManager.default.fileExists(atPath: granted + "/out.csv"))
        // Even the default `Interpreter()` (no host given) has no file access.
        XCTAssertEqual(Interpreter().host.fileAccess.isNone, true)
    }

    // MARK: - Granted folders

    func testGrantedFolderWorks() throws {
        let gzq = try interpreter(.folders([granted]))
        XCTAssertEqual(try gzq.run(readCSV(granted + "/in.csv")).asInt, 1)
        XCTAssertEqual(try gzq.run(readCSV(granted + "/./in.csv")).asInt, 1)
        XCTAssertEqual(try gzq.run(readCSV(granted + "/dirlink/granted/in.csv")).asInt, 1, "a detour that ends inside is fine")
        XCTAssertEqual(try gzq.run(readCSV(granted + "/link_in.csv")).asInt, 1, "a link to a file inside is fine")
        try gzq.run("write_csv(t, \"\(granted)/written.csv\")")
        XCTAssertTrue(FileManager.default.fileExists(atPath: granted + "/written.csv"))
        // A granted folder given through `..` or a link is canonicalized too.
        XCTAssertEqual(try interpreter(.folders([granted + "/../granted"])).run(readCSV(granted + "/in.csv")).asInt, 1)
        XCTAssertEqual(try interpreter(.folders([granted + "/dirlink/granted"])).run(readCSV(granted + "/in.csv")).asInt, 1)
    }

    func testDotDotCannotLeaveAGrantedFolder() throws {
        let gzq = try interpreter(.folders([granted]))
        let d = refusal(gzq, readCSV(granted + "/../outside.csv"))
        XCTAssertEqual(d?.category, "E-permission")
        XCTAssertEqual(d?.message, "permission denied: '\(granted)/../outside.csv' is outside the folders this program may use")
        XCTAssertEqual(refusal(gzq, readCSV(granted + "/missing/../../outside.csv"))?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, readCSV(root + "/granted_not/x.csv"))?.category, "E-permission", "a shared prefix is not inside")
        XCTAssertEqual(refusal(gzq, "write_csv(t, \"\(granted)/../escape.csv\")")?.category, "E-permission")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/escape.csv"))
    }

    func testRelativePathsAreResolvedAgainstTheWorkingDirectory() throws {
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        let gzq = try interpreter(.folders(["granted"]))
        XCTAssertEqual(try gzq.run(readCSV("granted/in.csv")).asInt, 1)
        XCTAssertEqual(refusal(gzq, readCSV("granted/../outside.csv"))?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, readCSV("outside.csv"))?.category, "E-permission")
    }

    func testSymbolicLinksCannotLeaveAGrantedFolder() throws {
        let gzq = try interpreter(.folders([granted]))
        XCTAssertEqual(refusal(gzq, readCSV(granted + "/link_out.csv"))?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, readCSV(granted + "/dirlink/outside.csv"))?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, readCSV(granted + "/dirlink/granted/../outside.csv"))?.category, "E-permission")
        // `..` after a link applies to the link's target, as the kernel does: dirlink/.. is ROOT's parent.
        XCTAssertEqual(refusal(gzq, readCSV(granted + "/dirlink/../x.csv"))?.category, "E-permission")
        let loop = refusal(gzq, readCSV(granted + "/loop_a"))
        XCTAssertEqual(loop?.category, "E-permission")
        XCTAssertTrue(loop?.message.contains("too many levels of symbolic links") ?? false, loop?.message ?? "")
    }

    func testWritingThroughALinkToAFileThatDoesNotExistYetIsRefused() throws {
        let gzq = try interpreter(.folders([granted]))
        XCTAssertEqual(refusal(gzq, "write_csv(t, \"\(granted)/dangling.csv\")")?.category, "E-permission")
        XCTAssertEqual(refusal(gzq, "write_json(t, \"\(granted)/dirlink/new.json\")")?.category, "E-permission")
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/new.csv"))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root + "/new.json"))
        XCTAssertEqual(refusal(gzq, "write_csv(t, \"\(granted)/link_out.csv\")")?.category, "E-permission")
        XCTAssertEqual(try String(contentsOfFile: root + "/outside.csv", encoding: .utf8), "region,n\n贵阳市,3\n", "not overwritten")
    }

    func testCanonicalize() {
        XCTAssertEqual(HostConfiguration.canonicalize("/a/b/../c/./d"), "/a/c/d")
        XCTAssertEqual(HostConfiguration.canonicalize("/../.."), "/")
        XCTAssertEqual(HostConfiguration.canonicalize(granted + "/link_in.csv"), granted + "/in.csv")
        XCTAssertEqual(HostConfiguration.canonicalize(granted + "/link_out.csv"), root + "/outside.csv")
        XCTAssertEqual(HostConfiguration.canonicalize(granted + "/dangling.csv"), root + "/new.csv")
        XCTAssertEqual(HostConfiguration.canonicalize(granted + "/dirlink/granted/not/yet.csv"), granted + "/not/yet.csv")
        XCTAssertNil(HostConfiguration.canonicalize(granted + "/loop_a"))
        XCTAssertTrue(HostConfiguration.isInside("/data", "/"))
        XCTAssertFalse(HostConfiguration.isInside("/data2/x", "/data"))
    }

    // MARK: - import

    func testImportRespectsTheSandbox() throws {
        let none = try interpreter(.none)
        XCTAssertEqual(refusal(none, "import \"\(granted)/lib.gzq\"")?.message.contains("permission denied"), true)

        let gzq = try interpreter(.folders([granted]))
        XCTAssertEqual(try gzq.run("import \"\(granted)/lib.gzq\"\nshared").asInt, 7)
        let escaped = refusal(gzq, "import \"\(granted)/../outside.gzq\"\nsecret")
        XCTAssertTrue(escaped?.message.contains("permission denied") ?? false, escaped?.message ?? "")
        // Relative to the importing file, which is inside; the import itself is not.
        let relative = refusal(gzq, "import \"../outside.gzq\"\nsecret")
        XCTAssertTrue(relative?.message.contains("permission denied") ?? false, relative?.message ?? "")
        try "import \"../outside.gzq\"\n".write(toFile: granted + "/sneaky.gzq", atomically: true, encoding: .utf8)
        let nested = refusal(gzq, "import \"\(granted)/sneaky.gzq\"")
        XCTAssertTrue(nested?.message.contains("permission denied") ?? false, nested?.message ?? "")
    }

    // MARK: - The CLI

    /// The built `gzq` executable (next to the test bundle in the build folder).
    private func gzqExecutable() throws -> String {
        let folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for candidate in [folder, folder.deletingLastPathComponent()] {
            let path = candidate.appendingPathComponent("gzq").path
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        throw MissingPrerequisite("the gzq executable was not found next to \(CommandLine.arguments[0]) (make test builds it)")
    }

    private func runCLI(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try gzqExecutable())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testCLISandboxOption() throws {
        let inside = try runCLI(["--sandbox", "granted", "-e", readCSV("granted/in.csv")])
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertEqual(inside.stdout, "1\n")
        for path in ["granted/../outside.csv", "granted/link_out.csv", "outside.csv", "granted/dirlink/outside.csv"] {
            let refused = try runCLI(["--sandbox", "granted", "-e", readCSV(path)])
            XCTAssertEqual(refused.status, 1, path)
            XCTAssertTrue(refused.stderr.hasPrefix("error[E0852]: permission denied: '\(path)'"), refused.stderr)
        }
        // Without --sandbox the CLI grants everything, as any scripting language does.
        XCTAssertEqual(try runCLI(["-e", readCSV("outside.csv")]).stdout, "1\n")
    }

    func testCLILimitOptions() throws {
        let steps = try runCLI(["--max-steps", "1000", "-e", "while true {}"])
        XCTAssertEqual(steps.status, 1)
        XCTAssertTrue(steps.stderr.hasPrefix("error[E0802]: step limit exceeded (1000 steps)"), steps.stderr)
        let time = try runCLI(["--timeout", "0.3", "-e", "while true {}"])
        XCTAssertEqual(time.status, 1)
        XCTAssertTrue(time.stderr.hasPrefix("error[E0803]: time limit exceeded (0.3 s)"), time.stderr)
        let memory = try runCLI(["--max-memory", "1", "-e", "let xs = 1..60000\ntable({a: xs, b: xs, c: xs}) | len"])
        XCTAssertEqual(memory.status, 1)
        XCTAssertTrue(memory.stderr.hasPrefix("error[E0805]: memory limit exceeded"), memory.stderr)
        XCTAssertEqual(try runCLI(["--max-memory", "100", "-e", "table({a: 1..300000}) | len"]).stdout, "300000\n")
    }
}

extension FileAccess {
    fileprivate var isNone: Bool {
        if case .none = self { return true }
        return false
    }
}

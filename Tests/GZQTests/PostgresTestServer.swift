import Foundation
import XCTest
@testable import GZQ

/// The throwaway PostgreSQL server of the tests: `make test` starts it (Tests/pg/cluster.sh
/// run) and exports its libpq keyword string as GZQ_TEST_PG. Without it the tests fail
/// with this explanation; they never skip.
enum PostgresTestServer {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let clusterScript = root.appendingPathComponent("Tests/pg/cluster.sh").path

    static func conninfo() throws -> String {
        guard let conninfo = ProcessInfo.processInfo.environment["GZQ_TEST_PG"], !conninfo.isEmpty else {
            throw MissingPrerequisite("GZQ_TEST_PG is not set: the PostgreSQL tests need the throwaway server that `make test` starts "
                + "(or run them as: Tests/pg/cluster.sh run swift test --filter Postgres)")
        }
        return conninfo
    }

    static func connect() throws -> PostgresDatabase {
        try PostgresDatabase(url: conninfo())
    }

    /// A table name no other test uses, Chinese and a quote included.
    static func uniqueName(_ base: String) -> String {
        "\(base)\"表_\(UUID().uuidString.prefix(8))"
    }

    /// Runs `Tests/pg/cluster.sh ARGS` and returns its standard output (through a file, so no
    /// descriptor of ours can outlive the call in the server it starts).
    static func cluster(_ arguments: [String]) throws -> String {
        let outputFile = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-pg-\(UUID().uuidString).out")
        FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: outputFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [clusterScript] + arguments
        let handle = try FileHandle(forWritingTo: outputFile)
        process.standardOutput = handle
        try process.run()
        process.waitUntilExit()
        try handle.close()
        let data = try Data(contentsOf: outputFile)
        guard process.terminationStatus == 0 else {
            throw MissingPrerequisite("Tests/pg/cluster.sh \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// Asserts that `body` throws a `DatabaseError` of `kind` and returns it.
@discardableResult
func assertDatabaseError<T>(_ kind: DatabaseError.Kind, file: StaticString = #filePath, line: UInt = #line, _ body: () throws -> T) -> DatabaseError? {
    do {
        _ = try body()
        XCTFail("expected a \(kind) error, got a result", file: file, line: line)
    } catch let error as DatabaseError {
        XCTAssertEqual(error.kind, kind, "message: \(error.message)", file: file, line: line)
        return error
    } catch {
        XCTFail("expected a DatabaseError, got \(error)", file: file, line: line)
    }
    return nil
}

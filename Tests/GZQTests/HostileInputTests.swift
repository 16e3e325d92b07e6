import Foundation
import XCTest
@testable import GZQ

/// Hostile input (docs/RELIABILITY.md): what the fuzzers found that a conformance file cannot
/// express (bytes that are not UTF-8, input that ends inside an escape, resource limits a
/// conformance run does not set), and a replay of every saved fuzzer input.
final class HostileInputTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The limits FuzzInterpreter runs under (Fuzz/Sources/FuzzInterpreter).
    static let fuzzLimits = Limits(maxCallDepth: 200, maxSteps: 50_000, maxMemoryBytes: 32 << 20, timeout: 0.5)

    // MARK: - Saved fuzzer inputs

    /// Every input under Tests/fuzz-regressions/<target>/ once crashed, hung or tripped a check
    /// in that fuzz target; each must now run through the same entry point cleanly (a crash
    /// here kills the test run, which is the failure).
    func testSavedFuzzerInputsRunCleanly() throws {
        let folder = Self.root.appendingPathComponent("Tests/fuzz-regressions")
        var replayed = 0
        for target in ["FuzzParse", "FuzzCSV", "FuzzInterpreter"] {
            let dir = folder.appendingPathComponent(target)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
            for name in names.sorted() {
                let bytes = Array(try Data(contentsOf: dir.appendingPathComponent(name)))
                switch target {
                case "FuzzParse": _ = FuzzingEntryPoints.parse(bytes)
                case "FuzzCSV": _ = FuzzingEntryPoints.readCSV(bytes)
                default:
                    let host = HostConfiguration(limits: Self.fuzzLimits)
                    for engine in [Engine.tree, .vector] {
                        host.engine = engine
                        do { try Interpreter(host: host).run(String(decoding: bytes, as: UTF8.self), name: "<fuzz>") } catch is GZQError {}
                    }
                }
                replayed += 1
            }
        }
        XCTAssertGreaterThan(replayed, 0, "no saved fuzzer inputs under \(folder.path)")
    }

    // MARK: - Lexer

    private func syntaxErrors(_ bytes: [UInt8]) -> [SyntaxError] {
        let file = SourceFile(name: "<test>", bytes: bytes)
        return Parser.parseProgram(file, file: 0).errors
    }

    /// Found by FuzzParse: a backslash as the very last byte, inside a string, stepped past the
    /// end of the input, so the "unterminated string" error spanned bytes that do not exist.
    func testBackslashAtEndOfInputKeepsErrorSpansInsideTheSource() {
        for source in ["print(\"a\\", "\"\\", "print(\"\\(\"\\", "\"\\(\"\\(\"\\"] {
            let bytes = Array(source.utf8)
            let errors = syntaxErrors(bytes)
            XCTAssertFalse(errors.isEmpty, source)
            for error in errors {
                XCTAssertLessThanOrEqual(Int(error.span.end), bytes.count, "\(source): \(error.message)")
                XCTAssertLessThanOrEqual(error.span.start, error.span.end, source)
            }
        }
        XCTAssertEqual(syntaxErrors(Array("print(\"a\\".utf8)).map(\.message), ["unterminated string"])
    }

    func testInvalidUTF8InSourceNamesTheByteOffset() {
        let bytes = Array("print(\"ok\")\nlet caf".utf8) + [0xE9] + Array(" = 1\n".utf8)
        XCTAssertEqual(syntaxErrors(bytes).map(\.message), ["invalid UTF-8 byte 0xE9 at byte offset 19"])
        XCTAssertEqual(SourceFile.invalidUTF8Description(bytes), "byte 0xE9 at byte offset 19 (line 2, column 8)")
        XCTAssertNil(SourceFile.invalidUTF8Description(Array("贵阳市 = 1".utf8)))
        // Truncated sequence at the very end, and a lone continuation byte at the start.
        XCTAssertEqual(SourceFile.invalidUTF8Description(Array(Array("x = \"贵".utf8).dropLast())), "byte 0xE8 at byte offset 5 (line 1, column 6)")
        XCTAssertEqual(SourceFile.invalidUTF8Description([0x80]), "byte 0x80 at byte offset 0 (line 1, column 1)")
    }

    // MARK: - Memory limit for strings and lists

    private func limitError(_ source: String, limit: Int = 1 << 20, file: StaticString = #filePath, line: UInt = #line) -> GZQError? {
        let gzq = Interpreter(host: HostConfiguration(limits: Limits(maxMemoryBytes: limit)))
        do {
            try gzq.run(source)
            XCTFail("no error", file: file, line: line)
            return nil
        } catch let error as GZQError {
            XCTAssertEqual(error.category, "E-limit", error.message, file: file, line: line)
            return error
        } catch {
            XCTFail("\(error)", file: file, line: line)
            return nil
        }
    }

    func testStringDoubledPastTheMemoryLimitIsAnError() {
        let error = limitError("let s = \"ab\"\nwhile true { s = s + s }")
        XCTAssertEqual(error?.message, "memory limit exceeded (a string of 2 MB, limit 1 MB)")
        XCTAssertEqual(error?.diagnostics.first?.line, 2)
    }

    func testListDoubledPastTheMemoryLimitIsAnError() {
        let error = limitError("let xs = [1, 2]\nwhile true { xs = xs + xs }")
        XCTAssertEqual(error?.message.hasPrefix("memory limit exceeded (a list of "), true, error?.message ?? "")
    }

    func testInterpolationReplaceAndConcatRespectTheMemoryLimit() {
        XCTAssertNotNil(limitError("let s = \"x\"\nwhile true { s = \"\\(s)\\(s)\" }"))
        XCTAssertNotNil(limitError("let s = \"aa\"\nwhile true { s = replace(s, \"a\", \"aa\") }"))
        XCTAssertNotNil(limitError("let s = \"abcdefgh\"\nwhile true { s = concat([s, s, s]) }"))
    }

    func testMemoryLimitIsNotCatchable() {
        let error = limitError("try { let s = \"ab\"\nwhile true { s = s + s } } catch e { \"caught\" }")
        XCTAssertNotNil(error)
    }

    func testStringsUnderTheMemoryLimitAreFine() throws {
        let gzq = Interpreter(host: HostConfiguration(limits: Limits(maxMemoryBytes: 1 << 20)))
        XCTAssertEqual(try gzq.run("let s = \"ab\"\nfor i in 1..18 { s = s + s }\nlen(s)").asInt, 1 << 19)
        // Without a memory limit nothing is checked.
        XCTAssertEqual(try Interpreter().run("let s = \"ab\"\nfor i in 1..20 { s = s + s }\nlen(s)").asInt, 1 << 21)
    }
}

import Foundation
import XCTest
import GZQ

/// The public Swift API as a host uses it (REFERENCE §12). Deliberately `import GZQ`, not
/// `@testable`: everything here must work through public symbols only.
final class EmbeddingTests: XCTestCase {
    func testEvaluateReturnsValues() throws {
        let gzq = Interpreter()
        XCTAssertEqual(try gzq.evaluate("1 + 2").asInt, 3)
        XCTAssertEqual(try gzq.evaluate("7 / 2").asDouble, 3.5)
        XCTAssertEqual(try gzq.evaluate("\"贵阳\" + \"市\"").asString, "贵阳市")
        XCTAssertEqual(try gzq.evaluate("[1, 2, 3]").asArray?.compactMap(\.asInt), [1, 2, 3])
        XCTAssertEqual(try gzq.evaluate("65.81%").asDouble, 0.6581)
        XCTAssertEqual(try gzq.evaluate("true").asBool, true)
        XCTAssertTrue(try gzq.evaluate("null").isNull)
        let record = try gzq.evaluate("{region: \"毕节市\", rate: 7.7%}")
        XCTAssertEqual(record.asRecord?.map(\.key), ["region", "rate"])
        XCTAssertEqual(record.asDictionary?["region"]?.asString, "毕节市")
        XCTAssertEqual(try gzq.evaluate("@2021-06-30").asDate?.month, 6)
    }

    func testRunKeepsStateAcrossCalls() throws {
        let gzq = Interpreter()
        try gzq.run("let total = 10\nfn add(x) { total + x }", name: "setup.gzq")
        XCTAssertEqual(try gzq.evaluate("add(5)").asInt, 15)
        XCTAssertEqual(gzq.global("total")?.asInt, 10)
        XCTAssertTrue(gzq.globalNames.contains("add"))
    }

    func testValueConversionsAndLiterals() {
        let values: [Value] = [42, 0.5, "贵州", true, [1, "a"], ["year": 2021, "ok": false]]
        XCTAssertEqual(values.map(\.typeName), ["int", "float", "string", "bool", "list", "record"])
        XCTAssertEqual(Value(7).asInt, 7)
        XCTAssertEqual(Value(2.0).asInt, 2, "a whole float reads as an int")
        XCTAssertNil(Value(2.5).asInt)
        XCTAssertEqual(Value(3).asDouble, 3.0)
        XCTAssertEqual(Value("x").asString, "x")
        XCTAssertNil(Value(1).asString)
        XCTAssertEqual(Value([Value(1), Value(2)]).asArray?.count, 2)
        XCTAssertEqual(Value(["b": 1, "a": 2]).asRecord?.map(\.key), ["a", "b"], "a dictionary's fields are sorted")
        XCTAssertEqual(Value(record: [("b", 1), ("a", 2)]).asRecord?.map(\.key), ["b", "a"])
        XCTAssertEqual(Value.date(year: 2021, month: 6, day: 30)?.description, "2021-06-30")
        XCTAssertNil(Value.date(year: 2021, month: 2, day: 30))
        XCTAssertEqual(Value(["region": "贵阳市", "n": 3]).description, "{n: 3, region: \"贵阳市\"}")
    }

    func testTablesFromSwiftArraysAndBack() throws {
        let cases = try Table(columns: [
            ("region", ["贵阳市", "遵义市", "毕节市"]),
            ("concluded", [1200, 980, 1500]),
            ("corrected", [132, 88, 115]),
        ])
        let gzq = Interpreter()
        gzq.setGlobal("cases", .table(cases))
        let result = try gzq.evaluate("cases | derive rate = rate(corrected, concluded) | sort rate desc")
        let table = try XCTUnwrap(result.asTable)
        XCTAssertEqual(table.columnNames, ["region", "concluded", "corrected", "rate"])
        XCTAssertEqual(table.column(named: "region")?.values.compactMap(\.asString), ["贵阳市", "遵义市", "毕节市"])
        XCTAssertEqual(table.column(named: "rate")?.type, .float)
        XCTAssertEqual(table.column(named: "rate")?.values.first?.asDouble, 0.11)
        XCTAssertEqual(table.rows.first?.asDictionary?["concluded"]?.asInt, 1200)
        XCTAssertNil(table.column(named: "nope"))
    }

    func testTableBuilderTypedColumnsAndNulls() throws {
        var builder = TableBuilder()
        builder.addColumn("region", strings: ["贵阳市", nil])
        builder.addColumn("n", ints: [3, nil])
        builder.addColumn("r", doubles: [0.5, 0.25])
        builder.addColumn("ok", bools: [true, false])
        builder.addColumn("mixed", [1, 2.5])
        let table = try builder.build()
        XCTAssertEqual(table.schema.types, [.string, .int, .float, .bool, .float])
        XCTAssertEqual(table.rowCount, 2)
        XCTAssertTrue(table.column(named: "n")?.values[1].isNull ?? false)
        let gzq = Interpreter()
        gzq.setGlobal("t", .table(table))
        XCTAssertEqual(try gzq.evaluate("t | where n == null | len").asInt, 1)

        let fromRows = try Table(rows: [["a": 1, "b": "x"], ["b": "y", "c": true]])
        XCTAssertEqual(fromRows.columnNames, ["a", "b", "c"])
        XCTAssertTrue(fromRows.column(named: "a")?.values[1].isNull ?? false)
    }

    func testTableBuildErrors() {
        XCTAssertThrowsError(try Table(columns: [("a", [1, 2]), ("b", [1])])) { error in
            XCTAssertEqual((error as? TableBuildError)?.message, "column 'b' has 1 values, column 'a' has 2")
        }
        XCTAssertThrowsError(try Table(columns: [("a", [1]), ("a", [2])]))
        XCTAssertThrowsError(try Table(columns: [("a", [1, "x"])])) { error in
            XCTAssertEqual((error as? TableBuildError)?.message, "column 'a': a column cannot mix int and string values")
        }
        XCTAssertThrowsError(try Table(rows: [1]))
    }

    func testCompiledProgramRunsManyTimesWithoutReparsing() throws {
        let gzq = Interpreter()
        gzq.setGlobal("threshold", 2)
        gzq.setGlobal("data", [1, 2, 3, 4])
        let program = try gzq.compile("data | filter(fn(x) x > threshold) | len", name: "count.gzq")
        XCTAssertEqual(try program.run().asInt, 2)
        gzq.setGlobal("threshold", 0)
        XCTAssertEqual(try program.run().asInt, 4)
        gzq.setGlobal("data", [5])
        XCTAssertEqual(try gzq.run(program).asInt, 1)
        XCTAssertEqual(program.name, "count.gzq")
        // Errors come from compile (syntax) or from run (runtime), with the program's name.
        XCTAssertThrowsError(try gzq.compile("1 +", name: "bad.gzq")) { error in
            XCTAssertEqual((error as? GZQError)?.category, "E-syntax")
        }
        let failing = try gzq.compile("data[0] + \"x\"", name: "div.gzq")
        XCTAssertThrowsError(try failing.run()) { error in
            XCTAssertEqual((error as? GZQError)?.diagnostics.first?.file, "div.gzq")
        }
        // A program belongs to the interpreter that compiled it.
        XCTAssertThrowsError(try Interpreter().run(program)) { error in
            XCTAssertEqual((error as? GZQError)?.category, "E-usage")
        }
    }

    func testHostFunctionsAreCallableAndVisibleToLaterPrograms() throws {
        let gzq = Interpreter()
        var calls = 0
        try gzq.register(name: "target_rate", parameters: ["region"], isPure: true) { args in
            calls += 1
            return args[0].asString == "毕节市" ? 0.1 : 0.08
        }
        XCTAssertEqual(try gzq.evaluate("target_rate(\"毕节市\")").asDouble, 0.1)
        XCTAssertEqual(try gzq.evaluate("target_rate(region: \"遵义市\")").asDouble, 0.08)
        gzq.setGlobal("t", .table(try Table(columns: [("region", ["毕节市", "遵义市"])])))
        let table = try XCTUnwrap(gzq.evaluate("t | derive goal = target_rate(region)").asTable)
        XCTAssertEqual(table.column(named: "goal")?.values.compactMap(\.asDouble), [0.1, 0.08])
        XCTAssertEqual(calls, 4)
        XCTAssertTrue(gzq.builtinNames.contains("target_rate"))
        // Wrong arity is an ordinary gzq error at the call.
        XCTAssertThrowsError(try gzq.evaluate("target_rate()")) { error in
            XCTAssertEqual((error as? GZQError)?.message, "'target_rate' expects 1 argument, got 0")
        }
        XCTAssertThrowsError(try gzq.register(name: "not a name", parameters: []) { _ in .null })
    }

    func testHostErrorsBecomeGZQErrorsAtTheCall() throws {
        struct LookupFailed: Error, CustomStringConvertible {
            let key: String
            var description: String { "no data for \(key)" }
        }
        let gzq = Interpreter()
        try gzq.register(name: "lookup", parameters: ["key"]) { args in
            throw LookupFailed(key: args[0].asString ?? "?")
        }
        try gzq.register(name: "check", parameters: []) { _ in throw HostError("the registry is offline") }
        do {
            try gzq.run("let a = 1\nlet b = [1, 2] | len\nlet c = 2 + lookup(\"六盘水市\")", name: "report.gzq")
            XCTFail("expected the host error")
        } catch let error as GZQError {
            let d = try XCTUnwrap(error.diagnostics.first)
            XCTAssertEqual(d.category, "E-host")
            XCTAssertEqual(d.kind, .runtime)
            XCTAssertEqual(d.message, "lookup(): no data for 六盘水市")
            XCTAssertEqual(d.file, "report.gzq")
            XCTAssertEqual(d.line, 3)
            XCTAssertEqual(d.column, 13)
            XCTAssertTrue(error.rendered.hasPrefix("error[E0950]: lookup(): no data for 六盘水市\n"), error.rendered)
            XCTAssertTrue(error.rendered.contains("report.gzq:3:13"), error.rendered)
            XCTAssertTrue(error.rendered.contains("| let c = 2 + lookup(\"六盘水市\")\n"), error.rendered)
            XCTAssertTrue(error.rendered.contains("|             ^^^^^^^^^^^^^^^^^^\n"), error.rendered)
        }
        // gzq code can catch a host error like any runtime error.
        XCTAssertEqual(try gzq.evaluate("try { check() } catch e { e.message }").asString, "check(): the registry is offline")
    }

    func testHostFunctionCannotRunAnotherProgram() throws {
        let gzq = Interpreter()
        try gzq.register(name: "nested", parameters: []) { _ in try gzq.evaluate("1") }
        try gzq.register(name: "remember", parameters: ["x"]) { args in
            gzq.setGlobal("remembered", args[0])
            return .null
        }
        XCTAssertThrowsError(try gzq.evaluate("nested()")) { error in
            XCTAssertEqual((error as? GZQError)?.category, "E-host")
            XCTAssertTrue((error as? GZQError)?.message.contains("already running") ?? false)
        }
        try gzq.evaluate("remember(41 + 1)")
        XCTAssertEqual(gzq.global("remembered")?.asInt, 42)
    }

    func testOutputGoesToTheHostCallback() throws {
        var printed: [String] = []
        let gzq = Interpreter(host: HostConfiguration(output: { printed.append($0) }))
        try gzq.run("print(\"a\")\nprint(1 + 1)")
        XCTAssertEqual(printed, ["a\n", "2\n"])
    }

    func testDiagnosticsAreData() throws {
        let gzq = Interpreter()
        func diagnostics(_ source: String) -> [Diagnostic] {
            do {
                try gzq.run(source, name: "d.gzq")
                return []
            } catch {
                return (error as? GZQError)?.diagnostics ?? []
            }
        }
        let syntax = diagnostics("let x = (1 +\nlet = 2")
        XCTAssertEqual(syntax.first?.category, "E-syntax")
        XCTAssertEqual(syntax.first?.kind, .syntax)
        XCTAssertGreaterThanOrEqual(syntax.count, 1)
        let resolve = diagnostics("print(undefined_thing)")
        XCTAssertEqual(resolve.first?.category, "E-resolve")
        XCTAssertEqual(resolve.first?.line, 1)
        XCTAssertEqual(resolve.first?.column, 7)
        let runtime = diagnostics("let t = table({a: [1]})\nt | derive b = nope * 2")
        XCTAssertEqual(runtime.first?.category, "E-runtime")
        XCTAssertEqual(runtime.first?.file, "d.gzq")
        XCTAssertEqual(runtime.first?.line, 2)
        XCTAssertEqual(diagnostics("error(\"custom\")").first?.message, "custom")
        XCTAssertEqual(gzq.check("let y = zz", name: "c.gzq").first?.category, "E-resolve")
    }

    func testCallsFromSeveralThreadsAreSerialized() throws {
        let gzq = Interpreter()
        try gzq.run("fn sq(x) { x * x }")
        let errors = Counter()
        DispatchQueue.concurrentPerform(iterations: 40) { i in
            do {
                let v = try gzq.evaluate("sq(\(i))").asInt
                if v != i * i { errors.add() }
            } catch {
                errors.add()
            }
        }
        XCTAssertEqual(errors.value, 0)
    }
}

/// A thread-safe counter for the concurrency test.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

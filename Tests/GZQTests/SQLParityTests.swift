import Foundation
import XCTest
@testable import GZQ

/// SQLite against the local engine: random pipelines of pushable stages over generated tables
/// (nulls, ints near the Int64 limits, Chinese and decomposed strings), run on the table itself
/// and on the same table stored with `write_table`; the rows must agree as a multiset (a
/// remote table has no order until sorted), and an error on one side must be an error on the
/// other. Seeded; the failing program is printed.
final class SQLParityTests: XCTestCase {
    typealias Random = EngineParityTests.Random

    /// The database a parity run stores its tables in.
    enum Backend: String {
        case sqlite, postgres

        /// gzq code opening the database as `db`. PostgreSQL is the throwaway test server; its
        /// tables are replaced by each program (SQLite's are private to it).
        var open: String {
            switch self {
            case .sqlite: return "let db = sqlite(\":memory:\")"
            case .postgres: return "let db = postgres(\"\((try? PostgresTestServer.conninfo()) ?? "")\")"
            }
        }

        var writeMode: String { self == .sqlite ? "" : ", mode: \"replace\"" }
    }

    func testGeneratedPipelinesAgreeWithSQLite() { generatedPipelinesAgree(.sqlite) }
    func testGeneratedPipelinesOverTheSampleCasesAgreeWithSQLite() { samplePipelinesAgree(.sqlite) }
    func testConformancePipelinesAgreeWithSQLite() throws { try conformancePipelinesAgree(.sqlite) }
    // The same three against the throwaway PostgreSQL server that `make test` starts.
    func testGeneratedPipelinesAgreeWithPostgreSQL() throws { _ = try PostgresTestServer.conninfo(); generatedPipelinesAgree(.postgres) }
    func testGeneratedPipelinesOverTheSampleCasesAgreeWithPostgreSQL() throws { _ = try PostgresTestServer.conninfo(); samplePipelinesAgree(.postgres) }
    func testConformancePipelinesAgreeWithPostgreSQL() throws { _ = try PostgresTestServer.conninfo(); try conformancePipelinesAgree(.postgres) }

    static func stage(_ r: inout Random) -> String {
        switch r.below(13) {
        case 9: return "select g, a, s, y, k = \(EngineParityTests.expression(&r, depth: 2))"
        case 10: return "rename gg = g | drop f | rename g = gg"
        case 11: return "sort a, b, x, y, s, f, g | take \(r.pick([0, 1, 3]))"
        case 12: return "join \(r.pick(["", "left "]))@U on g"
        case 0, 1: return "where \(EngineParityTests.predicate(&r, depth: 1))"
        case 2: return "derive r = \(EngineParityTests.expression(&r, depth: 1))"
        case 3: return "summarize n = count(), sa = sum(a), ay = avg(y), mx = max(x), mn = min(b), cs = count(s) by g"
        case 4: return "sort \(r.pick(["a", "b", "x", "s", "g"])) \(r.pick(["asc", "desc"])), \(r.pick(["y", "f"]))"
        case 5: return "derive k = \(EngineParityTests.expression(&r, depth: 2)) by g"
        case 6: return "sort g, a, b, y | derive lg = lag(a), rn = row_number(), cs = cumsum(b), sh = share(b), rk = rank(y) by g"
        case 7: return "summarize n = count(), r = rate(sum(a), sum(b)), d = count_distinct(s) by s"
        default: return "distinct"
        }
    }

    /// The rows printed one per line, floats to 12 significant digits (SQL does not fix the
    /// order in which a sum adds), sorted: a multiset.
    static func canonical(_ output: String) -> [String] {
        output.split(separator: "\n").map { line in
            var s = String(line)
            let pattern = try? NSRegularExpression(pattern: "-?[0-9]+\\.[0-9]+(e[-+]?[0-9]+)?")
            for m in (pattern?.matches(in: s, range: NSRange(s.startIndex..., in: s)) ?? []).reversed() {
                guard let range = Range(m.range, in: s), let d = Double(s[range]) else { continue }
                s.replaceSubrange(range, with: String(format: "%.12g", d))
            }
            return s
        }.sorted()
    }

    func generatedPipelinesAgree(_ backend: Backend) {
        var random = Random(state: 20261201)
        var checked = 0, pushed = 0, errors = 0
        for _ in 0..<400 {
            let rows = random.pick([0, 1, 5, 40])
            let stages = (0..<(1 + random.below(3))).map { _ in Self.stage(&random) }.joined(separator: " | ")
            let setup = """
            let t = \(EngineParityTests.table(&random, rows: rows))
            \(backend.open)
            write_table(db, "t", t\(backend.writeMode))
            let u = t | summarize m = max(b), n = count() by g
            write_table(db, "u", u\(backend.writeMode))
            """
            let local = Self.run(setup + "\nfor row in (t | \(stages.replacingOccurrences(of: "@U", with: "u"))) { print(row) }")
            let remote = Self.run(setup + "\nlet r = db.t | \(stages.replacingOccurrences(of: "@U", with: "db.u"))\nif type(r) == \"remote_table\" { print(\"PUSHED\") }\nfor row in r { print(row) }")
            let remoteRows = remote.replacingOccurrences(of: "PUSHED\n", with: "")
            if remote.hasPrefix("PUSHED\n") { pushed += 1 } else if ProcessInfo.processInfo.environment["GZQ_SHOW_PULLED"] != nil { print("pulled: \(stages)") }
            let localFailed = local.contains("error"), remoteFailed = remoteRows.contains("error")
            if localFailed || remoteFailed {
                if localFailed != remoteFailed {
                    XCTFail("one side failed on:\n\(setup)\n\(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                    return
                }
                // Integer overflow is an error in both, with SQLite's own words ("integer overflow").
                if local.contains("overflow") != remoteRows.contains("overflow") {
                    XCTFail("overflow on one side only:\n\(setup)\n\(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                    return
                }
                errors += 1
            } else if Self.canonical(local) != Self.canonical(remoteRows) {
                XCTFail("\(backend) differs on:\n\(setup)\n\(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                return
            }
            checked += 1
        }
        print("sql parity (\(backend)): \(checked) pipelines agree, \(pushed) pushed whole, \(errors) errors on both sides")
        // Honest only if most pipelines really ran in SQLite.
        XCTAssertGreaterThan(pushed, (checked - errors) * 2 / 3, "too few pipelines were pushed down")
    }

    static func run(_ program: String) -> String {
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted)
        host.allowsNetworkDatabases = true
        do {
            try Interpreter(host: host).run(program, name: "parity.gzq")
        } catch let error as GZQError {
            output += error.rendered
        } catch {
            output += "unexpected: \(error)"
        }
        return output
    }

    /// A stage over the sample cases (region, year, received, concluded, corrected, hearings, heads_appeared).
    static func caseStage(_ r: inout Random) -> String {
        let number = ["received", "concluded", "corrected", "hearings", "heads_appeared"]
        switch r.below(10) {
        case 0: return "where year \(r.pick(["==", ">=", "<", "!="])) \(r.pick(["2017", "2019", "2021"]))"
        case 1: return "where region \(r.pick(["==", "!=", "<", ">="])) \(r.pick(["\"贵阳市\"", "\"毕节市\"", "\"黔南州\"", "\"O'Brien; --\""]))"
        case 2: return "derive r = rate(\(r.pick(number)), \(r.pick(number))), p = pp(rate(corrected, concluded), rate(heads_appeared, hearings))"
        case 3: return "summarize concluded = sum(concluded), corrected = sum(corrected), hearings = avg(hearings), n = count() by \(r.pick(["region", "year"]))"
        case 4: return "sort \(r.pick(number)) \(r.pick(["asc", "desc"]))"
        case 5: return "sort region, year | derive prev = lag(corrected), g = yoy(concluded), c = cumsum(received), k = row_number(), m = moving_avg(corrected, 3) by region"
        case 6: return "derive share_of_year = share(concluded), rk = rank(corrected, desc: true) by year"
        case 7: return "select region, year, corrected, q = concluded // 10, w = concluded mod 7, h = round(rate(corrected, concluded) * 100, 2)"
        case 8: return "sort region, year | take \(r.pick([1, 5, 20]))"
        default: return "distinct"
        }
    }

    func samplePipelinesAgree(_ backend: Backend) {
        var random = Random(state: 20261214)
        var checked = 0, pushed = 0
        let setup = """
        let cases = read_csv("\(ConformanceTests.root.path)/Samples/data/review_cases.csv")
        \(backend.open)
        write_table(db, "cases", cases\(backend.writeMode))
        """
        for _ in 0..<150 {
            // Stages that keep the columns, then at most one that reshapes them (summarize or select).
            var parts = (0..<(1 + random.below(3))).map { _ in Self.caseStage(&random) }.filter { !$0.hasPrefix("summarize") && !$0.hasPrefix("select") }
            if parts.isEmpty || random.chance(50) { parts.append(random.pick([Self.caseStage(&random), "summarize concluded = sum(concluded), corrected = sum(corrected), hearings = avg(hearings), n = count() by region, late = year > 2019"])) }
            let stages = parts.joined(separator: " | ")
            let local = Self.run(setup + "\nfor row in (cases | \(stages)) { print(row) }")
            let remote = Self.run(setup + "\nlet r = db.cases | \(stages)\nif type(r) == \"remote_table\" { print(\"PUSHED\") }\nfor row in r { print(row) }")
            let remoteRows = remote.replacingOccurrences(of: "PUSHED\n", with: "")
            if remote.hasPrefix("PUSHED\n") { pushed += 1 }
            if local.contains("error") || Self.canonical(local) != Self.canonical(remoteRows) {
                XCTFail("\(backend) differs (or the pipeline failed) on:\ncases | \(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                return
            }
            checked += 1
        }
        print("sql parity over the sample cases (\(backend)): \(checked) pipelines agree, \(pushed) pushed whole")
        XCTAssertGreaterThan(pushed, checked / 2, "too few pipelines were pushed down")
    }

    /// The conformance files' own pipelines over their own tables: every `let x = t | …` and
    /// `t | … | print` whose input `t` is a one-line `table({…})` literal runs on `t` and on
    /// `db.t`; rows agree as a multiset, and a pipeline that fails locally fails on SQLite too.
    func conformancePipelinesAgree(_ backend: Backend) throws {
        let folder = ConformanceTests.root.appendingPathComponent("Tests/conformance/tables")
        let tableLine = try NSRegularExpression(pattern: #"^let ([a-z_][a-z_0-9]*) = (table\(\{.*\}\))\s*$"#)
        let pipeLine = try NSRegularExpression(pattern: #"^(?:let [a-z_][a-z_0-9]* = )?([a-z_][a-z_0-9]*) \| (.+?)(?: \| print)?\s*(?:#.*)?$"#)
        var checked = 0, pushed = 0, failedBoth = 0
        for file in ConformanceTests.discovered.map({ ConformanceTests.suite.path + "/" + $0.path }) where file.hasPrefix(folder.path + "/") {
            var tables: [String: String] = [:]
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init) {
                let range = NSRange(line.startIndex..., in: line)
                if let m = tableLine.firstMatch(in: line, range: range), let n = Range(m.range(at: 1), in: line), let t = Range(m.range(at: 2), in: line) {
                    tables[String(line[n])] = String(line[t])
                    continue
                }
                guard let m = pipeLine.firstMatch(in: line, range: range), let n = Range(m.range(at: 1), in: line),
                      let rest = Range(m.range(at: 2), in: line), let literal = tables[String(line[n])] else { continue }
                let stages = String(line[rest])
                let setup = "let t = \(literal)\n\(backend.open)\nwrite_table(db, \"t\", t\(backend.writeMode))"
                let local = Self.run(setup + "\nlet out = t | \(stages)\nif type(out) == \"table\" { for row in out { print(row) } } else { print(out) }")
                // A table of lists or records cannot be stored: not a database pipeline.
                if local.contains("cannot store") || Self.run(setup).contains("error") { continue }
                let remote = Self.run(setup + "\nlet out = db.t | \(stages)\nif type(out) == \"remote_table\" { print(\"PUSHED\") }\nif type(out) == \"table\" or type(out) == \"remote_table\" { for row in out { print(row) } } else { print(out) }")
                let remoteRows = remote.replacingOccurrences(of: "PUSHED\n", with: "")
                let name = file.replacingOccurrences(of: folder.path + "/", with: "")
                if local.hasPrefix("error") || remoteRows.hasPrefix("error") {
                    // The same message and id (an overflow the database found is gzq's own `integer overflow`).
                    let first = { (text: String) in String(text.split(separator: "\n").first ?? "") }
                    XCTAssertEqual(first(local), first(remoteRows), "\(name): t | \(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                    failedBoth += 1
                    if ProcessInfo.processInfo.environment["GZQ_SHOW_PULLED"] != nil { print("both fail: \(local.split(separator: "\n").first ?? "") | \(remoteRows.split(separator: "\n").first ?? "")") }
                } else {
                    XCTAssertEqual(Self.canonical(local), Self.canonical(remoteRows), "\(name): t | \(stages)\n--- local\n\(local)\n--- \(backend)\n\(remote)")
                }
                if remote.hasPrefix("PUSHED") { pushed += 1 }
                checked += 1
            }
        }
        print("sql parity over conformance pipelines (\(backend)): \(checked) checked, \(pushed) pushed whole, \(failedBoth) failing on both sides")
        XCTAssertGreaterThan(checked, 30, "the conformance files' pipelines were not found")
        XCTAssertGreaterThan(pushed, 10)
    }
}

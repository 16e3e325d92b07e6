// Engine parity: the vector fast path must give exactly what the tree-walker gives (the
// reference semantics) — the same table, cell for cell and type for type, or the same error.
//
// The fuzz bytes are decoded into a small table (columns `a`, `b`, `c`, `x`, `g` whose types —
// int, float, string, bool, date, ints and floats mixed, all null — come from the bytes; ints
// near the Int64 limits, NaN, ±inf, -0.0 and nulls among the values), a global `k`, and
// expressions from a small grammar of the operators the fast path compiles (+ - * / // mod,
// comparisons, == !=, and/or/not, unary -, ??, in [list], rate/change/pp). Each program runs
// under `.tree` and under `.vector`; any difference prints both and aborts.
import GZQ

#if canImport(Glibc)
import Glibc
#endif

/// Reads the fuzz input as a stream of choices; past the end every choice is 0.
struct Choices {
    let bytes: UnsafeBufferPointer<UInt8>
    var position = 0

    mutating func next() -> Int {
        guard position < bytes.count else { return 0 }
        defer { position += 1 }
        return Int(bytes[position])
    }

    mutating func pick<T>(_ options: [T]) -> T { options[next() % options.count] }

    var exhausted: Bool { position >= bytes.count }
}

let interestingInts: [Int] = [
    0, 1, -1, 2, -2, 3, 7, -7, 10, 100, -100, 1000, 2017, 2021,
    Int.max, Int.min, Int.max - 1, Int.min + 1, Int.max / 2, Int.min / 2,
    1 << 31, -(1 << 31), 1 << 32, 1 << 53, (1 << 53) + 1, 1 << 62, -(1 << 62),
    3_037_000_499, -3_037_000_499, 3_037_000_500, 4_611_686_018_427_387_904,
]

let interestingFloats: [Double] = [
    0.0, -0.0, 0.5, -0.5, 1.0, 1.5, -2.5, 0.1, 0.2, 0.3, 3.7, -3.7, 100.0, 1e6, 1e15, 1e16,
    9.2e18, 9.223372036854775807e18, -9.223372036854775808e18, 1e308, -1e308,
    .infinity, -.infinity, .nan, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .greatestFiniteMagnitude,
    4_503_599_627_370_496.5, 0.6581, 2.675,
]

let strings: [String] = ["", "a", "b", "A", "贵阳市", "毕节市", "a b", "1", "null", "true"]

/// The gzq source of an int (Int.min has no literal: `-9223372036854775808` negates a literal too large).
func intSource(_ i: Int) -> String {
    i == Int.min ? "(-9223372036854775807 - 1)" : (i < 0 ? "(\(i))" : "\(i)")
}

/// Float literals as gzq spells them (only finite, non-negative ones have a literal form).
let floatLiterals: [String] = [
    "0.0", "0.5", "1.0", "1.5", "0.1", "0.3", "3.7", "100.0", "1e6", "1e16", "9.2e18", "1e308",
    "2.5e-3", "65.81%", "1.43亿", "610万", "4.9e-324", "9223372036854775807.0", "(-0.0)", "(-2.5)",
]

enum Kind: CaseIterable { case int, float, string, bool, date, mixed, nulls }

func cell(_ kind: Kind, _ c: inout Choices) -> Value {
    if c.next() % 6 == 0 { return .null }
    switch kind {
    case .int: return .int(c.next() < 200 ? c.pick(interestingInts) : c.next() - 128)
    case .float: return .float(c.pick(interestingFloats))
    case .string: return .str(c.pick(strings))
    case .bool: return .bool(c.next() % 2 == 0)
    case .date: return Value.date(year: c.pick([1970, 2000, 2017, 2021, 1, 9999]), month: 1 + c.next() % 12, day: 1 + c.next() % 28) ?? .null
    case .mixed: return c.next() % 2 == 0 ? .int(c.pick(interestingInts)) : .float(c.pick(interestingFloats))
    case .nulls: return .null
    }
}

/// Values for the global `k` (fixed for a whole stage, compiled as a constant by the fast path).
func constant(_ c: inout Choices) -> Value {
    switch c.next() % 6 {
    case 0: return .int(c.pick(interestingInts))
    case 1: return .float(c.pick(interestingFloats))
    case 2: return .str(c.pick(strings))
    case 3: return .bool(c.next() % 2 == 0)
    case 4: return .null
    default: return Value.date(year: 2021, month: 6, day: 30) ?? .null
    }
}

let columnNames = ["a", "b", "c", "x", "g"]

func literal(_ c: inout Choices) -> String {
    switch c.next() % 8 {
    case 0, 1: return intSource(c.pick(interestingInts))
    case 2: return "\(c.next() % 10)"
    case 3: return c.pick(floatLiterals)
    case 4: return "\"\(c.pick(strings))\""
    case 5: return c.pick(["true", "false"])
    case 6: return "null"
    default: return c.pick(["@2021-06-30", "@2017-01-01", "@1970-01-01"])
    }
}

func leaf(_ c: inout Choices) -> String {
    switch c.next() % 8 {
    case 0...4: return c.pick(columnNames)
    case 5: return "k"
    default: return literal(&c)
    }
}

let binaryOperators = ["+", "-", "*", "/", "//", "mod", "<", "<=", ">", ">=", "==", "!=", "and", "or", "??"]

func expression(_ c: inout Choices, depth: Int) -> String {
    if depth <= 0 || c.exhausted { return leaf(&c) }
    switch c.next() % 16 {
    case 0...3: return leaf(&c)
    case 4...10:
        let op = c.pick(binaryOperators)
        return "(\(expression(&c, depth: depth - 1)) \(op) \(expression(&c, depth: depth - 1)))"
    case 11: return "(not \(expression(&c, depth: depth - 1)))"
    case 12: return "(-\(expression(&c, depth: depth - 1)))"
    case 13:
        let items = (0..<(c.next() % 5)).map { _ in literal(&c) }
        return "(\(expression(&c, depth: depth - 1)) in [\(items.joined(separator: ", "))])"
    default:
        let f = c.pick(["rate", "change", "pp"])
        return "\(f)(\(expression(&c, depth: depth - 1)), \(expression(&c, depth: depth - 1)))"
    }
}

let aggregateLists = [
    "n = count(), s = sum(x)",
    "n = count(), s = sum(x), m = avg(x)",
    "lo = min(x), hi = max(x), f = first(x), l = last(x)",
    "n = count(x), m = mean(x), s = sum(a)",
    "r = rate(sum(x), count()), lo = min(a)",
]

// MARK: - Strict comparison

func same(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.null, .null): return true
    case (.bool(let x), .bool(let y)): return x == y
    case (.int(let x), .int(let y)): return x == y
    case (.float(let x), .float(let y)): return x.bitPattern == y.bitPattern || (x.isNaN && y.isNaN)
    case (.date(let x), .date(let y)): return x == y
    case (.string(let x), .string(let y)): return x.value == y.value
    case (.list(let x), .list(let y)):
        return x.items.count == y.items.count && zip(x.items, y.items).allSatisfy { same($0, $1) }
    case (.record(let x), .record(let y)):
        return x.keys == y.keys && zip(x.values, y.values).allSatisfy { same($0, $1) }
    case (.table(let x), .table(let y)):
        guard x.schema.names == y.schema.names, x.schema.types == y.schema.types, x.rowCount == y.rowCount else { return false }
        for (cx, cy) in zip(x.columns, y.columns) {
            for i in 0..<x.rowCount where !same(cx.value(at: i), cy.value(at: i)) { return false }
        }
        return true
    default: return false
    }
}

enum Outcome {
    case value(Value)
    case error(String)

    var text: String {
        switch self {
        case .value(let v): return OutputFormat.render(v, as: .csv) + "\n(types: " + describeTypes(v) + ")"
        case .error(let e): return "error: " + e
        }
    }
}

func describeTypes(_ v: Value) -> String {
    guard case .table(let t) = v else { return v.typeName }
    return zip(t.schema.names, t.schema.types).map { "\($0) \($1.rawValue)" }.joined(separator: ", ")
}

func sameOutcome(_ a: Outcome, _ b: Outcome) -> Bool {
    switch (a, b) {
    case (.value(let x), .value(let y)): return same(x, y)
    case (.error(let x), .error(let y)): return x == y
    default: return false
    }
}

// MARK: - The target

let host = HostConfiguration(output: { _ in }, fileAccess: .none, limits: Limits(maxCallDepth: 200, maxSteps: 1_000_000, timeout: 5))
let interpreter = Interpreter(host: host)

func run(_ program: String, _ engine: Engine) -> Outcome {
    host.engine = engine
    do {
        return .value(try interpreter.run(program, name: "<parity>"))
    } catch let error as GZQError {
        return .error(error.rendered)
    } catch {
        return .error("unexpected: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParity(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var c = Choices(bytes: UnsafeBufferPointer(start: data, count: size))
    let rows = c.next() % 13
    var columns: [(String, [Value])] = []
    for name in columnNames {
        let kind = c.pick(Kind.allCases)
        columns.append((name, (0..<rows).map { _ in cell(kind, &c) }))
    }
    guard let table = try? Table(columns: columns) else { return 0 }
    let k = constant(&c)
    interpreter.setGlobal("t", .table(table))
    interpreter.setGlobal("k", k)
    let e1 = expression(&c, depth: 4)
    let e2 = expression(&c, depth: 4)
    let programs = [
        "t | derive r = \(e1)",
        "t | where \(e2) | summarize \(c.pick(aggregateLists)) by g",
        "t | where \(e1)",
        "t | select g, r = \(e2)",
        "t | summarize \(c.pick(aggregateLists)) by \(c.pick(["g", "a", "b, g"]))",
    ]
    for program in programs {
        let tree = run(program, .tree)
        let vector = run(program, .vector)
        if !sameOutcome(tree, vector) {
            var report = "=== parity difference\n"
            report += "table t (CSV):\n\(OutputFormat.render(.table(table), as: .csv))\n(types: \(describeTypes(.table(table))))\n"
            report += "k = \(OutputFormat.render(k, as: .json)) (\(k.typeName))\n"
            report += "program: \(program)\n"
            report += "--- tree\n\(tree.text)\n--- vector\n\(vector.text)\n"
            fputs(report, stderr)  // stderr is unbuffered: the report survives abort()
            abort()
        }
    }
    return 0
}

import Foundation
import XCTest
@testable import GZQ

/// `ExactSum` against Python 3: the exact rational sum (`fractions.Fraction`, converted with
/// Python's correctly rounded int division; OverflowError read as ±inf) and, for arrays of
/// floats without overflow, `math.fsum`. Bit patterns are compared. Then order independence:
/// permutations and random partitions merged in random orders give the same bits.
final class ExactSumTests: XCTestCase {
    enum Item: CustomStringConvertible {
        case float(Double), int(Int)
        var description: String {
            switch self {
            case .float(let d): return "f:" + String(d.bitPattern, radix: 16)
            case .int(let i): return "i:\(i)"
            }
        }
    }

    /// A deterministic generator (the engine-parity tests' SplitMix64), so a failure reproduces.
    typealias Generator = EngineParityTests.Random

    private static let oracle = """
    import sys, struct, math
    from fractions import Fraction
    def f(h): return struct.unpack('<d', struct.pack('<Q', int(h, 16)))[0]
    def bits(x): return '%x' % struct.unpack('<Q', struct.pack('<d', x))[0]
    for line in sys.stdin:
        vals = [f(v[2:]) if v[0] == 'f' else int(v[2:]) for v in line.split()]
        floats = [v for v in vals if isinstance(v, float)]
        if any(math.isnan(v) for v in floats) or (math.inf in floats and -math.inf in floats): exact = math.nan
        elif math.inf in floats: exact = math.inf
        elif -math.inf in floats: exact = -math.inf
        else:
            total = sum((Fraction(v) for v in vals), Fraction(0))
            try: exact = total.numerator / total.denominator
            except OverflowError: exact = math.inf if total > 0 else -math.inf
            exact += 0.0
        fs = '-'
        if all(isinstance(v, float) and math.isfinite(v) for v in vals):
            try: fs = bits(math.fsum(vals) + 0.0)
            except OverflowError: fs = '-'
        print(bits(exact), fs)
    """

    /// Python's (exact, fsum) bit patterns for each array.
    private func reference(_ arrays: [[Item]]) throws -> [(exact: UInt64, fsum: UInt64?)] {
        let input = FileManager.default.temporaryDirectory.appendingPathComponent("exactsum-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: input) }
        try arrays.map { $0.map(\.description).joined(separator: " ") + "\n" }.joined().write(to: input, atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.oracle]
        process.standardInput = try FileHandle(forReadingFrom: input)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "python3 failed: " + String(decoding: errors, as: UTF8.self))
        let lines = String(decoding: output, as: UTF8.self).split(separator: "\n")
        XCTAssertEqual(lines.count, arrays.count)
        return lines.map { line in
            let parts = line.split(separator: " ")
            return (UInt64(parts[0], radix: 16) ?? 0, parts[1] == "-" ? nil : UInt64(parts[1], radix: 16))
        }
    }

    private func sum(_ items: some Sequence<Item>) -> ExactSum {
        var s = ExactSum()
        for item in items {
            switch item {
            case .float(let d): s.add(d)
            case .int(let i): s.add(i)
            }
        }
        return s
    }

    /// A double of random sign, exponent (subnormals to the top of the range) and significand.
    private static func anyFinite(_ g: inout Generator, exponents: ClosedRange<Int> = -1074...1023) -> Double {
        let e = Int.random(in: exponents, using: &g)
        let significand = Double(sign: .plus, exponent: 0, significand: 1 + Double(UInt64.random(in: 0..<(1 << 52), using: &g)) * 0x1p-52)
        let x = Double(sign: Bool.random(using: &g) ? .minus : .plus, exponent: e, significand: significand)
        return x.isFinite ? x : .greatestFiniteMagnitude
    }

    /// Arrays of the shapes that break naive summation.
    private static func arrays(_ count: Int, seed: UInt64) -> [[Item]] {
        var g = Generator(state: seed)
        var out: [[Item]] = []
        for a in 0..<count {
            let n = Int.random(in: 1...(a % 10 == 0 ? 400 : 30), using: &g)
            var xs: [Item] = []
            switch a % 7 {
            case 0:  // anything finite
                xs = (0..<n).map { _ in .float(anyFinite(&g)) }
            case 1:  // a common range, mixed signs (ordinary data)
                xs = (0..<n).map { _ in .float(anyFinite(&g, exponents: -20...40)) }
            case 2:  // cancellation: values and their negations plus tiny and subnormal noise
                let base = (0..<n).map { _ in anyFinite(&g, exponents: -10...300) }
                xs = base.map { .float($0) } + base.map { .float(-$0) }
                xs += (0..<3).map { _ in .float(anyFinite(&g, exponents: -1074...(-1000))) }
                xs.shuffle(using: &g)
            case 3:  // ints beyond 2^53 with floats
                xs = (0..<n).map { _ in
                    Bool.random(using: &g) ? .int(Int.random(in: Int.min...Int.max, using: &g)) : .float(anyFinite(&g, exponents: 0...70))
                }
            case 4:  // near ties: 1, half an ulp, and a sticky bit far below
                xs = [.float(1), .float(0x1p-53), .float(Bool.random(using: &g) ? 0x1p-200 : -0x1p-200), .float(-0x1p-1074)]
                xs += (0..<n).map { _ in .float(Double(Int.random(in: -3...3, using: &g)) * 0x1p-53) }
            case 5:  // huge values (the scaled path) with overflow, cancellation and tiny ones
                xs = (0..<n).map { _ in
                    Bool.random(using: &g) ? .float(anyFinite(&g, exponents: 1000...1023)) : .float(anyFinite(&g, exponents: -1074...1023))
                }
                if Bool.random(using: &g) { xs += [.float(.greatestFiniteMagnitude), .float(.greatestFiniteMagnitude), .float(-.greatestFiniteMagnitude)] }
            default:  // pure ints, all sizes
                xs = (0..<n).map { _ in .int(Int.random(in: Int.min...Int.max, using: &g) >> Int.random(in: 0...63, using: &g)) }
            }
            out.append(xs)
        }
        return out
    }

    func testMatchesPythonsExactSumAndFsum() throws {
        let arrays = Self.arrays(3500, seed: 15)
        let expected = try reference(arrays)
        var fsumCompared = 0, mismatches = 0
        for (xs, (exact, fsum)) in zip(arrays, expected) {
            let got = sum(xs).value.bitPattern
            if got != exact {
                mismatches += 1
                if mismatches <= 5 { XCTFail("\(xs.map(\.description)): got \(String(got, radix: 16)), Python \(String(exact, radix: 16))") }
            }
            if let fsum {
                fsumCompared += 1
                XCTAssertEqual(fsum, exact, "fsum and the exact rational sum disagree: the oracle is wrong")
            }
        }
        XCTAssertEqual(mismatches, 0)
        XCTAssertGreaterThan(fsumCompared, 1500, "fsum cross-checked most float arrays")
    }

    func testOrderAndSplitDoNotChangeABit() {
        var g = Generator(state: 7)
        for xs in Self.arrays(600, seed: 99) {
            let bits = sum(xs).value.bitPattern
            XCTAssertEqual(sum(xs.shuffled(using: &g)).value.bitPattern, bits)
            XCTAssertEqual(sum(xs.reversed()).value.bitPattern, bits)
            // A random partition into up to four parts, merged in a random order.
            let parts = Int.random(in: 1...4, using: &g)
            var pieces = [[Item]](repeating: [], count: parts)
            for x in xs { pieces[Int.random(in: 0..<parts, using: &g)].append(x) }
            var merged = ExactSum()
            for piece in pieces.shuffled(using: &g) { merged.add(sum(piece.shuffled(using: &g))) }
            XCTAssertEqual(merged.value.bitPattern, bits, "\(xs.map(\.description))")
        }
    }

    /// The batch entry point (fixed-point chunks) gives the bits the value-by-value path gives,
    /// over the same shapes (subnormals, huge values, overflow, specials), nulls skipped.
    func testBatchEntryMatchesValueByValue() {
        var g = Generator(state: 5)
        var arrays = Self.arrays(1500, seed: 21).map { $0.compactMap { item -> Double? in
            if case .float(let d) = item { return d }
            return nil
        } }
        arrays.append([.nan, 1, 2])
        arrays.append([.infinity, -.infinity])
        arrays.append([-.infinity, 0x1p-1074, -0x1p-1022])
        // More values than one 2048-value block of chunks.
        arrays.append((0..<5000).map { _ in Self.anyFinite(&g, exponents: -1074...1023) })
        arrays.append((0..<5000).map { _ in Self.anyFinite(&g, exponents: 1020...1023) })
        for xs in arrays where !xs.isEmpty {
            let valid = xs.map { _ in UInt8(Bool.random(using: &g) ? 1 : 0) }
            let rows = (0..<Int32(xs.count)).filter { _ in Int.random(in: 0..<4, using: &g) != 0 }
            var batch = ExactSum(), one = ExactSum()
            batch.add(xs, valid: valid, rows: rows, count: rows.count)
            for k in rows where valid[Int(k)] == 1 { one.add(xs[Int(k)]) }
            XCTAssertEqual(batch.value.bitPattern, one.value.bitPattern, "\(xs.prefix(8))")
        }
    }

    func testSpecials() {
        func total(_ xs: [Double]) -> Double {
            var s = ExactSum()
            for x in xs { s.add(x) }
            return s.value
        }
        XCTAssertTrue(total([1, .nan, 2]).isNaN)
        XCTAssertTrue(total([.infinity, 1, -.infinity]).isNaN)
        XCTAssertTrue(total([.infinity, .nan]).isNaN)
        XCTAssertEqual(total([.infinity, -.greatestFiniteMagnitude, 5]), .infinity)
        XCTAssertEqual(total([-.infinity, .greatestFiniteMagnitude]), -.infinity)
        // Finite values whose exact sum is beyond the range: ±inf in any order; back in range: exact.
        let m = Double.greatestFiniteMagnitude
        XCTAssertEqual(total([m, m]), .infinity)
        XCTAssertEqual(total([-m, -m, m / 2]), -.infinity)
        XCTAssertEqual(total([m, m, -m]), m)
        XCTAssertEqual(total([m, -m, m]), m)
        XCTAssertEqual(total([m, 0x1p970]), .infinity, "the halfway case above the largest double rounds to even (inf)")
        XCTAssertEqual(total([m, 0x1p970, -0x1p-1074]), m, "a sticky bit far below decides it")
        // Zeros: an exact zero is +0.0.
        XCTAssertEqual(total([-0.0]).bitPattern, (0.0).bitPattern)
        XCTAssertEqual(total([]).bitPattern, (0.0).bitPattern)
        XCTAssertEqual(total([0.1, 0.2, 0.3]), 0.6)
        XCTAssertEqual(total([1e100, 1, -1e100]), 1)
        XCTAssertEqual(total([0x1p-1074, 0x1p-1074]), 0x1p-1073, "subnormals add exactly")
    }

    func testIntsAreExact() {
        var s = ExactSum()
        s.add(Int.max)
        s.add(Int.max)
        s.add(-Int.max)
        XCTAssertEqual(s.value, 0x1p63, "Int.max rounds to 2^63")
        var t = ExactSum()
        t.add(1 << 60 + 1)
        t.add(-(1 << 60))
        XCTAssertEqual(t.value, 1)
        var u = ExactSum()
        u.add(Int128(Int.max) * 4 + 3)
        u.add(-(Int128(Int.max) * 4))
        XCTAssertEqual(u.value, 3)
        var w = ExactSum()
        w.add(Int128.max)
        XCTAssertEqual(w.value, 0x1p127)
        var v = ExactSum()
        v.add(Int.min)
        XCTAssertEqual(v.value, -0x1p63)
    }

    func testMergingEmptyAndSpecialSums() {
        var a = ExactSum(), b = ExactSum()
        a.add(b)
        XCTAssertEqual(a.value, 0)
        b.add(Double.infinity)
        a.add(1.5)
        a.add(b)
        XCTAssertEqual(a.value, .infinity)
        var c = ExactSum(-Double.infinity)
        c.add(a)
        XCTAssertTrue(c.value.isNaN)
    }
}

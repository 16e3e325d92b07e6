// Micro benchmark of ExactSum (Sources/GZQ/Values/ExactSum.swift, compiled alongside this file
// by Benchmarks/exactsum_bench): ns per value of the batch entry point the batch engine's float
// sums use, against a plain `+=` loop, over 2048-lane batches of ordinary data.
import Foundation

let values = 8 * 1 << 20, batch = 2048
var state: UInt64 = 42
func next() -> UInt64 {
    state = state &* 6364136223846793005 &+ 1442695040888963407
    return state >> 11
}
// Amounts like a case table's: mixed signs, magnitudes 1e-3 … 1e7.
let data = (0..<values).map { _ in (Double(next() % 10_000_000_000) / 1000) * (next() & 1 == 0 ? 1 : -1) }
let valid = [UInt8](repeating: 1, count: batch)
let rows = (0..<Int32(batch)).map { $0 }

func time(_ body: () -> Double) -> (Double, Double) {
    var runs: [Double] = [], result = 0.0
    for _ in 0..<5 {
        let t0 = DispatchTime.now().uptimeNanoseconds
        result = body()
        runs.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / Double(values))
    }
    return (runs.sorted()[2], result)
}

let (plain, naive) = time {
    var total = 0.0
    for x in data { total += x }
    return total
}
let (exact, value) = time {
    var total = ExactSum()
    data.withUnsafeBufferPointer { d in
        valid.withUnsafeBufferPointer { v in
            rows.withUnsafeBufferPointer { r in
                var start = 0
                while start < values {
                    total.add(d.baseAddress! + start, valid: v.baseAddress!, rows: r.baseAddress!, count: batch)
                    start += batch
                }
            }
        }
    }
    return total.value
}
let (perValue, _) = time {
    var total = ExactSum()
    for x in data { total.add(x) }
    return total.value
}
print("values: \(values) (median of 5 runs, ns per value)")
print(String(format: "plain +=            %.2f ns   (sum %.17g)", plain, naive))
print(String(format: "ExactSum batch      %.2f ns   (sum %.17g)", exact, value))
print(String(format: "ExactSum add(x)     %.2f ns", perValue))

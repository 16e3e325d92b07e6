// Release timing of PostgresDatabase.write (COPY in one transaction) and query (text results →
// typed columns) on a synthetic table of N rows × 6 columns (int, int, string, float with nulls,
// bool, date), medians of 3 runs (docs/PERFORMANCE.md). The types are internal, hence
// @testable and -enable-testing:
//
//   cd Benchmarks/pg_client && swift build -c release -Xswiftc -enable-testing
//   ../../Tests/pg/cluster.sh run .build/release/pg_client 1000000
import Foundation
@testable import GZQ

let rows = Int(CommandLine.arguments.dropFirst().first ?? "1000000")!
let db = try PostgresDatabase(url: ProcessInfo.processInfo.environment["GZQ_TEST_PG"]!)
let regions = ["贵阳市", "遵义市", "毕节市", "黔南州", "黔东南州", "铜仁市", "六盘水市", "黔西南州", "安顺市"]
let table = try Table.build(names: ["id", "year", "region", "rate", "ok", "day"], columns: [
    (0..<rows).map { .int($0) }, (0..<rows).map { .int(2015 + $0 % 10) }, (0..<rows).map { .str(regions[$0 % 9]) },
    (0..<rows).map { $0 % 11 == 0 ? .null : .float(Double($0) / 7) }, (0..<rows).map { .bool($0 % 2 == 0) },
    (0..<rows).map { .date(Int32(18000 + $0 % 3000)) },
])
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
var writes: [Double] = [], reads: [Double] = []
for _ in 0..<3 {
    let t0 = Date()
    try db.write(table, named: "perf", mode: .replace)
    writes.append(Date().timeIntervalSince(t0))
    let t1 = Date()
    let back = try db.query("SELECT * FROM perf", parameters: [], timeout: nil)
    reads.append(Date().timeIntervalSince(t1))
    precondition(back.rowCount == rows)
}
print("rows \(rows): write (COPY, one transaction) median \(String(format: "%.2f", median(writes))) s \(writes.map { String(format: "%.2f", $0) }); "
      + "query SELECT * → table median \(String(format: "%.2f", median(reads))) s \(reads.map { String(format: "%.2f", $0) })")

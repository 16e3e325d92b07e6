import XCTest
@testable import GZQ

/// `BitVector.expand` (validity and bool loads of the batch engine) works a word at a time;
/// it must give the same bytes as reading bit by bit, for starts that are not word-aligned and
/// counts that end inside a word.
final class BitVectorExpandTests: XCTestCase {
    func testExpandMatchesBitByBit() {
        var state: UInt64 = 0x2026_1201
        var bits = BitVector()
        for _ in 0..<1000 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            bits.append(state >> 33 & 1 == 1)
        }
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: 1100)
        defer { out.deallocate() }
        for start in [0, 1, 7, 63, 64, 65, 127, 500, 936, 999, 1000] {
            for count in [0, 1, 8, 63, 64, 65, 128, 130, 300, 1000] where start + count <= bits.count {
                out.update(repeating: 9, count: count + 8)
                bits.expand(from: start, count: count, into: out)
                for k in 0..<count where out[k] != (bits[start + k] ? 1 : 0) {
                    return XCTFail("start \(start), count \(count): byte \(k) is \(out[k])")
                }
                // Nothing written past `count`.
                for k in count..<count + 8 where out[k] != 9 { return XCTFail("start \(start), count \(count): wrote byte \(k)") }
            }
        }
    }
}

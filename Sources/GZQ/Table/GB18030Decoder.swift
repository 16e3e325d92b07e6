import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// GB18030 → UTF-8 for the common case, about twice as fast as iconv: ASCII eight bytes at a
/// time and two-byte characters (all of GBK) through a table that iconv itself fills once, so
/// the result is iconv's. Four-byte sequences go through iconv one by one. Anything else
/// (invalid or cut-off input) returns nil, and the caller runs iconv over the whole text,
/// which reports the exact error.
enum GB18030Decoder {
    private static let trailCount = 0xFF - 0x40

    /// For each two-byte sequence (lead 0x81…0xFE, trail 0x40…0xFE): its UTF-8 bytes in the
    /// low three bytes and their count in the top byte; 0 when it is not a character.
    private static let table: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 126 * trailCount)
        let cd = iconv_open("UTF-8", "GB18030")
        guard let cd, cd != iconv_t(bitPattern: -1) else { return table }
        defer { iconv_close(cd) }
        var input: [UInt8] = [0, 0]
        var output = [UInt8](repeating: 0, count: 8)
        for lead in 0x81...0xFE {
            for trail in 0x40...0xFE where trail != 0x7F {
                input[0] = UInt8(lead)
                input[1] = UInt8(trail)
                let n = convert(cd, input, &output)
                guard (1...3).contains(n) else { continue }
                var packed = UInt32(n) << 24
                for k in 0..<n { packed |= UInt32(output[k]) << (8 * k) }
                table[(lead - 0x81) * trailCount + (trail - 0x40)] = packed
            }
        }
        return table
    }()

    /// The UTF-8 length of `input` converted whole by `cd`, written to `output`; -1 on failure.
    private static func convert(_ cd: iconv_t, _ input: [UInt8], _ output: inout [UInt8]) -> Int {
        var input = input
        return input.withUnsafeMutableBytes { inRaw in
            output.withUnsafeMutableBytes { outRaw in
                var inPointer = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outPointer = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count, outLeft = outRaw.count
                _ = iconv(cd, nil, nil, nil, nil)
                guard iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft) != -1, inLeft == 0 else { return -1 }
                return outRaw.count - outLeft
            }
        }
    }

    /// `input` as UTF-8, or nil when it holds anything but ASCII, two-byte characters, valid
    /// four-byte sequences and the lone 0x80 (€).
    static func decode(_ input: UnsafeBufferPointer<UInt8>) -> OwnedBytes? {
        let n = input.count
        let out = OwnedBytes(capacity: n + n / 2 + 64)
        guard let src = input.baseAddress, n > 0 else { return out }
        let table = self.table
        var cd: iconv_t?
        defer { if let cd { iconv_close(cd) } }
        var scratch = [UInt8](repeating: 0, count: 8)
        var i = 0, o = 0
        var dst = out.base
        var limit = out.capacity - 8
        let raw = UnsafeRawPointer(src)
        while i < n {
            if o > limit {
                out.count = o
                out.reserve(out.capacity)
                dst = out.base
                limit = out.capacity - 8
            }
            if i + 8 <= n {
                let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    UnsafeMutableRawPointer(dst + o).storeBytes(of: word, as: UInt64.self)
                    i += 8
                    o += 8
                    continue
                }
            }
            let b = src[i]
            if b < 0x80 {
                dst[o] = b
                i += 1
                o += 1
                continue
            }
            if b == 0x80 {   // € in code page 936
                dst[o] = 0xE2; dst[o + 1] = 0x82; dst[o + 2] = 0xAC
                i += 1
                o += 3
                continue
            }
            guard b != 0xFF, i + 1 < n else { return nil }
            let t = src[i + 1]
            if t >= 0x40, t != 0x7F, t != 0xFF {
                let packed = table[Int(b - 0x81) * trailCount + Int(t - 0x40)]
                guard packed != 0 else { return nil }
                let length = Int(packed >> 24)
                dst[o] = UInt8(truncatingIfNeeded: packed)
                if length > 1 { dst[o + 1] = UInt8(truncatingIfNeeded: packed >> 8) }
                if length > 2 { dst[o + 2] = UInt8(truncatingIfNeeded: packed >> 16) }
                i += 2
                o += length
                continue
            }
            // A four-byte sequence (second byte a digit): rare, through iconv.
            guard t >= 0x30, t <= 0x39, i + 3 < n else { return nil }
            if cd == nil {
                let opened = iconv_open("UTF-8", "GB18030")
                guard let opened, opened != iconv_t(bitPattern: -1) else { return nil }
                cd = opened
            }
            guard let cd else { return nil }
            let written = convert(cd, [b, t, src[i + 2], src[i + 3]], &scratch)
            guard (1...4).contains(written) else { return nil }
            for k in 0..<written { dst[o + k] = scratch[k] }
            i += 4
            o += written
        }
        out.count = o
        return out
    }
}

/// UTF-8 checks shared by the source reader, the table readers and the lexer.
enum UTF8Text {
    static func hasBOM(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF
    }

    /// Offset of the first byte that does not begin a well-formed UTF-8 sequence, or nil.
    /// Rejects overlong forms, surrogates and code points above U+10FFFF.
    static func firstInvalid(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        var i = 0
        let raw = UnsafeRawPointer(p)
        while i < n {
            if i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = p[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var scalar: UInt32
            let minimum: UInt32
            if b & 0xE0 == 0xC0 {
                (length, scalar, minimum) = (2, UInt32(b & 0x1F), 0x80)
            } else if b & 0xF0 == 0xE0 {
                (length, scalar, minimum) = (3, UInt32(b & 0x0F), 0x800)
            } else if b & 0xF8 == 0xF0 {
                (length, scalar, minimum) = (4, UInt32(b & 0x07), 0x10000)
            } else {
                return i
            }
            guard i + length <= n else { return i }
            for k in 1..<length {
                let c = p[i + k]
                guard c & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(c & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return i }
            i += length
        }
        return nil
    }

    /// Decodes the scalar starting at `j` (before `end`) and its length in bytes; a nil scalar
    /// (length 1) for a byte that does not begin a well-formed sequence.
    static func decodeScalar(_ bytes: [UInt8], at j: Int, end: Int) -> (Unicode.Scalar?, Int) {
        let b0 = bytes[j]
        if b0 < 0x80 { return (Unicode.Scalar(b0), 1) }
        let length: Int
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
        case 0xE0...0xEF: length = 3; value = UInt32(b0 & 0x0F)
        case 0xF0...0xF4: length = 4; value = UInt32(b0 & 0x07)
        default: return (nil, 1)
        }
        guard j + length <= end else { return (nil, 1) }
        for k in 1..<length {
            let b = bytes[j + k]
            guard b & 0xC0 == 0x80 else { return (nil, 1) }
            value = value << 6 | UInt32(b & 0x3F)
        }
        let minimum: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= minimum, let scalar = Unicode.Scalar(value) else { return (nil, 1) }
        return (scalar, length)
    }
}

import Foundation
#if canImport(Glibc)
import Glibc
#endif

// Text encodings of data files (read_csv, read_json, write_csv, the C API's CSV global).
//
// The readers parse UTF-8 bytes. Text in another encoding is transcoded to UTF-8 once, up
// front, with glibc's iconv (a few hundred MB/s, and it reports the offset of invalid
// input), and then parsed by the same byte parser; UTF-8 input is parsed where it lies.

/// The encodings `read_csv` and `write_csv` accept.
enum TextEncoding: Equatable {
    case auto, utf8, gb18030, utf16
    /// Writing only: GBK or GB2312 proper, which refuse characters they do not have.
    case gbk, gb2312

    /// The encoding an option value names (case and `-`/`_` do not matter), or nil.
    static func named(_ name: String) -> TextEncoding? {
        switch name.lowercased().replacingOccurrences(of: "_", with: "-") {
        case "auto": return .auto
        case "utf-8", "utf8": return .utf8
        case "gb18030": return .gb18030
        case "gbk", "cp936": return .gbk
        case "gb2312": return .gb2312
        case "utf-16", "utf16": return .utf16
        default: return nil
        }
    }

    /// The name people know it by, for messages.
    var displayName: String {
        switch self {
        case .auto: return "auto"
        case .utf8: return "UTF-8"
        case .gb18030: return "GB18030"
        case .utf16: return "UTF-16"
        case .gbk: return "GBK"
        case .gb2312: return "GB2312"
        }
    }
}

/// Bytes owned by the reader (transcoded text), freed on deinit.
final class OwnedBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    var buffer: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }

    /// Makes room for `extra` more bytes after `count`.
    func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let bigger = max(capacity * 2, count + extra)
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: bigger)
        p.update(from: base, count: count)
        base.deallocate()
        base = p
        capacity = bigger
    }

    func append(_ bytes: [UInt8]) {
        reserve(bytes.count)
        for b in bytes {
            base[count] = b
            count += 1
        }
    }

    deinit { base.deallocate() }
}

/// A strict iconv conversion: invalid or incomplete input is an error with its byte offset.
enum Iconv {
    struct Failure: Error {
        /// Offset of the first byte that could not be converted.
        let offset: Int
        /// The input ends inside a character (as opposed to an invalid sequence).
        let incomplete: Bool
        /// What was converted before it (for the line and column of the message).
        let converted: OwnedBytes
    }

    /// The iconv converter could not be opened (not expected with glibc).
    struct Unavailable: Error { let from: String, to: String }

    /// Converts all of `input` from `from` to `to` (for GB18030 input, `GB18030Decoder` is
    /// tried first; this reports its errors). With `euroFor0x80`, a lone byte 0x80 is read
    /// as €, as Windows' code page 936 does (glibc's GB18030 refuses it).
    static func convert(_ input: UnsafeBufferPointer<UInt8>, from: String, to: String,
                        euroFor0x80: Bool = false, expansion: Double = 1.5) throws -> OwnedBytes {
        let cd = iconv_open(to, from)
        guard let cd, cd != iconv_t(bitPattern: -1) else { throw Unavailable(from: from, to: to) }
        defer { iconv_close(cd) }
        let out = OwnedBytes(capacity: Int(Double(input.count) * expansion) + 64)
        guard let start = input.baseAddress, input.count > 0 else { return out }
        var inPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(mutating: start).assumingMemoryBound(to: CChar.self)
        var inLeft = input.count
        while inLeft > 0 {
            var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.base + out.count).assumingMemoryBound(to: CChar.self)
            var outLeft = out.capacity - out.count
            let before = outLeft
            let result = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
            out.count += before - outLeft
            if result != -1 { break }
            let offset = input.count - inLeft
            switch errno {
            case E2BIG:
                out.reserve(max(out.capacity / 2, 64))
            case EILSEQ where euroFor0x80 && input[offset] == 0x80:
                out.reserve(3)
                out.append([0xE2, 0x82, 0xAC])
                inPointer = inPointer.map { $0 + 1 }
                inLeft -= 1
            case EINVAL:
                throw Failure(offset: offset, incomplete: true, converted: out)
            default:
                throw Failure(offset: offset, incomplete: false, converted: out)
            }
        }
        // Flush any shift state (none for these encodings; harmless).
        var outPointer: UnsafeMutablePointer<CChar>? = UnsafeMutableRawPointer(out.base + out.count).assumingMemoryBound(to: CChar.self)
        var outLeft = out.capacity - out.count
        let before = outLeft
        _ = iconv(cd, nil, nil, &outPointer, &outLeft)
        out.count += before - outLeft
        return out
    }
}

/// Input text ready for the byte parsers: the original bytes when they are UTF-8, else a
/// UTF-8 copy. Errors about the encoding name the file, line and column of the bad byte.
enum TextDecoding {
    static func hex(_ byte: UInt8) -> String {
        let s = String(byte, radix: 16, uppercase: true)
        return "0x" + (s.count == 1 ? "0" + s : s)
    }

    enum ByteOrderMark { case utf8, utf16LE, utf16BE }

    static func byteOrderMark(_ b: UnsafeBufferPointer<UInt8>) -> ByteOrderMark? {
        if UTF8Text.hasBOM(b) { return .utf8 }
        if b.count >= 2, b[0] == 0xFF, b[1] == 0xFE { return .utf16LE }
        if b.count >= 2, b[0] == 0xFE, b[1] == 0xFF { return .utf16BE }
        return nil
    }

    /// `PK\x03\x04`: a ZIP archive, which is what .xlsx (and .docx) files are.
    static func isZIP(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count >= 4 && b[0] == 0x50 && b[1] == 0x4B && b[2] == 0x03 && b[3] == 0x04
    }

    /// GB18030 (which contains GBK and GB2312) to UTF-8. A lone 0x80 is €, as in code page 936.
    static func fromGB18030(_ input: UnsafeBufferPointer<UInt8>, name: String) throws -> OwnedBytes {
        if let fast = GB18030Decoder.decode(input) { return fast }
        do {
            return try Iconv.convert(input, from: "GB18030", to: "UTF-8", euroFor0x80: true)
        } catch let failure as Iconv.Failure {
            throw error(failure, in: input, encoding: "GB18030", name: name)
        }
    }

    /// UTF-16 to UTF-8: the byte order from the BOM (which is dropped), else from where the
    /// zero bytes of ASCII text fall, else little-endian (what Windows writes).
    static func fromUTF16(_ input: UnsafeBufferPointer<UInt8>, name: String) throws -> OwnedBytes {
        var body = input
        var bigEndian = false
        switch byteOrderMark(input) {
        case .utf16LE?: body = UnsafeBufferPointer(rebasing: input[2...])
        case .utf16BE?: body = UnsafeBufferPointer(rebasing: input[2...]); bigEndian = true
        default: bigEndian = input.count >= 2 && input[0] == 0 && input[1] != 0
        }
        let skipped = input.count - body.count
        do {
            return try Iconv.convert(body, from: bigEndian ? "UTF-16BE" : "UTF-16LE", to: "UTF-8")
        } catch let failure as Iconv.Failure {
            let shifted = Iconv.Failure(offset: failure.offset + skipped, incomplete: failure.incomplete, converted: failure.converted)
            throw error(shifted, in: input, encoding: bigEndian ? "UTF-16BE" : "UTF-16LE", name: name)
        }
    }

    /// The error for bytes that are not valid `encoding`: line and column from the text
    /// decoded before them, the offending bytes and their offset.
    static func error(_ failure: Iconv.Failure, in input: UnsafeBufferPointer<UInt8>, encoding: String, name: String) -> TableReadError {
        let (line, column) = TableReadError.lineColumn(of: failure.converted.count, in: failure.converted.buffer)
        let shown = (failure.offset..<min(failure.offset + (failure.incomplete ? 4 : 2), input.count)).map { hex(input[$0]) }
        let message = failure.incomplete
            ? Message(.endsInsideCharacter, encoding, shown.joined(separator: " "), failure.offset)
            : Message(.invalidEncodedBytes, encoding, shown.count > 1 ? "s" : "", shown.joined(separator: " "), failure.offset)
        return TableReadError(file: name, message: message, line: line, column: column)
    }

    /// The first invalid UTF-8 byte of `input` when it is not valid UTF-8.
    static func firstInvalidUTF8(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = input.baseAddress else { return nil }
        return UTF8Text.firstInvalid(base, input.count)
    }

    /// Whether the first `limit` bytes already show the text is not UTF-8 (a character cut
    /// at the limit does not count).
    static func prefixIsNotUTF8(_ input: UnsafeBufferPointer<UInt8>, limit: Int = 1 << 16) -> Bool {
        let n = min(limit, input.count)
        guard let base = input.baseAddress, let bad = UTF8Text.firstInvalid(base, n) else { return false }
        return n == input.count || bad < n - 3
    }

    /// The error for text in `auto` mode that is neither UTF-8 nor GB18030: at the bad byte
    /// of whichever reading got further (the likelier encoding), naming the option to set.
    static func neitherError(_ input: UnsafeBufferPointer<UInt8>, utf8Bad: Int, gb: TableReadError, gbOffset: Int,
                             name: String) -> TableReadError {
        if gbOffset > utf8Bad {
            return TableReadError(file: name, message: Message(.notGB18030NorUTF8, gb.content, hex(input[utf8Bad]), utf8Bad),
                                  line: gb.line, column: gb.column)
        }
        let (line, column) = TableReadError.lineColumn(of: utf8Bad, in: input)
        return TableReadError(file: name, message: Message(.notUTF8NorGB18030, hex(input[utf8Bad]), utf8Bad),
                              line: line, column: column)
    }

    /// Text in `encoding` as UTF-8 for the byte parsers (auto: BOM, else UTF-8 — checked by
    /// the caller's parse —, else GB18030). Nil when `input` should be parsed as it is.
    static func decodeIfNeeded(_ input: UnsafeBufferPointer<UInt8>, encoding: TextEncoding, name: String) throws -> OwnedBytes? {
        switch encoding {
        case .utf8:
            if byteOrderMark(input) == .utf16LE || byteOrderMark(input) == .utf16BE {
                throw TableReadError(file: name, message: Message(.utf16ByteOrderMark),
                                     line: 1, column: 1)
            }
            return nil
        case .gb18030, .gbk, .gb2312:
            return try fromGB18030(input, name: name)
        case .utf16:
            return try fromUTF16(input, name: name)
        case .auto:
            switch byteOrderMark(input) {
            case .utf8?: return nil
            case .utf16LE?, .utf16BE?: return try fromUTF16(input, name: name)
            case nil: return prefixIsNotUTF8(input) ? try autoGB18030(input, name: name) : nil
            }
        }
    }

    /// `auto` for text that is not UTF-8: GB18030, or the error naming both encodings.
    static func autoGB18030(_ input: UnsafeBufferPointer<UInt8>, name: String) throws -> OwnedBytes {
        if let fast = GB18030Decoder.decode(input) { return fast }
        do {
            return try Iconv.convert(input, from: "GB18030", to: "UTF-8", euroFor0x80: true)
        } catch let failure as Iconv.Failure {
            let gb = error(failure, in: input, encoding: "GB18030", name: name)
            throw neitherError(input, utf8Bad: firstInvalidUTF8(input) ?? 0, gb: gb, gbOffset: failure.offset, name: name)
        }
    }

    /// UTF-8 text in `encoding` (writing): GB18030 for any text; GBK and GB2312 refuse a
    /// character they do not have, naming it.
    static func encode(_ utf8: [UInt8], as encoding: TextEncoding) throws -> [UInt8] {
        let target: String
        switch encoding {
        case .auto, .utf8: return utf8
        case .gb18030: target = "GB18030"
        case .gbk: target = "GBK"
        case .gb2312: target = "GB2312"
        case .utf16: target = "UTF-16LE"
        }
        return try utf8.withUnsafeBufferPointer { input in
            do {
                let out = try Iconv.convert(input, from: "UTF-8", to: target, expansion: 2)
                return Array(out.buffer)
            } catch let failure as Iconv.Failure {
                // The input is valid UTF-8 (it came from strings), so the character is whole.
                var end = failure.offset + 1
                while end < input.count, input[end] & 0xC0 == 0x80 { end += 1 }
                let character = String(decoding: UnsafeBufferPointer(rebasing: input[failure.offset..<end]), as: UTF8.self)
                let (line, _) = TableReadError.lineColumn(of: failure.offset, in: input)
                throw EncodingFailure(message: Message(.characterNotEncodable, character, line, encoding.displayName))
            }
        }
    }

    struct EncodingFailure: Error { let message: Message }
}

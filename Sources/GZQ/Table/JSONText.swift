import Foundation

// read_json's text: UTF-16 files (found by their byte order mark) are transcoded to UTF-8
// first, and a non-ASCII byte where JSON syntax was expected is named exactly.
extension JSONReader {
    /// Parses `buffer` after transcoding it when it starts with a UTF-16 byte order mark.
    static func readDecoding(buffer: UnsafeBufferPointer<UInt8>, name: String, progress: ((Double) -> Void)?,
                             release: ByteRelease? = nil) throws -> Table {
        switch TextDecoding.byteOrderMark(buffer) {
        case .utf16LE?, .utf16BE?:
            let decoded = try TextDecoding.fromUTF16(buffer, name: name)
            release?(0..<buffer.count)
            return try read(buffer: decoded.buffer, name: name, progress: progress)
        default:
            return try read(buffer: buffer, name: name, progress: progress, release: release)
        }
    }
}

extension JSONParser {
    /// The character at `i` (`'贵'`), or the invalid UTF-8 byte there with its offset.
    func describeNonASCII(_ i: Int) -> MessageArg {
        let window = min(4, end - i)
        if UTF8Text.firstInvalid(base + i, window) != 0 {
            let lead = base[i]
            let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
            let text = String(decoding: UnsafeBufferPointer(start: base + i, count: min(length, window)), as: UTF8.self)
            return .text("'\(text)'")
        }
        return .message(Message(.invalidUTF8At, TextDecoding.hex(base[i]), i))
    }
}

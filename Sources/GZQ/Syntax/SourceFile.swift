/// A byte range in one source file. Line and column are computed only when a
/// diagnostic is shown, from the file's line table.
public struct Span: Sendable, Equatable {
    /// Index of the file in the interpreter's `SourceMap`.
    public var file: Int32
    /// UTF-8 byte offsets, `start ..< end`.
    public var start: Int32
    public var end: Int32

    public init(file: Int32, start: Int32, end: Int32) {
        self.file = file
        self.start = start
        self.end = end
    }

    /// A span covering both `self` and `other` (same file assumed).
    func to(_ other: Span) -> Span {
        Span(file: file, start: min(start, other.start), end: max(end, other.end))
    }

    static let none = Span(file: -1, start: 0, end: 0)
}

/// One unit of source text: a script, an imported file, a REPL entry or stdlib file.
public final class SourceFile: @unchecked Sendable {
    public let name: String
    public let bytes: [UInt8]
    /// Byte offset at which each line starts; `lineStarts[0] == 0`.
    let lineStarts: [Int]
    /// Folder used to resolve relative `import` paths (nil for `-e` and REPL input).
    let directory: String?

    convenience init(name: String, text: String, directory: String? = nil) {
        self.init(name: name, bytes: Array(text.utf8), directory: directory)
    }

    /// Raw bytes, which may be invalid UTF-8 (the lexer reports the first bad byte's offset).
    init(name: String, bytes: [UInt8], directory: String? = nil) {
        self.name = name
        self.bytes = bytes
        self.directory = directory
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// 1-based line and column (column counts Unicode scalars, so 贵阳 counts 2).
    func location(of offset: Int) -> (line: Int, column: Int) {
        let clamped = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        while i < clamped {
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        return (lo + 1, column)
    }

    /// The text of a 1-based line, without its newline.
    func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] - 1 : bytes.count
        if end > start, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<max(start, end)], as: UTF8.self)
    }

    func text(_ span: Span) -> String {
        let s = Int(max(0, span.start)), e = Int(min(Int32(bytes.count), span.end))
        return s < e ? String(decoding: bytes[s..<e], as: UTF8.self) : ""
    }
}

/// All source files an interpreter has seen, indexed by `Span.file`.
final class SourceMap {
    private(set) var files: [SourceFile] = []

    func add(_ file: SourceFile) -> Int32 {
        files.append(file)
        return Int32(files.count - 1)
    }

    subscript(_ id: Int32) -> SourceFile? {
        id >= 0 && Int(id) < files.count ? files[Int(id)] : nil
    }
}

extension SourceFile {
    /// Where `bytes` stop being well-formed UTF-8, for hosts that read source files
    /// themselves: `byte 0xE9 at byte offset 23 (line 2, column 11)` (column in Unicode
    /// scalars, as diagnostics count it); nil when the bytes are valid UTF-8.
    public static func invalidUTF8Description(_ bytes: [UInt8]) -> String? {
        guard let offset = bytes.withUnsafeBufferPointer({ buffer -> Int? in
            guard let base = buffer.baseAddress else { return nil }
            return UTF8Text.firstInvalid(base, buffer.count)
        }) else { return nil }
        var line = 1, column = 1
        for b in bytes[..<offset] {
            if b == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
        }
        return "byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at byte offset \(offset) (line \(line), column \(column))"
    }
}

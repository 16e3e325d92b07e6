import Foundation

/// How `read_csv` reads a file beyond RFC 4180: its encoding, title lines to skip, the
/// texts that mean "no value", trimming, and report-style numbers.
public struct CSVOptions {
    public var separator = UInt8(ascii: ",")
    var encoding = TextEncoding.auto
    /// Lines above the header to ignore.
    public var skip = 0
    /// Cell texts (UTF-8, compared after trimming) read as null besides the empty cell.
    public var nulls: [[UInt8]] = []
    /// Strip spaces and U+3000 around unquoted cells (header names included).
    public var trim = false
    /// Also read `1,069`, `18.81%`, `5.5亿`, `+12` and full-width digits as numbers.
    public var reportNumbers = false
    /// Threads that read a big file's rows (CSVParallel.swift); the table is the same on any number.
    public var threads = 1

    public init() {}

    /// Sets the encoding from its option value; false when the name is not one `read_csv` knows.
    public mutating func setEncoding(_ name: String) -> Bool {
        guard let e = TextEncoding.named(name) else { return false }
        encoding = e == .gbk || e == .gb2312 ? .gb18030 : e
        return true
    }

    /// Whether cells need trimming or null matching (the plain path skips both).
    var adjustsCells: Bool { trim || !nulls.isEmpty }
}

/// Spaces (U+0020) and ideographic spaces (U+3000, `E3 80 80`) around a cell.
enum CSVTrim {
    @inline(__always)
    static func trim(_ base: UnsafePointer<UInt8>, _ start: inout Int, _ end: inout Int) {
        while start < end {
            if base[start] == 0x20 { start += 1 } else if end - start >= 3, base[start] == 0xE3, base[start + 1] == 0x80, base[start + 2] == 0x80 { start += 3 } else { break }
        }
        while end > start {
            if base[end - 1] == 0x20 { end -= 1 } else if end - start >= 3, base[end - 3] == 0xE3, base[end - 2] == 0x80, base[end - 1] == 0x80 { end -= 3 } else { break }
        }
    }

    static func trim(_ bytes: inout [UInt8]) {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            var start = 0, end = b.count
            trim(base, &start, &end)
            if start > 0 || end < b.count { bytes = Array(b[start..<end]) }
        }
    }
}

extension CSVReader {
    /// Reads CSV `bytes` (a whole file) with `options`: decodes other encodings to UTF-8 first,
    /// and in `auto` mode reads text that turns out not to be UTF-8 as GB18030.
    public static func read(bytes: [UInt8], name: String, options: CSVOptions) throws -> Table {
        try bytes.withUnsafeBufferPointer { try read(buffer: $0, name: name, options: options, progress: nil) }
    }

    /// As `read(bytes:name:options:)`, on bytes the caller owns.
    public static func read(buffer: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions) throws -> Table {
        try read(buffer: buffer, name: name, options: options, progress: nil)
    }

    static func read(buffer: UnsafeBufferPointer<UInt8>, name: String, options: CSVOptions,
                     progress: ((Double) -> Void)?, release: ByteRelease? = nil) throws -> Table {
        let sep = options.separator
        guard sep != CSVParser.quote, sep != CSVParser.lf, sep != CSVParser.cr, sep < 0x80 else {
            throw TableReadError(file: name, message: Message(.csvSeparatorInvalid),
                                 line: 1, column: 1)
        }
        if TextDecoding.isZIP(buffer) {
            throw TableReadError(file: name, message: Message(.csvIsAWorkbook), line: 1, column: 1)
        }
        func parse(_ text: UnsafeBufferPointer<UInt8>, _ release: ByteRelease?) throws -> Table {
            try CSVParser(buffer: text, name: name, separator: sep, options: options).parse(progress: progress, release: release)
        }
        func parseOwned(_ owned: OwnedBytes) throws -> Table {
            // The original bytes are not needed any more.
            release?(0..<buffer.count)
            LineEnds.convertLoneCR(owned)
            return try parse(owned.buffer, nil)
        }
        if let decoded = try TextDecoding.decodeIfNeeded(buffer, encoding: options.encoding, name: name) {
            return try parseOwned(decoded)
        }
        // A lone-CR file is parsed from a converted copy (the original is then not needed).
        let copy = LineEnds.loneCRCopy(buffer)
        let text = copy?.buffer ?? buffer
        let textRelease = copy == nil ? release : nil
        guard options.encoding == .auto, TextDecoding.byteOrderMark(buffer) == nil else { return try parse(text, textRelease) }
        // auto: parse as UTF-8 (which checks every cell it keeps); only when that fails is the
        // whole file checked, and read as GB18030 when it is not UTF-8.
        do {
            return try parse(text, textRelease)
        } catch let error as TableReadError {
            guard TextDecoding.firstInvalidUTF8(buffer) != nil else { throw error }
            return try parseOwned(try TextDecoding.autoGB18030(buffer, name: name))
        }
    }
}

/// Lines that end in a lone CR (old Mac exports) are line ends when the file has no LF at
/// all: such text is given to the parser with those CRs (outside quoted fields) made LF.
enum LineEnds {
    static func needsConversion(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = b.baseAddress, !b.isEmpty else { return false }
        return memchr(base, 0x0A, b.count) == nil && memchr(base, 0x0D, b.count) != nil
    }

    /// A converted copy of `b`, or nil when it needs none.
    static func loneCRCopy(_ b: UnsafeBufferPointer<UInt8>) -> OwnedBytes? {
        guard needsConversion(b), let base = b.baseAddress else { return nil }
        let copy = OwnedBytes(capacity: b.count)
        copy.base.update(from: base, count: b.count)
        copy.count = b.count
        convert(copy)
        return copy
    }

    /// Converts owned text in place when it needs it.
    static func convertLoneCR(_ owned: OwnedBytes) {
        if needsConversion(owned.buffer) { convert(owned) }
    }

    private static func convert(_ owned: OwnedBytes) {
        var quoted = false
        let p = owned.base
        for i in 0..<owned.count {
            if p[i] == 0x22 { quoted.toggle() } else if p[i] == 0x0D, !quoted { p[i] = 0x0A }
        }
    }
}

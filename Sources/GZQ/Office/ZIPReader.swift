import CZlib

// The ZIP container of an .xlsx workbook (docs/BUILDING.md §8.4): find the end-of-central-directory
// record, walk the central directory, and inflate one entry on demand (raw deflate through
// zlib, CRC checked). Every offset and size read from the file is bounds-checked: a truncated
// or hostile file is an error, never a trap. No ZIP64, no encryption (neither occurs in the
// workbooks Excel, WPS, LibreOffice or openpyxl write below 4 GiB).

/// A ZIP archive that is not one, or is damaged.
struct ZIPError: Error {
    let message: Message
}

struct ZIPReader {
    struct Entry {
        let name: String
        let method: UInt16
        let crc: UInt32
        let compressedSize: Int
        let size: Int
        let localHeaderOffset: Int
    }

    let bytes: [UInt8]
    private(set) var entries: [String: Entry] = [:]
    /// Entry names in the order of the central directory.
    private(set) var names: [String] = []

    /// Whether `bytes` begin with a ZIP local-file signature (`PK\3\4`).
    static func looksLikeZIP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 4 && bytes[0] == 0x50 && bytes[1] == 0x4B && bytes[2] == 0x03 && bytes[3] == 0x04
    }

    /// Entries that would inflate to more bytes than this are refused (a ZIP bomb, or a part
    /// bigger than the memory limit allows).
    let maxEntrySize: Int

    init(_ bytes: [UInt8], maxEntrySize: Int = Int(UInt32.max)) throws(ZIPError) {
        self.bytes = bytes
        self.maxEntrySize = maxEntrySize
        guard let end = Self.findEndRecord(bytes) else {
            throw ZIPError(message: Message(.zipNoEndRecord))
        }
        let count = Int(u16(end + 10)), directorySize = Int(u32(end + 12)), directoryOffset = Int(u32(end + 16))
        if count == 0xFFFF || directoryOffset == 0xFFFF_FFFF {
            throw ZIPError(message: Message(.zip64NotSupported))
        }
        guard directoryOffset <= end, directorySize <= end - directoryOffset else {
            throw ZIPError(message: Message(.zipDirectoryOutside))
        }
        var p = directoryOffset
        for _ in 0..<count {
            guard p + 46 <= end, u32(p) == 0x0201_4B50 else {
                throw ZIPError(message: Message(.zipBadDirectoryEntry, p))
            }
            let nameLength = Int(u16(p + 28)), extraLength = Int(u16(p + 30)), commentLength = Int(u16(p + 32))
            guard p + 46 + nameLength <= end else { throw ZIPError(message: Message(.zipNamePastDirectory)) }
            let name = String(decoding: bytes[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            let entry = Entry(name: name, method: u16(p + 10), crc: u32(p + 16), compressedSize: Int(u32(p + 20)),
                              size: Int(u32(p + 24)), localHeaderOffset: Int(u32(p + 42)))
            if entries[name] == nil { names.append(name) }
            entries[name] = entry
            p += 46 + nameLength + extraLength + commentLength
        }
    }

    /// The uncompressed bytes of entry `name`, or nil when the archive has no such entry.
    func read(_ name: String) throws(ZIPError) -> [UInt8]? {
        guard let entry = entries[name] else { return nil }
        let h = entry.localHeaderOffset
        guard h <= bytes.count - 30, u32(h) == 0x0403_4B50 else {
            throw ZIPError(message: Message(.zipBadLocalHeader, name))
        }
        let start = h + 30 + Int(u16(h + 26)) + Int(u16(h + 28))
        guard start <= bytes.count, entry.compressedSize <= bytes.count - start else {
            throw ZIPError(message: Message(.zipEntryPastEnd, name))
        }
        guard entry.size <= maxEntrySize else {
            throw ZIPError(message: Message(.zipEntryTooLarge, name, entry.size / 1_048_576, maxEntrySize / 1_048_576))
        }
        let out: [UInt8]
        switch entry.method {
        case 0:
            guard entry.size == entry.compressedSize else { throw ZIPError(message: Message(.zipStoredSizesDiffer, name)) }
            out = Array(bytes[start..<(start + entry.size)])
        case 8:
            // Deflate cannot expand more than about 1032:1; a larger claim is a damaged or hostile file.
            guard entry.size <= entry.compressedSize &* 1040 &+ 1024 else {
                throw ZIPError(message: Message(.zipImpossibleSize, name))
            }
            out = try inflate(start, entry)
        default:
            throw ZIPError(message: Message(.zipMethodUnsupported, name, entry.method))
        }
        let crc = out.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
        guard crc == entry.crc else { throw ZIPError(message: Message(.zipCRCMismatch, name)) }
        return out
    }

    private func inflate(_ start: Int, _ entry: Entry) throws(ZIPError) -> [UInt8] {
        if entry.size == 0 { return [] }
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw ZIPError(message: Message(.zlibInitFailed, entry.name))
        }
        defer { inflateEnd(&stream) }
        var status: Int32 = Z_DATA_ERROR
        // Uninitialized: zlib writes every byte that is kept (a 32 MB sheet need not be zeroed first).
        let out = [UInt8](unsafeUninitializedCapacity: entry.size) { output, initialized in
            status = bytes.withUnsafeBufferPointer { input in
                stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress.map { $0 + start })
                stream.avail_in = UInt32(entry.compressedSize)
                stream.next_out = output.baseAddress
                stream.avail_out = UInt32(output.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
            initialized = status == Z_STREAM_END ? min(Int(stream.total_out), output.count) : 0
        }
        guard status == Z_STREAM_END, Int(stream.total_out) == entry.size, out.count == entry.size else {
            throw ZIPError(message: Message(.zipSizeMismatch, entry.name))
        }
        return out
    }

    /// The offset of the end-of-central-directory record (searched backwards over the
    /// largest possible comment), or nil.
    private static func findEndRecord(_ b: [UInt8]) -> Int? {
        guard b.count >= 22 else { return nil }
        var p = b.count - 22
        let lowest = max(0, p - 0xFFFF)
        while p >= lowest {
            if b[p] == 0x50, b[p + 1] == 0x4B, b[p + 2] == 0x05, b[p + 3] == 0x06 { return p }
            p -= 1
        }
        return nil
    }

    private func u16(_ p: Int) -> UInt16 { UInt16(bytes[p]) | UInt16(bytes[p + 1]) << 8 }
    private func u32(_ p: Int) -> UInt32 {
        UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
    }
}

import Foundation

/// Reading tables from files (REFERENCE §8). All file access goes through the host
/// (`HostConfiguration.readFile`), which enforces the sandbox.
extension Builtins {
    static let io: [Builtin] = [
        Builtin("read_csv", ["path", "sep", "encoding", "skip", "nulls", "trim", "numbers"],
                defaults: [nil, .str(","), .str("auto"), .int(0), .list([.str("")]), .bool(false), .str("plain")], pure: false,
                doc: """
                Reads a CSV file (RFC 4180) with a header row into a table. Each column's type is inferred from \
                its cells: int, float (ints and floats mixed), bool (true/false), date (YYYY-MM-DD), else string; \
                an empty cell is null, and a column with no value at all is a string column of nulls. Numbers \
                written with leading zeros (007) and integers beyond the int range stay strings, so identifiers \
                keep their digits. Quoted fields may hold separators, line breaks and doubled quotes; CRLF or LF \
                line ends (or lone CRs, in a file with no LF) and a UTF-8 BOM are accepted. `sep` is the \
                one-character field separator. `encoding` is "auto" (a BOM, else UTF-8, else GB18030), "utf-8", \
                "gb18030" (also "gbk", "gb2312", which it contains) or "utf-16" (Excel's "Unicode text"); a \
                workbook is refused with a pointer to read_xlsx. `skip` lines above the header are ignored (a \
                report's title rows). `nulls` lists cell texts read as null besides the empty cell (e.g. \
                ["", "—", "-", "/"]). `trim: true` strips spaces and ideographic spaces (U+3000) around unquoted \
                cells and header names. `numbers: "report"` also reads 1,069 (quoted) and 1，069, 18.81% (0.1881), \
                5.5亿 and 3万, a leading +, and full-width digits as numbers, by the rules of parse_num. A malformed \
                file (unterminated quote, a row with more or fewer fields than the header, bytes invalid in its \
                encoding, an empty or duplicate column name) is an error naming the file, line and column. A \
                relative path is relative to the current working directory.
                """,
                example: "read_csv(\"Samples/data/review_cases.csv\") | where year == 2021") { call in
            let path = try call.string(0)
            var options = try CSVOptions(call)
            options.threads = call.ctx.host.threads
            let table = try IO.load(path, call) { bytes, progress, release in
                try CSVReader.read(buffer: bytes, name: path, options: options, progress: progress, release: release)
            }
            try call.ctx.noteTableBytes(table.byteSize, call.span)
            return .table(table)
        },
        Builtin("read_json", ["path"], pure: false,
                doc: """
                Reads a JSON file holding an array of objects, one object per row, into a table. Columns come \
                in the order their keys first appear; a key missing from an object is null there. A number \
                written without a fraction or exponent is an int (a float when it does not fit in 64 bits), \
                others are floats, and ints and floats mixed make a float column; strings, bools and null are \
                read as such, and a string column whose every value is an ISO date (2021-06-30) becomes a date \
                column. Nested arrays or objects, a key holding values of different types, and malformed JSON \
                are errors naming the file, line and column.
                """,
                example: "write_json(t, \"t.json\"); read_json(\"t.json\") | where year == 2021") { call in
            let path = try call.string(0)
            let table = try IO.load(path, call) { bytes, progress, release in
                try JSONReader.readDecoding(buffer: bytes, name: path, progress: progress, release: release)
            }
            try call.ctx.noteTableBytes(table.byteSize, call.span)
            return .table(table)
        },
    ]
}

/// Loading files for the reading builtins.
enum IO {
    /// Files larger than this are memory-mapped and report progress to the host while they load.
    static let bigFile = 16 << 20

    typealias Parse = (_ bytes: UnsafeBufferPointer<UInt8>, _ progress: ((Double) -> Void)?,
                       _ release: ByteRelease?) throws -> Table

    /// Parses the file at `path`; a parse error becomes a runtime error naming file, line and column.
    /// Small files are read whole through the host. Big files are memory-mapped read-only after
    /// the host has authorized the path (the same sandbox check), and the pages already parsed
    /// are given back as the parse moves on, so loading one holds little more than the table.
    static func load(_ path: String, _ call: NativeCall, _ parse: Parse) throws -> Table {
        do {
            let canonical = try call.ctx.host.authorize(path)
            if let mapped = MappedFile(canonical, minimumSize: bigFile) {
                let report = progress(path, call)
                // The last report is 1.0 whatever happens, so a progress display can finish.
                defer { report?(1) }
                return try parse(mapped.bytes, report, mapped.release)
            }
            let data = try call.ctx.host.readFile(path)
            return try data.withUnsafeBytes { raw in
                try parse(raw.bindMemory(to: UInt8.self), data.count > bigFile ? progress(path, call) : nil, nil)
            }
        } catch let error as FileAccessError {
            throw call.error(error.content)
        } catch let error as TableReadError {
            throw call.error(error.located)
        }
    }

    /// A progress callback for a big file, when the host wants one.
    static func progress(_ path: String, _ call: NativeCall) -> ((Double) -> Void)? {
        guard let report = call.ctx.host.progress else { return nil }
        return { fraction in report(path, fraction) }
    }
}

/// A regular file mapped read-only. `release(range)` drops the pages of a byte range from
/// memory (they are read again from the file if touched later). Unmapped on deinit.
final class MappedFile {
    let bytes: UnsafeBufferPointer<UInt8>
    private let base: UnsafeMutableRawPointer
    private let pageSize = max(Int(sysconf(Int32(_SC_PAGESIZE))), 4096)

    /// nil when the file cannot be opened or mapped, is not a regular file, or is smaller than `minimumSize`.
    init?(_ path: String, minimumSize: Int) {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) > minimumSize,
              let p = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, fd, 0), p != UnsafeMutableRawPointer(bitPattern: -1)
        else { return nil }
        base = p
        bytes = UnsafeBufferPointer(start: p.assumingMemoryBound(to: UInt8.self), count: Int(info.st_size))
        _ = madvise(p, bytes.count, MADV_SEQUENTIAL)
    }

    /// Drops the whole pages inside `range`. Safe from several threads at once (each reader
    /// releases its own range).
    func release(_ range: Range<Int>) {
        let start = (max(range.lowerBound, 0) + pageSize - 1) / pageSize * pageSize
        let end = min(range.upperBound, bytes.count) / pageSize * pageSize
        guard end > start else { return }
        _ = madvise(base + start, end - start, MADV_DONTNEED)
    }

    deinit { munmap(base, bytes.count) }
}

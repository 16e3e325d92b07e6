import Foundation

// Reading a big CSV file on several threads (`--threads`, `HostConfiguration.threads`).
//
// The rows are cut into ranges at line ends outside quoted fields (one pass that counts
// quotes); each range is read by its own parser into its own column builders, and the
// builders are joined in file order. The table is the one a single thread reads — the same
// types, values, null cells and string dictionaries (codes in order of first appearance) —
// and so are the errors: when any range fails, or a column's ranges disagree in a way the
// join cannot reproduce exactly (numbers in one range and text in another), the file is read
// again from the start on one thread, which gives the table or the error a single thread
// gives. Ints after a range that made a column float are read again as floats, as a single
// thread would have read them (docs/DECISIONS.md, issue 15).
extension CSVParser {
    /// Below this many bytes of rows per thread, one thread reads the file (tests lower it).
    nonisolated(unsafe) static var minimumBytesPerThread = 8 << 20
    /// Wider files are read on one thread (each range holds a builder per column).
    static let maximumParallelColumns = 2_048

    /// The table read on `options.threads` threads, or nil when one thread should read it.
    func parseInParallel(progress: ((Double) -> Void)?, release: ByteRelease?) -> Table? {
        let wanted = min(options.threads, (end - dataStart) / max(Self.minimumBytesPerThread, 1))
        guard wanted > 1, names.count <= Self.maximumParallelColumns else { return nil }
        let starts = rangeStarts(wanted)
        guard starts.count > 1 else { return nil }
        let parsers = starts.indices.map { i in
            let parser = CSVParser(buffer: bytes, name: name, separator: sep, options: options,
                                   end: i + 1 < starts.count ? starts[i + 1] : end)
            parser.names = names
            parser.dataStart = starts[i]
            parser.builders = names.map { _ in TypedColumnBuilder(reportNumbers: options.reportNumbers) }
            // The first range's columns become the table's: room for every row of the file.
            if i == 0 { parser.reserveEnd = end }
            return parser
        }
        guard let rows = Self.runEach(parsers, progress: progress, { _, parser, progress in
            try parser.parseRows(progress: progress, release: release)
        }) else { return nil }

        // Join column by column; ranges holding ints after a float range are read again first.
        // A column that cannot be joined exactly sends the whole file to one thread.
        var again: [Int: [Int]] = [:]  // range → columns to read as floats
        for k in names.indices {
            switch TypedColumnBuilder.planJoin(parsers.map { $0.builders[k] }) {
            case .mixed: return nil
            case .readAsFloats(let ranges): for r in ranges { again[r, default: []].append(k) }
            case .join: break
            }
        }
        if !again.isEmpty {
            let redo = again.keys.sorted()
            for r in redo { for k in again[r] ?? [] { parsers[r].builders[k] = .floats(reportNumbers: options.reportNumbers) } }
            guard Self.runEach(redo.map { parsers[$0] }, progress: nil, { i, parser, _ in
                try parser.parseRows(progress: nil, release: nil, columns: again[redo[i]])
            }) != nil else { return nil }
        }
        var kinds: [TypedColumnBuilder.Kind] = []
        for k in names.indices {
            guard case .join(let kind) = TypedColumnBuilder.planJoin(parsers.map { $0.builders[k] }) else { return nil }
            kinds.append(kind)
        }
        builders = []
        for k in names.indices {
            // Moved out of the ranges, so the first range's arrays grow in place.
            var parts: [TypedColumnBuilder] = []
            for parser in parsers {
                parts.append(parser.builders[k])
                parser.builders[k] = TypedColumnBuilder(reportNumbers: options.reportNumbers)
            }
            builders.append(TypedColumnBuilder.joined(&parts, kind: kinds[k], reportNumbers: options.reportNumbers))
        }
        progress?(1.0)
        return finishTable(rows: rows.reduce(0, +))
    }

    /// Runs `body(index, parser, progress)` for every parser at once, the first on this thread (so `progress` is only
    /// ever called from the caller's thread). nil when any of them throws.
    private static func runEach(_ parsers: [CSVParser], progress: ((Double) -> Void)?,
                                _ body: (Int, CSVParser, ((Double) -> Void)?) throws -> Int) -> [Int]? {
        // Each worker writes only its own slot; the parsers share nothing but the file's bytes.
        let rows = UnsafeMutableBufferPointer<Int>.allocate(capacity: parsers.count)
        defer { rows.deallocate() }
        rows.initialize(repeating: -1)
        WorkerThreads.run(parsers.count) { i in
            rows[i] = (try? body(i, parsers[i], i == 0 ? progress : nil)) ?? -1
        }
        return rows.contains(-1) ? nil : Array(rows)
    }

    /// Where each range of rows starts: `dataStart`, then the first line start after each
    /// `count`-th of the rows' bytes that lies outside a quoted field.
    func rangeStarts(_ count: Int) -> [Int] {
        var starts = [dataStart]
        var p = dataStart
        var quoted = false
        let size = end - dataStart
        for j in 1..<count {
            let target = dataStart + size / count * j
            guard target > p else { continue }
            // Quotes up to the target toggle `quoted` (`""` inside a quoted field toggles twice).
            while let q = Self.find(Self.quote, in: base, from: p, to: target) {
                quoted.toggle()
                p = q + 1
            }
            p = target
            // Then the first line feed outside quotes ends the range.
            while p < end, quoted || base[p] != Self.lf {
                if base[p] == Self.quote { quoted.toggle() }
                p += 1
            }
            guard p + 1 < end else { break }
            p += 1
            starts.append(p)
        }
        return starts
    }

    private static func find(_ byte: UInt8, in base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard to > from, let hit = memchr(base + from, Int32(byte), to - from) else { return nil }
        return UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
    }
}

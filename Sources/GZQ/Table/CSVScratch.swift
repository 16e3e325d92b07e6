/// A growable byte buffer with a stable address, for unescaped cells. Its owner calls `free()`.
struct ScratchBytes {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private var capacity = 256
    private(set) var count = 0

    init() { base = .allocate(capacity: 256) }

    mutating func reset() { count = 0 }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow() }
        base[count] = byte
        count += 1
    }

    mutating func append<S: Sequence>(contentsOf bytes: S) where S.Element == UInt8 {
        for b in bytes { append(b) }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity * 2)
        bigger.update(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity *= 2
    }

    func free() { base.deallocate() }
}

/// The cells of up to `capacity` records: byte spans into the file, or into `arena` for
/// quoted fields whose `""` escapes were undone. Row-major; freed by its owner.
struct CellChunk {
    let capacity: Int
    let starts: UnsafeMutablePointer<Int>
    let ends: UnsafeMutablePointer<Int>
    let inArena: UnsafeMutablePointer<Bool>
    let rowStarts: UnsafeMutablePointer<Int>
    var arena = ScratchBytes()

    init(rows: Int, columns: Int) {
        capacity = rows
        starts = .allocate(capacity: rows * columns)
        ends = .allocate(capacity: rows * columns)
        inArena = .allocate(capacity: rows * columns)
        rowStarts = .allocate(capacity: rows)
    }

    func free() {
        starts.deallocate()
        ends.deallocate()
        inArena.deallocate()
        rowStarts.deallocate()
        arena.free()
    }
}

/// One column's cells in a `CellChunk`.
struct CellSpans {
    let file: UnsafePointer<UInt8>
    let arena: UnsafePointer<UInt8>
    let starts: UnsafePointer<Int>
    let ends: UnsafePointer<Int>
    let inArena: UnsafePointer<Bool>
    let stride: Int
    let column: Int

    init(file: UnsafePointer<UInt8>, arena: UnsafePointer<UInt8>, starts: UnsafeMutablePointer<Int>, ends: UnsafeMutablePointer<Int>,
         inArena: UnsafeMutablePointer<Bool>, stride: Int, column: Int) {
        self.file = file
        self.arena = arena
        self.starts = UnsafePointer(starts)
        self.ends = UnsafePointer(ends)
        self.inArena = UnsafePointer(inArena)
        self.stride = stride
        self.column = column
    }

    @inline(__always)
    func bytes(_ row: Int) -> (UnsafePointer<UInt8>, Int) {
        let i = row * stride + column
        let start = starts[i]
        return ((inArena[i] ? arena : file) + start, ends[i] - start)
    }

    @inline(__always)
    func isEmpty(_ row: Int) -> Bool {
        let i = row * stride + column
        return starts[i] == ends[i]
    }
}

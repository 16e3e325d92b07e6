struct FrameHeader {
    var parent: Frame?
    let count: Int
}

/// The variables of one function activation (or one loop iteration that closures capture).
/// Closures keep their defining frame alive, which is how they capture by reference.
/// Slots are tail-allocated: a call costs one allocation. Slot indices come from the
/// Resolver and are always below the frame size, so access is unchecked.
final class Frame: ManagedBuffer<FrameHeader, Value> {
    static func make(size: Int, parent: Frame?) -> Frame {
        let buffer = Frame.create(minimumCapacity: size) { _ in FrameHeader(parent: parent, count: size) }
        let frame = unsafeDowncast(buffer, to: Frame.self)
        frame.withUnsafeMutablePointerToElements { elements in
            for i in 0..<size { (elements + i).initialize(to: .null) }
        }
        return frame
    }

    deinit {
        // Element-wise: the generic bulk deinitialize goes through the runtime's arrayDestroy,
        // which costs more than the few slots a frame has.
        withUnsafeMutablePointers { header, elements in
            for i in 0..<header.pointee.count { _ = (elements + i).move() }
        }
    }

    var parent: Frame? { header.parent }

    /// Clears the slots and the parent so the frame can serve another call of the same size.
    func reset() {
        withUnsafeMutablePointers { header, elements in
            for i in 0..<header.pointee.count { elements[i] = .null }
            header.pointee.parent = nil
        }
    }

    @inline(__always)
    subscript(_ slot: Int) -> Value {
        get { withUnsafeMutablePointerToElements { $0[slot] } }
        set { withUnsafeMutablePointerToElements { $0[slot] = newValue } }
    }

    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth { f = f.parent ?? f }
        return f
    }

    /// The frame top-level code runs in: its variables are globals, so it holds none.
    static func topLevel() -> Frame { make(size: 0, parent: nil) }
}

/// A module's top-level variables; grows as REPL entries declare more.
final class GlobalFrame {
    var slots: [Value] = []
}

/// A file's top level: its global frame, the names declared there, and whether it has run.
final class Module {
    enum State { case resolving, resolved, running, done }

    let name: String
    let directory: String?
    let frame = GlobalFrame()
    /// Top-level names → slots in `frame`. Persistent across REPL entries.
    var globals: [String: Int] = [:]
    var body: Node?
    var state: State = .resolving

    init(name: String, directory: String?) {
        self.name = name
        self.directory = directory
    }

    /// Exported names, in slot order (so `import … as m` builds a stable record).
    var exports: [(name: String, slot: Int)] {
        globals.map { ($0.key, $0.value) }.sorted { $0.slot < $1.slot }
    }
}

/// Frames of finished calls that no closure captured, kept for reuse by size, so that a
/// call usually costs no allocation. (A frame a closure still holds is never recycled.)
struct FramePool {
    private var free: [[Frame]] = Array(repeating: [], count: FramePool.maxSize + 1)
    static let maxSize = 16
    static let maxPerSize = 64

    @inline(__always)
    mutating func take(size: Int, parent: Frame?) -> Frame {
        if size <= FramePool.maxSize, let frame = free[size].popLast() {
            frame.header.parent = parent
            return frame
        }
        return Frame.make(size: size, parent: parent)
    }

    @inline(__always)
    mutating func recycle(_ frame: inout Frame) {
        let size = frame.header.count
        guard size <= FramePool.maxSize, free[size].count < FramePool.maxPerSize, isKnownUniquelyReferenced(&frame) else { return }
        frame.reset()
        free[size].append(frame)
    }
}

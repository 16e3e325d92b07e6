struct FrameHeader {
    var parent: Frame?
    let count: Int
    /// Set when a closure captured this frame (or a frame below it): the frame then outlives
    /// its call and `CallFrames` must not reuse it.
    var escaped = false
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

    /// Marks this frame and its ancestors as captured by a closure (see `FrameHeader.escaped`).
    func markEscaped() {
        var frame: Frame? = self
        while let f = frame, !f.header.escaped {
            f.header.escaped = true
            frame = f.header.parent
        }
    }

    /// Clears the first `size` slots and the parent, so the frame can serve another call
    /// (`CallFrames.release`); slots past `size` are already null.
    @inline(__always)
    func clear(_ size: Int) {
        withUnsafeMutablePointers { header, elements in
            for i in 0..<size { Frame.setNull(elements + i) }
            if header.pointee.parent != nil { header.pointee.parent = nil }
        }
    }

    /// Stores into a slot known to hold null (a claimed frame's parameter slots): nothing to destroy.
    @inline(__always)
    func initializeSlot(_ slot: Int, to value: Value) {
        withUnsafeMutablePointerToElements { ($0 + slot).initialize(to: value) }
    }

    /// Sets a slot to null, destroying the old value only when it holds a reference.
    @inline(__always)
    static func setNull(_ p: UnsafeMutablePointer<Value>) { set(p, .null) }

    /// Stores into a slot, destroying the old value only when it holds a reference (the
    /// generic assignment calls out to destroy even an int).
    @inline(__always)
    static func set(_ p: UnsafeMutablePointer<Value>, _ value: Value) {
        switch p.pointee {
        case .null, .bool, .int, .float, .date: p.initialize(to: value)
        default: p.pointee = value
        }
    }

    @inline(__always)
    subscript(_ slot: Int) -> Value {
        get { withUnsafeMutablePointerToElements { $0[slot] } }
        set { withUnsafeMutablePointerToElements { $0[slot] = newValue } }
    }

    /// Reads slot `slot` in place; an int is returned without copying through the generic path.
    @inline(__always)
    func withSlot(_ slot: Int, _ body: (UnsafeMutablePointer<Value>) -> Value) -> Value {
        withUnsafeMutablePointerToElements { elements in
            let p = elements + slot
            if case .int(let x) = p.pointee { return .int(x) }
            return body(p)
        }
    }

    @inline(__always)
    func withSlotPointer<R>(_ slot: Int, _ body: (UnsafeMutablePointer<Value>) throws -> R) rethrows -> R {
        try withUnsafeMutablePointerToElements { try body($0 + slot) }
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

/// A module's top-level variables; grows as REPL entries declare more. The slots sit in one
/// manually managed buffer, so a global read or write is a pointer offset: no array
/// copy-on-write check and no retain of an array buffer. Nodes read `base` on every access,
/// so growing (between runs, when names are declared) may move the buffer.
final class GlobalFrame {
    private(set) var base: UnsafeMutablePointer<Value>
    private(set) var count = 0
    private var capacity: Int

    init() {
        capacity = 16
        base = .allocate(capacity: capacity)
    }

    deinit {
        base.deinitialize(count: count)
        base.deallocate()
    }

    /// The slots as a collection-like view (declare, read, clear).
    var slots: Slots { Slots(frame: self) }

    struct Slots {
        let frame: GlobalFrame
        var count: Int { frame.count }
        subscript(_ slot: Int) -> Value {
            get { frame.base[slot] }
            nonmutating set { frame.base[slot] = newValue }
        }
        func append(_ value: Value) { frame.append(value) }
        /// Drops every value (breaks the cycles functions form with their module's frame).
        func removeAll() { frame.removeAll() }
    }

    private func append(_ value: Value) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<Value>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: value)
        count += 1
    }

    private func removeAll() {
        base.deinitialize(count: count)
        count = 0
    }
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
    /// Every function resolved in this module. Keeps them alive as long as the module (the
    /// interpreter), so a call in progress may rely on its `BoundFunction` even when the
    /// function value it came from is reassigned and freed during the call.
    var functions: [BoundFunction] = []

    init(name: String, directory: String?) {
        self.name = name
        self.directory = directory
    }

    /// Exported names, in slot order (so `import … as m` builds a stable record).
    var exports: [(name: String, slot: Int)] {
        globals.map { ($0.key, $0.value) }.sorted { $0.slot < $1.slot }
    }
}

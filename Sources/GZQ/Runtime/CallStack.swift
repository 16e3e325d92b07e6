/// The frames of calls in progress, one per active call, reused from call to call: a call
/// to a user function takes the next frame of this stack, fills its parameter slots and
/// gives it back on return, so a call allocates nothing and no reference count changes on
/// the way (the stack holds its frames through `Unmanaged`). A frame a closure captured
/// (`Frame.markEscaped`) stays with the closure, and the stack makes a new one in its place.
///
/// `top` counts claimed frames. It is not the call depth: a frame is claimed before the
/// arguments are evaluated (they go straight into it), so calls inside arguments claim the
/// frames above it, while `Context.depth` — the stack-overflow limit — counts entered calls only.
struct CallFrames {
    /// Each entry holds one retain of its frame.
    private var frames: UnsafeMutablePointer<Unmanaged<Frame>?>
    private var capacity: Int
    var top = 0

    /// Frames are made at least this big, so one frame serves most functions.
    static let minimumSlots = 8

    init() {
        capacity = 64
        frames = .allocate(capacity: capacity)
        frames.initialize(repeating: nil, count: capacity)
    }

    /// Frees the frames and the buffer (Context's deinit; the struct is never copied).
    func destroy() {
        for i in 0..<capacity { frames[i]?.release() }
        frames.deinitialize(count: capacity)
        frames.deallocate()
    }

    /// The next frame, with at least `size` slots (all null) and `parent` set. Unretained: the
    /// stack holds it until `release`.
    @inline(__always)
    mutating func claim(size: Int, parent: Unmanaged<Frame>?) -> Unmanaged<Frame> {
        if top == capacity { grow() }
        let slot = frames + top
        top += 1
        if let frame = slot.pointee, frame._withUnsafeGuaranteedRef({ $0.header.count >= size }) {
            if let parent { frame._withUnsafeGuaranteedRef { $0.header.parent = parent.takeUnretainedValue() } }
            return frame
        }
        slot.pointee?.release()
        let frame = Unmanaged.passRetained(Frame.make(size: max(size, CallFrames.minimumSlots), parent: parent?.takeUnretainedValue()))
        slot.pointee = frame
        return frame
    }

    /// Gives back the frame `claim` returned last: clears its first `size` slots and its parent
    /// for the next call, or leaves it to the closure that captured it.
    @inline(__always)
    mutating func release(size: Int) {
        top -= 1
        let slot = frames + top
        guard let frame = slot.pointee else { return }
        let escaped = frame._withUnsafeGuaranteedRef { f -> Bool in
            if f.header.escaped { return true }
            f.clear(size)
            return false
        }
        if escaped {
            slot.pointee = nil
            frame.release()
        }
    }

    private mutating func grow() {
        let bigger = UnsafeMutablePointer<Unmanaged<Frame>?>.allocate(capacity: capacity * 2)
        bigger.moveInitialize(from: frames, count: capacity)
        (bigger + capacity).initialize(repeating: nil, count: capacity)
        frames.deallocate()
        frames = bigger
        capacity *= 2
    }
}

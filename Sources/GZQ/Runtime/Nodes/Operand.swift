/// An operator's operand, read without a virtual call when it is a variable or an int
/// literal (`n - 1`, `i * i`, `s + x`): the node holds where the value is, and an int is
/// read from its slot in place, without copying the `Value` through the generic path.
struct Operand {
    private enum Kind: UInt8 { case local, global, int, node }
    private let kind: Kind
    private let slot: Int
    private let k: Int
    // Unmanaged, so that reading them retains nothing; the operator node's `left`/`right`
    // keep them alive.
    private let globals: Unmanaged<GlobalFrame>?
    private let node: Unmanaged<Node>

    init(_ node: Node) {
        self.node = Unmanaged.passUnretained(node)
        var kind = Kind.node, slot = 0, k = 0, globals: GlobalFrame? = nil
        if let l = node as? LocalGet {
            (kind, slot) = (.local, l.slot)
        } else if let g = node as? GlobalGet {
            (kind, slot, globals) = (.global, g.slot, g.frame)
        } else if let c = node as? ConstantNode, case .int(let i) = c.value {
            (kind, k) = (.int, i)
        }
        self.kind = kind
        self.slot = slot
        self.k = k
        self.globals = globals.map { Unmanaged.passUnretained($0) }
    }

    @inline(__always)
    func value(_ ctx: Context, _ frame: Frame) throws -> Value {
        switch kind {
        case .local: return frame.withSlot(slot) { $0.pointee }
        case .global: return Operand.read(globals.unsafelyUnwrapped._withUnsafeGuaranteedRef { $0.base } + slot)
        case .int: return .int(k)
        case .node: return try node._withUnsafeGuaranteedRef { try $0.eval(ctx, frame) }
        }
    }

    @inline(__always)
    private static func read(_ p: UnsafeMutablePointer<Value>) -> Value {
        if case .int(let x) = p.pointee { return .int(x) }
        return p.pointee
    }
}

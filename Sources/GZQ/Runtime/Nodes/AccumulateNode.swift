/// `x = x + e` with `x` a local or global and `e` free of side effects (variables, literals,
/// operators over them): adds into the slot in place. An int stays an int in its slot with
/// one overflow-checked add and no type dispatch; anything else goes the way `AddNode` goes.
/// (Only for such `e`: a call in `e` could assign `x`, and `x` must be read before it.)
final class AccumulateNode: StoreNode {
    private let local: Bool
    private let slot: Int
    private let globals: GlobalFrame?
    private let addend: Operand
    /// The `x + e` node, for its span in errors.
    private let sum: AddNode

    private init(local: Bool, slot: Int, globals: GlobalFrame?, sum: AddNode, target: SlotRef, span: Span) {
        self.local = local
        self.slot = slot
        self.globals = globals
        self.sum = sum
        self.addend = sum.rhs
        super.init(target: target, value: sum, span: span)
    }

    /// The accumulating form of `target = value`, when it is one.
    static func make(target: SlotRef, value: Node, span: Span) -> StoreNode? {
        guard let sum = value as? AddNode, isPure(sum.right) else { return nil }
        switch (target, sum.left) {
        case (.local(let s), let read as LocalGet) where read.slot == s:
            return AccumulateNode(local: true, slot: s, globals: nil, sum: sum, target: target, span: span)
        case (.global(let g, let s), let read as GlobalGet) where read.slot == s && read.frame === g:
            return AccumulateNode(local: false, slot: s, globals: g, sum: sum, target: target, span: span)
        default:
            return nil
        }
    }

    /// Variables, literals and arithmetic over them: evaluating them changes nothing.
    private static func isPure(_ node: Node) -> Bool {
        switch node {
        case is ConstantNode, is LocalGet, is GlobalGet, is UpvalueGet: return true
        case let b as BinaryOperands: return isPure(b.left) && isPure(b.right)
        case let c as IntConstantOperand: return isPure(c.left)
        default: return false
        }
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let b = try addend.value(ctx, frame)
        if local {
            try frame.withSlotPointer(slot) { try add(b, into: $0, ctx) }
        } else {
            try add(b, into: globals.unsafelyUnwrapped.base + slot, ctx)
        }
        return .null
    }

    @inline(__always)
    private func add(_ b: Value, into p: UnsafeMutablePointer<Value>, _ ctx: Context) throws {
        if case .int(let x) = p.pointee, case .int(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            // The old value is an int (trivial), so it may be overwritten without destroying it.
            if !o { p.initialize(to: .int(r)); return }
        }
        let a = p.pointee
        try ctx.checkJoin(a, b, sum.span)
        p.pointee = try Arithmetic.add(a, b, sum.span)
    }
}

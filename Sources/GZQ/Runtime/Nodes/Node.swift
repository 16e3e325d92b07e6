/// The executable bound tree: `final class` nodes with `let` children and an
/// overridden `eval` (measured fastest here, docs/BUILDING.md §7). Built by the Resolver;
/// names are already slots, so evaluation never looks a name up.
class Node {
    let span: Span

    init(span: Span) { self.span = span }

    func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        throw RuntimeError(.unevaluableNode, at: span)
    }
}

final class ConstantNode: Node {
    let value: Value
    init(_ value: Value, span: Span) {
        self.value = value
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value { value }
}

// MARK: - Variables

final class LocalGet: Node {
    let slot: Int
    init(slot: Int, span: Span) {
        self.slot = slot
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value { frame[slot] }
}

final class UpvalueGet: Node {
    let depth: Int, slot: Int
    init(depth: Int, slot: Int, span: Span) {
        self.depth = depth
        self.slot = slot
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value { frame.ancestor(depth)[slot] }
}

final class GlobalGet: Node {
    let frame: GlobalFrame
    let slot: Int
    init(frame: GlobalFrame, slot: Int, span: Span) {
        self.frame = frame
        self.slot = slot
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value { self.frame.base[slot] }
}

/// Where an assignment or `let` stores its value.
enum SlotRef {
    case local(Int)
    case upvalue(depth: Int, slot: Int)
    case global(GlobalFrame, Int)

    @inline(__always)
    func store(_ value: Value, _ frame: Frame) {
        switch self {
        case .local(let s): frame[s] = value
        case .upvalue(let d, let s): frame.ancestor(d)[s] = value
        case .global(let f, let s): f.base[s] = value
        }
    }

    func load(_ frame: Frame) -> Value {
        switch self {
        case .local(let s): return frame[s]
        case .upvalue(let d, let s): return frame.ancestor(d)[s]
        case .global(let f, let s): return f.base[s]
        }
    }
}

/// `let x = e` and `x = e`; the statement's value is null.
class StoreNode: Node {
    let target: SlotRef
    let value: Node
    init(target: SlotRef, value: Node, span: Span) {
        self.target = target
        self.value = value
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        target.store(try value.eval(ctx, frame), frame)
        return .null
    }

    /// A store specialised by where it goes (no switch over `SlotRef`, no retain of its frame).
    static func make(target: SlotRef, value: Node, span: Span) -> StoreNode {
        if let accumulate = AccumulateNode.make(target: target, value: value, span: span) { return accumulate }
        switch target {
        case .local(let slot): return StoreLocal(slot: slot, target: target, value: value, span: span)
        case .global(let globals, let slot): return StoreGlobal(globals, slot: slot, target: target, value: value, span: span)
        case .upvalue: return StoreNode(target: target, value: value, span: span)
        }
    }
}

final class StoreLocal: StoreNode {
    let slot: Int
    init(slot: Int, target: SlotRef, value: Node, span: Span) {
        self.slot = slot
        super.init(target: target, value: value, span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let v = try value.eval(ctx, frame)
        frame[slot] = v
        return .null
    }
}

final class StoreGlobal: StoreNode {
    let globals: GlobalFrame
    let slot: Int
    init(_ globals: GlobalFrame, slot: Int, target: SlotRef, value: Node, span: Span) {
        self.globals = globals
        self.slot = slot
        super.init(target: target, value: value, span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let v = try value.eval(ctx, frame)
        globals.base[slot] = v
        return .null
    }
}

/// `fn name(...) ...`: stores a closure over the current frame.
final class FunctionDeclNode: Node {
    let target: SlotRef
    let function: BoundFunction
    init(target: SlotRef, function: BoundFunction, span: Span) {
        self.target = target
        self.function = function
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        target.store(.function(UserFunction(function, captured: frame)), frame)
        return .null
    }
}

final class LambdaNode: Node {
    let function: BoundFunction
    init(function: BoundFunction, span: Span) {
        self.function = function
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        .function(UserFunction(function, captured: frame))
    }
}

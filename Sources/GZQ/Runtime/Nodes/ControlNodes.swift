/// Blocks, conditionals, loops, `try`, and the statements that leave them.
final class BlockNode: Node {
    let statements: ContiguousArray<Node>
    init(_ statements: [Node], span: Span) {
        self.statements = ContiguousArray(statements)
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var result = Value.null
        for statement in statements {
            result = try statement.eval(ctx, frame)
            if ctx.control != .none { return .null }
        }
        return result
    }
}

final class IfNode: Node {
    let condition: Node, then: Node
    let otherwise: Node?
    /// `condition` when it compares with an int literal (`n < 2`): tested inline, without a
    /// call or a bool value.
    private let comparison: IntComparison?
    init(_ condition: Node, _ then: Node, _ otherwise: Node?, span: Span) {
        self.condition = condition
        self.then = then
        self.otherwise = otherwise
        comparison = (condition as? IntConstantOperand)?.comparison
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let truth: Bool
        if let comparison {
            truth = try comparison.test(ctx, frame)
        } else {
            truth = try condition.eval(ctx, frame).isTruthy
        }
        if truth { return try then.eval(ctx, frame) }
        return try otherwise?.eval(ctx, frame) ?? .null
    }
}

/// How a loop body gets its variables: in the enclosing frame, or — when the body
/// creates closures — in a fresh frame per iteration, so each closure sees its own.
enum LoopStorage {
    case shared(variable: SlotRef?)
    case perIteration(frameSize: Int)

    @inline(__always)
    func iterationFrame(_ frame: Frame, value: Value?) -> Frame {
        switch self {
        case .shared(let variable):
            if let value, let variable { variable.store(value, frame) }
            return frame
        case .perIteration(let size):
            let f = Frame.make(size: size, parent: frame)
            if let value { f[0] = value }
            return f
        }
    }
}

/// Handles break/continue after a body ran; returns false when the loop must stop.
@inline(__always)
private func continueAfterBody(_ ctx: Context) -> Bool {
    switch ctx.control {
    case .none: return true
    case .continueLoop: ctx.control = .none; return true
    case .breakLoop: ctx.control = .none; return false
    case .returnValue: return false
    }
}

final class WhileNode: Node {
    let condition: Node, body: Node
    let storage: LoopStorage
    init(_ condition: Node, _ body: Node, storage: LoopStorage, span: Span) {
        self.condition = condition
        self.body = body
        self.storage = storage
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        while try condition.eval(ctx, frame).isTruthy {
            try ctx.step(span)
            _ = try body.eval(ctx, storage.iterationFrame(frame, value: nil))
            if !continueAfterBody(ctx) { break }
        }
        return .null
    }
}

/// `for x in a..b`: iterates without building the list. The counter is a plain Int; when
/// the loop variable is a local or global of the enclosing frame it is stored straight into
/// its slot (no `LoopStorage` switch, no retain of the global frame per iteration).
final class ForRangeNode: Node {
    let low: Node, high: Node, body: Node
    let storage: LoopStorage
    private enum Counter: UInt8 { case local, global, other }
    private let counter: Counter
    private let counterSlot: Int
    private let counterGlobals: GlobalFrame?

    init(low: Node, high: Node, body: Node, storage: LoopStorage, span: Span) {
        self.low = low
        self.high = high
        self.body = body
        self.storage = storage
        var kind = Counter.other, slot = 0, globals: GlobalFrame? = nil
        if case .shared(let variable?) = storage {
            switch variable {
            case .local(let s): (kind, slot) = (.local, s)
            case .global(let g, let s): (kind, slot, globals) = (.global, s, g)
            case .upvalue: break
            }
        }
        counter = kind
        counterSlot = slot
        counterGlobals = globals
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try low.eval(ctx, frame), b = try high.eval(ctx, frame)
        guard case .int(let lo) = a, case .int(let hi) = b else {
            if a.isNull || b.isNull { return .null }
            throw RuntimeError(.rangeNeedsInts, a.typeName, b.typeName, at: span)
        }
        guard lo <= hi else { return .null }
        switch counter {
        case .local:
            try run(lo, hi, ctx, frame) { i in frame.withSlotPointer(counterSlot) { Frame.set($0, .int(i)) } }
        case .global:
            let globals = counterGlobals.unsafelyUnwrapped
            try run(lo, hi, ctx, frame) { i in Frame.set(globals.base + counterSlot, .int(i)) }
        case .other:
            var i = lo
            while true {
                try ctx.step(span)
                _ = try body.eval(ctx, storage.iterationFrame(frame, value: .int(i)))
                if ctx.control != .none, !continueAfterBody(ctx) { break }
                if i == hi { break }
                i += 1
            }
        }
        return .null
    }

    /// The loop with the counter stored by `setCounter` into the enclosing frame's slot.
    @inline(__always)
    private func run(_ lo: Int, _ hi: Int, _ ctx: Context, _ frame: Frame, _ setCounter: (Int) -> Void) throws {
        var i = lo
        while true {
            try ctx.step(span)
            setCounter(i)
            _ = try body.eval(ctx, frame)
            if ctx.control != .none, !continueAfterBody(ctx) { break }
            if i == hi { break }
            i += 1
        }
    }
}

final class ForEachNode: Node {
    let iterable: Node, body: Node
    let storage: LoopStorage
    init(iterable: Node, body: Node, storage: LoopStorage, span: Span) {
        self.iterable = iterable
        self.body = body
        self.storage = storage
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        var collection = try iterable.eval(ctx, frame)
        if ctx.remoteTablesExist { collection = try collection.pulled(ctx, at: iterable.span) }
        switch collection {
        case .list(let list):
            for item in list.items where try iteration(ctx, frame, item) == false { break }
        case .table(let table):
            for i in 0..<table.rowCount where try iteration(ctx, frame, table.row(i)) == false { break }
        case .string(let s):
            for ch in s.value where try iteration(ctx, frame, .str(String(ch))) == false { break }
        case .null:
            break
        default:
            throw RuntimeError(.notIterable, collection.typeName, at: iterable.span)
        }
        return .null
    }

    @inline(__always)
    private func iteration(_ ctx: Context, _ frame: Frame, _ value: Value) throws -> Bool {
        try ctx.step(span)
        _ = try body.eval(ctx, storage.iterationFrame(frame, value: value))
        return continueAfterBody(ctx)
    }
}

final class ReturnNode: Node {
    let value: Node?
    init(_ value: Node?, span: Span) {
        self.value = value
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        ctx.returnValue = try value?.eval(ctx, frame) ?? .null
        ctx.control = .returnValue
        return .null
    }
}

final class BreakNode: Node {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        ctx.control = .breakLoop
        return .null
    }
}

final class ContinueNode: Node {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        ctx.control = .continueLoop
        return .null
    }
}

/// `try { … } catch e { … }`: catches ordinary runtime errors; limits and interrupts pass through.
final class TryNode: Node {
    let body: Node, handler: Node
    let errorSlot: SlotRef
    init(body: Node, errorSlot: SlotRef, handler: Node, span: Span) {
        self.body = body
        self.errorSlot = errorSlot
        self.handler = handler
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let depth = ctx.depth
        let row = ctx.row
        do {
            return try body.eval(ctx, frame)
        } catch let error as RuntimeError where error.kind == .ordinary {
            ctx.depth = depth
            ctx.row = row
            ctx.control = .none
            errorSlot.store(ctx.errorRecord(error), frame)
            return try handler.eval(ctx, frame)
        }
    }
}

extension Context {
    /// The record a `catch` variable holds: `{message, line, column, file}`.
    func errorRecord(_ error: RuntimeError) -> Value {
        var line = 0, column = 0, file = ""
        if let source = sources[error.span.file] {
            (line, column) = source.location(of: Int(error.span.start))
            file = source.name
        }
        return .record(keys: ["message", "line", "column", "file"],
                       values: [.str(error.message), .int(line), .int(column), .str(file)])
    }
}

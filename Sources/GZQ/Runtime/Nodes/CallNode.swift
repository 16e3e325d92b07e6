/// A call `f(a, b, name: c)`. Positional calls of user functions with the right number of
/// arguments take the fast path: the callee is read from its slot without copying the
/// function value, the arguments are evaluated straight into a reused frame of
/// `Context.callFrames`, and nothing is allocated. Everything else goes through `Function.match`.
final class CallNode: Node {
    let callee: Node
    let arguments: ContiguousArray<Node>
    /// Nil when no argument is named.
    let labels: [String?]?
    let labelSpans: [Span]

    /// Where the callee is, when it can be read without evaluating `callee` (a global, a local,
    /// or a builtin constant). The references are kept alive by `callee`.
    private enum CalleeKind: UInt8 { case global, local, constant, other }
    private let calleeKind: CalleeKind
    private let calleeGlobals: GlobalFrame?
    private let calleeSlot: Int
    private let calleeConstant: Function?
    /// `arguments`, readable without retaining each node (the array keeps them alive).
    private let argumentRefs: UnsafeMutablePointer<Unmanaged<Node>>

    init(callee: Node, arguments: [Node], labels: [String?]?, labelSpans: [Span], span: Span) {
        self.callee = callee
        self.arguments = ContiguousArray(arguments)
        self.labels = labels
        self.labelSpans = labelSpans
        var kind = CalleeKind.other, globals: GlobalFrame? = nil, slot = 0, constant: Function? = nil
        if labels == nil {
            if let g = callee as? GlobalGet {
                (kind, globals, slot) = (.global, g.frame, g.slot)
            } else if let l = callee as? LocalGet {
                (kind, slot) = (.local, l.slot)
            } else if let c = callee as? ConstantNode, case .function(let f) = c.value {
                (kind, constant) = (.constant, f)
            }
        }
        calleeKind = kind
        calleeGlobals = globals
        calleeSlot = slot
        calleeConstant = constant
        argumentRefs = .allocate(capacity: max(1, arguments.count))
        for (i, node) in arguments.enumerated() { (argumentRefs + i).initialize(to: Unmanaged.passUnretained(node)) }
        super.init(span: span)
    }

    deinit { argumentRefs.deallocate() }

    /// The function in the callee's slot, unretained (nil when it is not a function or the
    /// callee is an expression).
    @inline(__always)
    private func peekCallee(_ frame: Frame) -> Unmanaged<Function>? {
        switch calleeKind {
        case .global:
            if case .function(let f) = calleeGlobals.unsafelyUnwrapped.base[calleeSlot] { return Unmanaged.passUnretained(f) }
        case .local:
            if case .function(let f) = frame[calleeSlot] { return Unmanaged.passUnretained(f) }
        case .constant:
            return Unmanaged.passUnretained(calleeConstant.unsafelyUnwrapped)
        case .other:
            break
        }
        return nil
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        if let function = peekCallee(frame) {
            // Neither the function value nor its bound function is retained: the bound function
            // outlives the call (its module keeps it) even if the call reassigns the slot and
            // frees the function value; the captured frame is retained as the new frame's parent.
            let arity = arguments.count
            let (bound, parent) = function._withUnsafeGuaranteedRef { f in
                f.fastArity == arity ? (f.boundRef, f.capturedRef) : (nil, nil)
            }
            if let bound {
                return try bound._withUnsafeGuaranteedRef { try callUser($0, parent: parent, ctx, frame) }
            }
        }
        let calleeValue = try callee.eval(ctx, frame)
        guard case .function(let function) = calleeValue else {
            throw RuntimeError(.cannotCall, calleeValue.typeName, at: callee.span)
        }
        if labels == nil, let bound = function.unretainedBound, arguments.count == bound.arity {
            return try callUser(bound, parent: function.capturedRef, ctx, frame)
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try argument.eval(ctx, frame)) }
        if ctx.control != .none { return .null }
        return try CallNode.call(function, values, labels: labels, labelSpans: labelSpans, ctx, at: span)
    }

    /// Positional call of a user function with every parameter given. One function (with the
    /// one closure that borrows the frame) so that a debug build, which inlines nothing, still
    /// spends few native frames per gzq call: 10 000 deep must fit the stack even under ASan.
    @inline(__always)
    private func callUser(_ bound: BoundFunction, parent: Unmanaged<Frame>?, _ ctx: Context, _ frame: Frame) throws -> Value {
        let size = bound.frameSize
        // Borrowed, not retained: nothing counts references to the frame on the way.
        let claimed = ctx.callFrames.claim(size: size, parent: parent)
        let result: Value
        do {
            for i in 0..<arguments.count {
                let value = try argumentRefs[i]._withUnsafeGuaranteedRef { try $0.eval(ctx, frame) }
                // The slot is null (a claimed frame's slots are), so there is nothing to destroy.
                claimed._withUnsafeGuaranteedRef { $0.initializeSlot(i, to: value) }
            }
            if ctx.control != .none {
                result = .null
            } else {
                try ctx.enterCall(span)
                defer { ctx.depth -= 1 }
                do {
                    let value = try claimed._withUnsafeGuaranteedRef { try bound.body.eval(ctx, $0) }
                    result = CallNode.returned(value, ctx)
                } catch {
                    throw CallTrace.unwinding(error, from: bound, calledAt: span, ctx)
                }
            }
        } catch {
            ctx.callFrames.release(size: size)
            throw error
        }
        ctx.callFrames.release(size: size)
        return result
    }

    /// Runs a closure's body in a prepared frame (arguments already in their slots). An error
    /// leaving the body gets this call site in its trace (`CallTrace`).
    @inline(__always)
    static func run(_ bound: BoundFunction, _ ctx: Context, _ frame: Frame, at span: Span) throws -> Value {
        try ctx.enterCall(span)
        defer { ctx.depth -= 1 }
        let result: Value
        do {
            result = try bound.body.eval(ctx, frame)
        } catch {
            throw CallTrace.unwinding(error, from: bound, calledAt: span, ctx)
        }
        return returned(result, ctx)
    }

    /// The call's value: the body's, or the value a `return` left.
    @inline(__always)
    static func returned(_ result: Value, _ ctx: Context) -> Value {
        guard ctx.control == .returnValue else { return result }
        ctx.control = .none
        defer { ctx.returnValue = .null }
        return ctx.returnValue
    }

    static func call(_ function: Function, _ values: [Value], labels: [String?]?, labelSpans: [Span], _ ctx: Context, at span: Span) throws -> Value {
        guard let labels else { return try function.invoke(ctx, values, at: span) }
        if let native = function as? NativeFunction, native.variadic {
            return try native.invokeWithOptions(ctx, values, labels: labels, labelSpans: labelSpans, at: span)
        }
        let matched = try function.match(values, labels: labels, at: span, labelSpans: labelSpans)
        if let user = function as? UserFunction { return try user.invokeMatched(ctx, matched, at: span) }
        if let native = function as? NativeFunction { return try native.invokeMatched(ctx, matched, at: span) }
        return try function.invoke(ctx, matched.map { $0 ?? .null }, at: span)
    }
}

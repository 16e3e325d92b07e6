/// A call `f(a, b, name: c)`. Positional calls of user functions evaluate their
/// arguments straight into the new frame; everything else goes through `Function.match`.
final class CallNode: Node {
    let callee: Node
    let arguments: ContiguousArray<Node>
    /// Nil when no argument is named.
    let labels: [String?]?
    let labelSpans: [Span]

    init(callee: Node, arguments: [Node], labels: [String?]?, labelSpans: [Span], span: Span) {
        self.callee = callee
        self.arguments = ContiguousArray(arguments)
        self.labels = labels
        self.labelSpans = labelSpans
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let calleeValue = try callee.eval(ctx, frame)
        guard case .function(let function) = calleeValue else {
            throw RuntimeError("cannot call \(calleeValue.typeName)", at: callee.span)
        }
        if labels == nil, let bound = function.unretainedBound, arguments.count == bound.parameterNames.count {
            var callFrame = ctx.frames.take(size: bound.frameSize, parent: function.captured)
            for i in 0..<arguments.count {
                callFrame[i] = try arguments[i].eval(ctx, frame)
            }
            if ctx.control != .none { return .null }
            let result = try CallNode.run(bound, ctx, callFrame, at: span)
            ctx.frames.recycle(&callFrame)
            return result
        }
        var values: [Value] = []
        values.reserveCapacity(arguments.count)
        for argument in arguments { values.append(try argument.eval(ctx, frame)) }
        if ctx.control != .none { return .null }
        return try CallNode.call(function, values, labels: labels, labelSpans: labelSpans, ctx, at: span)
    }

    /// Runs a closure's body in a prepared frame (arguments already in their slots).
    @inline(__always)
    static func run(_ bound: BoundFunction, _ ctx: Context, _ frame: Frame, at span: Span) throws -> Value {
        try ctx.enterCall(span)
        defer { ctx.depth -= 1 }
        let result = try bound.body.eval(ctx, frame)
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

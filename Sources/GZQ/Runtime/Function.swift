/// A callable value: a user function (closure) or a native builtin.
public class Function {
    public let name: String
    /// Parameter names, for named arguments and error messages.
    let parameterNames: [String]
    /// How many leading parameters have no default.
    let requiredCount: Int
    /// Set for closures (stored here so calls need no dynamic cast).
    let bound: BoundFunction?
    /// `bound` without reference counting, for the call fast path (the function keeps it alive).
    unowned(unsafe) let unretainedBound: BoundFunction?
    let captured: Frame?
    /// For the call fast path, readable without retaining anything: `bound`, its arity
    /// (-1 for natives), and `captured`.
    let boundRef: Unmanaged<BoundFunction>?
    let fastArity: Int
    let capturedRef: Unmanaged<Frame>?

    init(name: String, parameterNames: [String], requiredCount: Int, bound: BoundFunction? = nil, captured: Frame? = nil) {
        self.name = name
        self.parameterNames = parameterNames
        self.requiredCount = requiredCount
        self.bound = bound
        self.unretainedBound = bound
        self.captured = captured
        self.boundRef = bound.map { Unmanaged.passUnretained($0) }
        self.fastArity = bound?.arity ?? -1
        self.capturedRef = captured.map { Unmanaged.passUnretained($0) }
    }

    /// Calls with arguments already matched to parameters (missing optional ones are absent).
    func invoke(_ ctx: Context, _ args: [Value], at span: Span) throws -> Value {
        throw RuntimeError(.notCallable, name, at: span)
    }

    /// Orders positional and named arguments by parameter; nil entries are defaults to fill.
    func match(_ values: [Value], labels: [String?], at span: Span, labelSpans: [Span]) throws -> [Value?] {
        var slots = [Value?](repeating: nil, count: max(parameterNames.count, values.count))
        var positional = 0
        for (k, value) in values.enumerated() {
            if let label = labels[k] {
                guard let i = parameterNames.firstIndex(of: label) else {
                    throw RuntimeError(.functionHasNoParameter, name, label, Suggest.suffix(for: label, in: parameterNames), at: labelSpans[k])
                }
                if slots[i] != nil {
                    throw RuntimeError(.argumentGivenTwice, label, at: labelSpans[k])
                }
                slots[i] = value
            } else {
                slots[positional] = value
                positional += 1
            }
        }
        return slots
    }

    func arityError(_ given: Int, at span: Span) -> RuntimeError {
        let expected: MessageArg = requiredCount == parameterNames.count
            ? .text("\(requiredCount)")
            : .message(Message(.argumentCountRange, requiredCount, parameterNames.count))
        return RuntimeError(.wrongArgumentCount, name, expected, parameterNames.count == 1 ? "" : "s", given, at: span)
    }
}

/// The resolved form of a `fn`: parameters are slots 0..<n of its frame.
final class BoundFunction {
    let name: String
    let parameterNames: [String]
    /// Default-value expressions, evaluated at call time in the new frame.
    let defaults: [Node?]
    let body: Node
    let frameSize: Int
    let span: Span
    /// False when the body reads no enclosing function's variables: its closures then capture
    /// nothing (globals are reached directly), which saves keeping the defining frame alive.
    let usesParent: Bool
    /// `parameterNames.count`, read by every call.
    let arity: Int

    init(name: String, parameterNames: [String], defaults: [Node?], body: Node, frameSize: Int, span: Span, usesParent: Bool = true) {
        self.usesParent = usesParent
        self.arity = parameterNames.count
        self.name = name
        self.parameterNames = parameterNames
        self.defaults = defaults
        self.body = body
        self.frameSize = frameSize
        self.span = span
    }

    var requiredCount: Int { defaults.firstIndex { $0 != nil } ?? defaults.count }
}

/// A closure: a bound function plus the frame it was created in.
final class UserFunction: Function {
    init(_ bound: BoundFunction, captured: Frame?) {
        let kept = bound.usesParent ? captured : nil
        kept?.markEscaped()
        super.init(name: bound.name, parameterNames: bound.parameterNames, requiredCount: bound.requiredCount,
                   bound: bound, captured: kept)
    }

    /// Always set for a closure.
    private var body: BoundFunction { bound.unsafelyUnwrapped }

    override func invoke(_ ctx: Context, _ args: [Value], at span: Span) throws -> Value {
        let bound = body
        guard args.count <= parameterNames.count else { throw arityError(args.count, at: span) }
        // A reused frame of the call stack, as calls from gzq code take (see `CallFrames`).
        let size = bound.frameSize
        let frame = ctx.callFrames.claim(size: size, parent: capturedRef).takeUnretainedValue()
        defer { ctx.callFrames.release(size: size) }
        for (i, v) in args.enumerated() { frame[i] = v }
        if args.count < parameterNames.count {
            for i in args.count..<parameterNames.count {
                guard let d = bound.defaults[i] else { throw arityError(args.count, at: span) }
                frame[i] = try d.eval(ctx, frame)
            }
        }
        return try run(ctx, frame, at: span)
    }

    /// Runs the body in a prepared frame (arguments already in slots).
    @inline(__always)
    func run(_ ctx: Context, _ frame: Frame, at span: Span) throws -> Value {
        try CallNode.run(body, ctx, frame, at: span)
    }

    /// Fills missing parameters from matched slots, evaluating defaults.
    func invokeMatched(_ ctx: Context, _ matched: [Value?], at span: Span) throws -> Value {
        let bound = body
        guard matched.count <= parameterNames.count else { throw arityError(matched.count, at: span) }
        let frame = Frame.make(size: bound.frameSize, parent: captured)
        for i in 0..<parameterNames.count {
            if i < matched.count, let v = matched[i] {
                frame[i] = v
            } else if let d = bound.defaults[i] {
                frame[i] = try d.eval(ctx, frame)
            } else {
                throw RuntimeError(.missingArgument, parameterNames[i], name, at: span)
            }
        }
        return try run(ctx, frame, at: span)
    }
}

/// A builtin implemented in Swift, registered in `Builtins`.
final class NativeFunction: Function {
    typealias Body = (inout NativeCall) throws -> Value
    let defaults: [Value?]
    let variadic: Bool
    /// Named-only options after the variadic values (`print(t, rows: 100)`).
    let options: [String]
    let isPure: Bool
    let kernel: VectorOp?
    let body: Body
    /// Takes remote tables as they are (`sql`, `collect`, `type`…); every other builtin gets their rows.
    let keepsRemoteTables: Bool

    init(name: String, parameters: [String], defaults: [Value?], variadic: Bool, options: [String] = [], isPure: Bool, kernel: VectorOp? = nil, body: @escaping Body) {
        self.options = options
        self.kernel = kernel
        self.defaults = defaults
        self.variadic = variadic
        self.isPure = isPure
        self.body = body
        self.keepsRemoteTables = DatabaseNatives.keepRemoteArguments.contains(name)
        let required = defaults.firstIndex { $0 != nil } ?? defaults.count
        super.init(name: name, parameterNames: parameters, requiredCount: variadic ? 0 : required)
    }

    override func invoke(_ ctx: Context, _ args: [Value], at span: Span) throws -> Value {
        var full = args
        if !variadic {
            guard args.count <= parameterNames.count else { throw arityError(args.count, at: span) }
            if args.count < parameterNames.count {
                for i in args.count..<parameterNames.count {
                    guard let d = defaults[i] else { throw arityError(args.count, at: span) }
                    full.append(d)
                }
            }
        }
        if ctx.remoteTablesExist && !keepsRemoteTables {
            for i in full.indices { if case .remoteTable = full[i] { full[i] = try full[i].pulled(ctx, at: span) } }
        }
        var call = NativeCall(ctx: ctx, args: full, span: span, function: self)
        // Natives that wrap values (`map`) could otherwise nest lists without bound.
        return try body(&call).checkedNesting(at: span)
    }

    func invokeMatched(_ ctx: Context, _ matched: [Value?], at span: Span) throws -> Value {
        var args: [Value] = []
        for i in 0..<max(matched.count, parameterNames.count) {
            if i < matched.count, let v = matched[i] {
                args.append(v)
            } else if i < defaults.count, let d = defaults[i] {
                args.append(d)
            } else {
                throw RuntimeError(.missingArgument, i < parameterNames.count ? parameterNames[i] : "?", name, at: span)
            }
        }
        return try invoke(ctx, args, at: span)
    }
}

/// What a native builtin sees: its arguments, where it was called, and the context.
struct NativeCall {
    let ctx: Context
    let args: [Value]
    let span: Span
    let function: NativeFunction
    /// Named options of a variadic builtin that the call gave (see `NativeFunction.options`).
    var options: [String: Value] = [:]

    var count: Int { args.count }
    subscript(_ i: Int) -> Value { i < args.count ? args[i] : .null }

    func error(_ entry: Msg, _ args: any CustomStringConvertible...) -> RuntimeError {
        RuntimeError(Message(entry, args.map(MessageArg.init)), at: span)
    }

    /// An error whose message was made elsewhere (a reader's, a nested call's).
    func error(_ message: Message) -> RuntimeError {
        RuntimeError(message, at: span)
    }

    func typeError(_ i: Int, expected: Message) -> RuntimeError {
        let name = i < function.parameterNames.count ? function.parameterNames[i] : "argument \(i + 1)"
        return RuntimeError(.argumentType, function.name, name, expected, self[i].typeName, at: span)
    }

    func string(_ i: Int) throws -> String {
        guard case .string(let s) = self[i] else { throw typeError(i, expected: Message(.expectsString)) }
        return s.value
    }

    func int(_ i: Int) throws -> Int {
        guard case .int(let v) = self[i] else { throw typeError(i, expected: Message(.expectsInt)) }
        return v
    }

    func bool(_ i: Int) throws -> Bool {
        guard case .bool(let v) = self[i] else { throw typeError(i, expected: Message(.expectsTrueFalse)) }
        return v
    }

    func number(_ i: Int) throws -> Double {
        guard let v = self[i].numberValue else { throw typeError(i, expected: Message(.expectsNumber)) }
        return v
    }

    func list(_ i: Int) throws -> [Value] {
        guard case .list(let l) = self[i] else { throw typeError(i, expected: Message(.expectsList)) }
        return l.items
    }

    func function(_ i: Int) throws -> Function {
        guard case .function(let f) = self[i] else { throw typeError(i, expected: Message(.expectsFunction)) }
        return f
    }

    /// Calls a gzq function value from native code (map, filter, reduce).
    func call(_ f: Function, _ args: [Value]) throws -> Value {
        try f.invoke(ctx, args, at: span)
    }
}

/// Binary and unary operators; the semantics live in `Arithmetic`.
final class BinaryNode: Node {
    let op: BinaryOperator
    let left: Node, right: Node
    init(_ op: BinaryOperator, _ left: Node, _ right: Node, span: Span) {
        self.op = op
        self.left = left
        self.right = right
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try left.eval(ctx, frame)
        let b = try right.eval(ctx, frame)
        if op == .add { try ctx.checkJoin(a, b, span) }
        if op == .range { try ctx.checkRange(a, b, span) }
        return try BinaryNode.apply(op, a, b, span)
    }

    @inline(__always)
    static func apply(_ op: BinaryOperator, _ a: Value, _ b: Value, _ span: Span) throws -> Value {
        switch op {
        case .add: return try Arithmetic.add(a, b, span)
        case .subtract: return try Arithmetic.subtract(a, b, span)
        case .multiply: return try Arithmetic.multiply(a, b, span)
        case .divide: return try Arithmetic.divide(a, b, span)
        case .floorDivide: return try Arithmetic.floorDivide(a, b, span)
        case .modulo: return try Arithmetic.modulo(a, b, span)
        case .power: return try Arithmetic.power(a, b, span)
        case .equal, .notEqual: return try Arithmetic.equal(a, b, span, op)
        case .less, .lessEqual, .greater, .greaterEqual: return try Arithmetic.compare(a, b, span, op)
        case .contains: return try Arithmetic.contains(a, b, span)
        case .range: return try Arithmetic.range(a, b, span)
        case .coalesce, .and, .or: return .null // short-circuit forms have their own nodes
        }
    }
}

final class AndNode: Node {
    let left: Node, right: Node
    init(_ left: Node, _ right: Node, span: Span) {
        self.left = left
        self.right = right
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try left.eval(ctx, frame)
        return a.isTruthy ? try right.eval(ctx, frame) : a
    }
}

final class OrNode: Node {
    let left: Node, right: Node
    init(_ left: Node, _ right: Node, span: Span) {
        self.left = left
        self.right = right
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try left.eval(ctx, frame)
        return a.isTruthy ? a : try right.eval(ctx, frame)
    }
}

final class CoalesceNode: Node {
    let left: Node, right: Node
    init(_ left: Node, _ right: Node, span: Span) {
        self.left = left
        self.right = right
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try left.eval(ctx, frame)
        return a.isNull ? try right.eval(ctx, frame) : a
    }
}

final class NegateNode: Node {
    let operand: Node
    init(_ operand: Node, span: Span) {
        self.operand = operand
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        try Arithmetic.negate(try operand.eval(ctx, frame), span)
    }
}

final class NotNode: Node {
    let operand: Node
    init(_ operand: Node, span: Span) {
        self.operand = operand
        super.init(span: span)
    }
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        .bool(!(try operand.eval(ctx, frame)).isTruthy)
    }
}

/// Operator nodes specialised by operator, with an inline int fast path. The slow
/// path is always `Arithmetic`, so the semantics stay defined in one place; these
/// only skip the operator switch and the generic dispatch for the common case.
class BinaryOperands: Node {
    let left: Node, right: Node
    /// `left` and `right`, read directly when they are variables or int literals.
    let lhs: Operand, rhs: Operand
    init(_ left: Node, _ right: Node, span: Span) {
        self.left = left
        self.right = right
        lhs = Operand(left)
        rhs = Operand(right)
        super.init(span: span)
    }

    static func make(_ op: BinaryOperator, _ left: Node, _ right: Node, span: Span) -> Node {
        if let constant = right as? ConstantNode, case .int(let k) = constant.value,
           let node = IntConstantOperand.make(op, left, k, constant, span: span) {
            return node
        }
        switch op {
        case .add: return AddNode(left, right, span: span)
        case .subtract: return SubtractNode(left, right, span: span)
        case .multiply: return MultiplyNode(left, right, span: span)
        case .modulo: return ModuloNode(left, right, span: span)
        case .less: return LessNode(left, right, span: span)
        case .lessEqual: return LessEqualNode(left, right, span: span)
        case .greater: return GreaterNode(left, right, span: span)
        case .greaterEqual: return GreaterEqualNode(left, right, span: span)
        case .equal: return EqualNode(left, right, span: span)
        case .notEqual: return NotEqualNode(left, right, span: span)
        default: return BinaryNode(op, left, right, span: span)
        }
    }
}

final class AddNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.addingReportingOverflow(y)
            if !o { return .int(r) }
        }
        try ctx.checkJoin(a, b, span)
        return try Arithmetic.add(a, b, span)
    }
}

final class SubtractNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.subtractingReportingOverflow(y)
            if !o { return .int(r) }
        }
        return try Arithmetic.subtract(a, b, span)
    }
}

final class MultiplyNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b {
            let (r, o) = x.multipliedReportingOverflow(by: y)
            if !o { return .int(r) }
        }
        return try Arithmetic.multiply(a, b, span)
    }
}

final class ModuloNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b, y > 0, x >= 0 { return .int(x % y) }
        return try Arithmetic.modulo(a, b, span)
    }
}

final class LessNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x < y) }
        return try Arithmetic.compare(a, b, span, .less)
    }
}

final class LessEqualNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x <= y) }
        return try Arithmetic.compare(a, b, span, .lessEqual)
    }
}

final class GreaterNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x > y) }
        return try Arithmetic.compare(a, b, span, .greater)
    }
}

final class GreaterEqualNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x >= y) }
        return try Arithmetic.compare(a, b, span, .greaterEqual)
    }
}

final class EqualNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x == y) }
        return try Arithmetic.equal(a, b, span, .equal)
    }
}

final class NotEqualNode: BinaryOperands {
    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame), b = try rhs.value(ctx, frame)
        if case .int(let x) = a, case .int(let y) = b { return .bool(x != y) }
        return try Arithmetic.equal(a, b, span, .notEqual)
    }
}

/// `x OP k` with an int literal `k` (`n - 1`, `n < 2`, `i mod 7`): no second virtual call.
final class IntConstantOperand: Node {
    enum Op { case add, subtract, multiply, modulo, less, lessEqual, greater, greaterEqual, equal, notEqual }
    let op: Op
    let left: Node
    private let lhs: Operand
    let k: Int
    let constant: Node
    let binary: BinaryOperator

    private init(_ op: Op, _ binary: BinaryOperator, _ left: Node, _ k: Int, _ constant: Node, span: Span) {
        self.op = op
        self.binary = binary
        self.left = left
        self.lhs = Operand(left)
        self.k = k
        self.constant = constant
        super.init(span: span)
    }

    static func make(_ binary: BinaryOperator, _ left: Node, _ k: Int, _ constant: Node, span: Span) -> Node? {
        let op: Op
        switch binary {
        case .add: op = .add
        case .subtract: op = .subtract
        case .multiply: op = .multiply
        case .modulo: guard k > 0 else { return nil }; op = .modulo
        case .less: op = .less
        case .lessEqual: op = .lessEqual
        case .greater: op = .greater
        case .greaterEqual: op = .greaterEqual
        case .equal: op = .equal
        case .notEqual: op = .notEqual
        default: return nil
        }
        return IntConstantOperand(op, binary, left, k, constant, span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        let a = try lhs.value(ctx, frame)
        if case .int(let x) = a {
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(k)
                if !o { return .int(r) }
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(k)
                if !o { return .int(r) }
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: k)
                if !o { return .int(r) }
            case .modulo:
                if x >= 0 { return .int(x % k) }
            case .less: return .bool(x < k)
            case .lessEqual: return .bool(x <= k)
            case .greater: return .bool(x > k)
            case .greaterEqual: return .bool(x >= k)
            case .equal: return .bool(x == k)
            case .notEqual: return .bool(x != k)
            }
        }
        return try BinaryNode.apply(binary, a, .int(k), span)
    }

    /// The comparison `x OP k` this node makes, to be tested inline by an `if` (nil when it
    /// is arithmetic).
    var comparison: IntComparison? {
        let relation: IntComparison.Relation
        switch op {
        case .less: relation = .less
        case .lessEqual: relation = .lessEqual
        case .greater: relation = .greater
        case .greaterEqual: relation = .greaterEqual
        case .equal: relation = .equal
        case .notEqual: relation = .notEqual
        default: return nil
        }
        return IntComparison(relation: relation, lhs: lhs, k: k, binary: binary, span: span)
    }
}

/// `x OP k` as data, so that an `if` tests it in its own code (compare-and-branch: no call,
/// no bool value). Non-ints go to `Arithmetic`, as `IntConstantOperand` does.
struct IntComparison {
    enum Relation: UInt8 { case less, lessEqual, greater, greaterEqual, equal, notEqual }
    let relation: Relation
    let lhs: Operand
    let k: Int
    let binary: BinaryOperator
    let span: Span

    @inline(__always)
    func test(_ ctx: Context, _ frame: Frame) throws -> Bool {
        let a = try lhs.value(ctx, frame)
        if case .int(let x) = a {
            switch relation {
            case .less: return x < k
            case .lessEqual: return x <= k
            case .greater: return x > k
            case .greaterEqual: return x >= k
            case .equal: return x == k
            case .notEqual: return x != k
            }
        }
        return try BinaryNode.apply(binary, a, .int(k), span).isTruthy
    }
}

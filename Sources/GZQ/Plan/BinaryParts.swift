/// The operator and operands of a binary operator node, whichever specialised class the
/// resolver chose (`BinaryOperands.make`). The binder's type rules and the batch compiler
/// both read operators through this one view.
enum BinaryParts {
    static func of(_ node: Node) -> (op: BinaryOperator, left: Node, right: Node)? {
        switch node {
        case let binary as BinaryOperands: return (op(of: binary), binary.left, binary.right)
        case let constantOperand as IntConstantOperand: return (constantOperand.binary, constantOperand.left, constantOperand.constant)
        case let binary as BinaryNode: return (binary.op, binary.left, binary.right)
        default: return nil
        }
    }

    private static func op(of node: BinaryOperands) -> BinaryOperator {
        switch node {
        case is AddNode: return .add
        case is SubtractNode: return .subtract
        case is MultiplyNode: return .multiply
        case is ModuloNode: return .modulo
        case is LessNode: return .less
        case is LessEqualNode: return .lessEqual
        case is GreaterNode: return .greater
        case is GreaterEqualNode: return .greaterEqual
        case is EqualNode: return .equal
        default: return .notEqual
        }
    }
}

/// Compiles a bound stage expression into a `VectorProgram` for one table, or
/// declines (returns nil) for anything it has no kernel for: user closures,
/// impure builtins, strings other than equality on dictionary codes, mixed types
/// whose tree semantics would differ. Declining is silent: the tree path runs.
struct VectorCompiler {
    let table: Table
    let ctx: Context
    let frame: Frame
    let program: VectorProgram
    private var loads: [Int: Int] = [:]

    /// What an expression compiled to: a register, or a constant only meaningful in context.
    private enum Operand {
        case register(Int)
        case string(String)
        case list([Value])
    }

    static func compile(_ node: Node, table: Table, _ ctx: Context, _ frame: Frame) -> VectorProgram? {
        compile(roots: [node], table: table, ctx, frame)?.program
    }

    /// Compiles several expressions into one program (sharing column loads); one result register each.
    static func compile(roots: [Node], table: Table, _ ctx: Context, _ frame: Frame) -> (program: VectorProgram, results: [Int])? {
        var compiler = VectorCompiler(table: table, ctx: ctx, frame: frame, program: VectorProgram(span: roots.first?.span ?? .none))
        var results: [Int] = []
        for node in roots {
            guard case .register(let r)? = compiler.operand(node) else { return nil }
            results.append(r)
        }
        compiler.program.result = results.first ?? 0
        return (compiler.program, results)
    }

    private mutating func operand(_ node: Node) -> Operand? {
        switch node {
        case let ref as ColumnRef:
            if let index = table.schema.index(of: ref.name) { return loadColumn(index) }
            guard let variable = ref.variable else { return nil }
            return constant(variable)
        case is ConstantNode, is LocalGet, is UpvalueGet, is GlobalGet:
            return constant(node)
        case let binary as BinaryOperands:
            return binaryOperation(op(of: binary), binary.left, binary.right)
        case let constantOperand as IntConstantOperand:
            return binaryOperation(constantOperand.binary, constantOperand.left, constantOperand.constant)
        case let binary as BinaryNode:
            return binaryOperation(binary.op, binary.left, binary.right)
        case let and as AndNode:
            return logical(.and, and.left, and.right)
        case let or as OrNode:
            return logical(.or, or.left, or.right)
        case let not as NotNode:
            guard case .register(let a)? = operand(not.operand) else { return nil }
            let d = program.newRegister(.bool)
            program.emit(.not, d, a, 0, program.registerTypes[a] == .bool ? 1 : 0)
            return .register(d)
        case let negate as NegateNode:
            guard case .register(let a)? = operand(negate.operand) else { return nil }
            switch program.registerTypes[a] {
            case .int: return emit(.negInt, .int, a, 0)
            case .float: return emit(.negFloat, .float, a, 0)
            default: return nil
            }
        case let coalesce as CoalesceNode:
            guard case .register(let a)? = operand(coalesce.left), case .register(let b)? = operand(coalesce.right) else { return nil }
            let type = program.registerTypes[a]
            guard type == program.registerTypes[b] else { return nil }
            if case .code(let ca) = type, case .code(let cb) = program.registerTypes[b], ca != cb { return nil }
            return emit(.coalesce, type, a, b)
        case let call as CallNode:
            return callWithKernel(call)
        default:
            return nil
        }
    }

    private func op(of node: BinaryOperands) -> BinaryOperator {
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

    // MARK: - Leaves

    private mutating func loadColumn(_ index: Int) -> Operand? {
        if let r = loads[index] { return .register(r) }
        let type: VectorProgram.RegisterType
        switch table.columns[index].storage {
        case .int: type = .int
        case .float: type = .float
        case .bool: type = .bool
        case .date: type = .date
        case .string: type = .code(column: index)
        case .boxed: return nil
        }
        let r = program.newRegister(type)
        program.emit(type == .float ? .loadFloat : .loadInt, r, index)
        loads[index] = r
        return .register(r)
    }

    /// A value fixed for the whole stage: a literal or a variable read (evaluated once now).
    private mutating func constant(_ node: Node) -> Operand? {
        guard let value = try? node.eval(ctx, frame) else { return nil }
        switch value {
        case .int(let i): return constantRegister(.int, UInt64(bitPattern: Int64(i)))
        case .float(let d): return constantRegister(.float, d.bitPattern)
        case .bool(let b): return constantRegister(.bool, b ? 1 : 0)
        case .date(let d): return constantRegister(.date, UInt64(bitPattern: Int64(d)))
        case .string(let s): return .string(s.value)
        case .list(let l): return .list(l.items)
        default: return nil
        }
    }

    private func constantRegister(_ type: VectorProgram.RegisterType, _ bits: UInt64) -> Operand {
        let r = program.newRegister(type)
        program.constants.append((r, bits, true))
        return .register(r)
    }

    private func emit(_ op: VectorOp, _ type: VectorProgram.RegisterType, _ a: Int, _ b: Int, _ extra: Int = 0) -> Operand {
        let d = program.newRegister(type)
        program.emit(op, d, a, b, extra)
        return .register(d)
    }

    private func toFloat(_ r: Int) -> Int {
        if program.registerTypes[r] == .float { return r }
        let d = program.newRegister(.float)
        program.emit(.intToFloat, d, r)
        return d
    }

    // MARK: - Operators

    private mutating func binaryOperation(_ op: BinaryOperator, _ left: Node, _ right: Node) -> Operand? {
        guard let l = operand(left), let r = operand(right) else { return nil }
        switch (l, r) {
        case (.register(let a), .register(let b)):
            return registers(op, a, b)
        case (.register(let a), .string(let s)), (.string(let s), .register(let a)):
            guard op == .equal || op == .notEqual, case .code(let column) = program.registerTypes[a] else { return nil }
            let code = codeOf(s, column: column)
            guard case .register(let c) = constantRegister(.code(column: column), UInt64(bitPattern: Int64(code))) else { return nil }
            return emit(.equalInt, .bool, a, c, op == .notEqual ? 1 : 0)
        case (.register(let a), .list(let items)):
            guard op == .contains else { return nil }
            return membership(a, items)
        default:
            return nil
        }
    }

    private func codeOf(_ s: String, column: Int) -> Int {
        guard case .string(_, let dictionary) = table.columns[column].storage else { return -1 }
        return ScalarString.firstIndex(of: s, in: dictionary) ?? -1
    }

    private func registers(_ op: BinaryOperator, _ a: Int, _ b: Int) -> Operand? {
        let ta = program.registerTypes[a], tb = program.registerTypes[b]
        let numeric: Set<VectorProgram.RegisterType> = [.int, .float]
        switch op {
        case .add, .subtract, .multiply, .floorDivide, .modulo:
            guard numeric.contains(ta), numeric.contains(tb) else { return nil }
            if ta == .int && tb == .int {
                let code: VectorOp = [.add: .addInt, .subtract: .subInt, .multiply: .mulInt, .floorDivide: .floorDivInt, .modulo: .modInt][op] ?? .addInt
                return emit(code, .int, a, b)
            }
            let code: VectorOp = [.add: .addFloat, .subtract: .subFloat, .multiply: .mulFloat, .floorDivide: .floorDivFloat, .modulo: .modFloat][op] ?? .addFloat
            return emit(code, .float, toFloat(a), toFloat(b))
        case .divide:
            guard numeric.contains(ta), numeric.contains(tb) else { return nil }
            return emit(.divFloat, .float, toFloat(a), toFloat(b))
        case .less, .lessEqual, .greater, .greaterEqual:
            let extra = [.less: 0, .lessEqual: 1, .greater: 2, .greaterEqual: 3][op] ?? 0
            switch (ta, tb) {
            case (.int, .int), (.date, .date), (.bool, .bool): return emit(.compareInt, .bool, a, b, extra)
            case (.float, .float): return emit(.compareFloat, .bool, a, b, extra)
            case (.int, .float): return emit(.compareIntFloat, .bool, a, b, extra)
            case (.float, .int): return emit(.compareIntFloat, .bool, b, a, [0: 2, 1: 3, 2: 0, 3: 1][extra] ?? 0)
            default: return nil
            }
        case .equal, .notEqual:
            let extra = op == .notEqual ? 1 : 0
            switch (ta, tb) {
            case (.int, .int), (.date, .date), (.bool, .bool): return emit(.equalInt, .bool, a, b, extra)
            case (.code(let x), .code(let y)) where x == y: return emit(.equalInt, .bool, a, b, extra)
            case (.float, .float): return emit(.equalFloat, .bool, a, b, extra)
            case (.int, .float): return emit(.equalIntFloat, .bool, a, b, extra)
            case (.float, .int): return emit(.equalIntFloat, .bool, b, a, extra)
            default: return nil
            }
        default:
            return nil
        }
    }

    private func membership(_ a: Int, _ items: [Value]) -> Operand? {
        var set: Set<Int> = []
        var hasNull = false
        for item in items {
            switch (program.registerTypes[a], item) {
            case (_, .null): hasNull = true
            case (.int, .int(let i)): set.insert(i)
            case (.int, .float(let d)):
                guard let i = Int(exactly: d) else { continue }
                set.insert(i)
            case (.code(let column), .string(let s)):
                let code = codeOf(s.value, column: column)
                if code >= 0 { set.insert(code) }
            case (.date, .date(let d)): set.insert(Int(d))
            case (.bool, .bool(let b)): set.insert(b ? 1 : 0)
            case (.int, _), (.date, _), (.bool, _), (.code, _): continue // a different type never equals
            default: return nil
            }
        }
        program.sets.append(set)
        let d = program.newRegister(.bool)
        program.emit(.inSet, d, a, hasNull ? 1 : 0, program.sets.count - 1)
        return .register(d)
    }

    private mutating func logical(_ op: VectorOp, _ left: Node, _ right: Node) -> Operand? {
        guard case .register(let a)? = operand(left), case .register(let b)? = operand(right),
              program.registerTypes[a] == .bool, program.registerTypes[b] == .bool else { return nil }
        return emit(op, .bool, a, b)
    }

    /// Pure builtins with a kernel (the registration table's `kernel` column).
    private mutating func callWithKernel(_ call: CallNode) -> Operand? {
        guard call.labels == nil, let callee = call.callee as? ConstantNode, case .function(let f) = callee.value,
              let native = f as? NativeFunction, let kernel = native.kernel, call.arguments.count == 2,
              case .register(let a)? = operand(call.arguments[0]), case .register(let b)? = operand(call.arguments[1]),
              [.int, .float].contains(program.registerTypes[a]), [.int, .float].contains(program.registerTypes[b])
        else { return nil }
        return emit(kernel, .float, toFloat(a), toFloat(b))
    }
}

/// Compiles bound stage expressions into one `VectorProgram` for one table, or declines
/// (saying why) for anything it has no kernel for: user closures, impure builtins, strings
/// other than equality on dictionary codes, mixed types whose tree semantics would differ,
/// and checked int arithmetic where the tree engine might not evaluate it (the right side
/// of `and`/`or`/`??`, or where the caller says rows run in another order). Declining is
/// decided before any row runs, so a program that runs never falls back: its errors are
/// the tree engine's errors, raised once.
struct VectorCompiler {
    let table: Table
    let ctx: Context
    let frame: Frame
    let program: VectorProgram
    let bindings: [BoundExpr]
    private var loads: [Int: Int] = [:]
    /// > 0 inside an operand the tree engine evaluates only for some rows.
    private var conditional = 0
    /// Whether the root being compiled may hold checked int arithmetic.
    private var checkedAllowed = true
    /// Why the compiler declined (the first reason met).
    private(set) var reason: String?

    /// What an expression compiled to: a register, or a constant only meaningful in context.
    private enum Operand {
        case register(Int)
        case string(String)
        case list([Value])
    }

    enum Outcome {
        case compiled(program: VectorProgram, results: [Int])
        case declined(String)
    }

    /// One root to compile: the expression, and whether checked int arithmetic may run in it
    /// (false where the tree evaluates it in another row order, or only for some rows).
    struct Root {
        let node: Node
        let checkedAllowed: Bool
    }

    static func compile(_ bound: BoundExpr, table: Table, checkedAllowed: Bool = true, _ ctx: Context, _ frame: Frame) -> Outcome {
        compile(roots: [Root(node: bound.node, checkedAllowed: checkedAllowed)], bindings: [bound], table: table, ctx, frame)
    }

    /// Compiles several expressions into one program (sharing column loads); one result register each.
    static func compile(roots: [Root], bindings: [BoundExpr], table: Table, _ ctx: Context, _ frame: Frame) -> Outcome {
        ctx.host.planStatistics.compilations += 1
        var compiler = VectorCompiler(table: table, ctx: ctx, frame: frame, program: VectorProgram(span: roots.first?.node.span ?? .none), bindings: bindings)
        var results: [Int] = []
        for root in roots {
            compiler.checkedAllowed = root.checkedAllowed
            guard case .register(let r)? = compiler.operand(root.node) else {
                return .declined(compiler.reason ?? "no batch kernel for this expression")
            }
            results.append(r)
        }
        compiler.program.result = results.first ?? 0
        return .compiled(program: compiler.program, results: results)
    }

    private mutating func decline(_ why: String) -> Operand? {
        if reason == nil { reason = why }
        return nil
    }

    /// The column a reference reads in this table, from its expression's binding.
    private func columnIndex(_ ref: ColumnRef) -> Int? {
        guard let binding = bindings.first(where: { $0.key === ref.key }) else { return table.schema.index(of: ref.name) }
        let i = binding.columns[ref.slot]
        return i >= 0 ? i : nil
    }

    private mutating func operand(_ node: Node) -> Operand? {
        switch node {
        case let ref as ColumnRef:
            if let index = columnIndex(ref) { return loadColumn(index) }
            guard let variable = ref.variable else { return decline("'\(ref.name)' is no column here") }
            return constant(variable)
        case is ConstantNode, is LocalGet, is UpvalueGet, is GlobalGet:
            return constant(node)
        case is BinaryOperands, is IntConstantOperand, is BinaryNode:
            guard let (op, left, right) = BinaryParts.of(node) else { return nil }
            return binaryOperation(op, left, right, span: node.span)
        case let and as AndNode:
            return logical(.and, and.left, and.right, span: and.span)
        case let or as OrNode:
            return logical(.or, or.left, or.right, span: or.span)
        case let not as NotNode:
            guard case .register(let a)? = operand(not.operand) else { return nil }
            let d = program.newRegister(.bool)
            program.emit(.not, d, a, 0, program.registerTypes[a] == .bool ? 1 : 0, span: not.span)
            return .register(d)
        case let negate as NegateNode:
            guard case .register(let a)? = operand(negate.operand) else { return nil }
            switch program.registerTypes[a] {
            case .int: return checked(.negInt, .int, a, 0, span: negate.span)
            case .float: return emit(.negFloat, .float, a, 0, span: negate.span)
            default: return decline("negation of a non-number")
            }
        case let coalesce as CoalesceNode:
            guard case .register(let a)? = operand(coalesce.left) else { return nil }
            conditional += 1
            defer { conditional -= 1 }
            guard case .register(let b)? = operand(coalesce.right) else { return nil }
            let type = program.registerTypes[a]
            guard type == program.registerTypes[b] else { return decline("?? between different types") }
            if case .code(let ca) = type, case .code(let cb) = program.registerTypes[b], ca != cb { return decline("?? between two text columns") }
            return emit(.coalesce, type, a, b, span: coalesce.span)
        case let call as CallNode:
            return callWithKernel(call)
        case is AggregateNode:
            return decline("an aggregate")
        case is WindowNode:
            return decline("a window function")
        default:
            return decline("no batch kernel for \(String(describing: type(of: node)).replacingOccurrences(of: "Node", with: "").lowercased())")
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
        case .boxed: return decline("a column of lists or records")
        }
        let r = program.newRegister(type)
        program.emit(type == .float ? .loadFloat : .loadInt, r, index, span: program.span)
        loads[index] = r
        return .register(r)
    }

    /// A value fixed for the whole stage: a literal or a variable read (evaluated once now).
    private mutating func constant(_ node: Node) -> Operand? {
        guard let value = try? node.eval(ctx, frame) else { return decline("a variable that cannot be read") }
        switch value {
        case .int(let i): return constantRegister(.int, UInt64(bitPattern: Int64(i)))
        case .float(let d): return constantRegister(.float, d.bitPattern)
        case .bool(let b): return constantRegister(.bool, b ? 1 : 0)
        case .date(let d): return constantRegister(.date, UInt64(bitPattern: Int64(d)))
        case .string(let s): return .string(s.value)
        case .list(let l): return .list(l.items)
        default: return decline("a \(value.typeName) value")
        }
    }

    private func constantRegister(_ type: VectorProgram.RegisterType, _ bits: UInt64) -> Operand {
        let r = program.newRegister(type)
        program.constants.append((r, bits, true))
        return .register(r)
    }

    private func emit(_ op: VectorOp, _ type: VectorProgram.RegisterType, _ a: Int, _ b: Int, _ extra: Int = 0, span: Span) -> Operand {
        let d = program.newRegister(type)
        program.emit(op, d, a, b, extra, span: span)
        return .register(d)
    }

    /// A checked opcode (it can overflow): only where the tree evaluates it for every row, in row order.
    private mutating func checked(_ op: VectorOp, _ type: VectorProgram.RegisterType, _ a: Int, _ b: Int, span: Span) -> Operand? {
        if conditional > 0 { return decline("int arithmetic that the tree engine evaluates only for some rows (right of and/or/??)") }
        if !checkedAllowed { return decline("int arithmetic in an expression the tree engine evaluates group by group") }
        return emit(op, type, a, b, span: span)
    }

    private func toFloat(_ r: Int) -> Int {
        if program.registerTypes[r] == .float { return r }
        let d = program.newRegister(.float)
        program.emit(.intToFloat, d, r, span: program.span)
        return d
    }

    // MARK: - Operators

    private mutating func binaryOperation(_ op: BinaryOperator, _ left: Node, _ right: Node, span: Span) -> Operand? {
        if op == .equal || op == .notEqual, let fused = codeEquality(left, right, negate: op == .notEqual, span: span)
            ?? codeEquality(right, left, negate: op == .notEqual, span: span) {
            return fused
        }
        guard let l = operand(left), let r = operand(right) else { return nil }
        switch (l, r) {
        case (.register(let a), .register(let b)):
            return registers(op, a, b, span: span)
        case (.register(let a), .string(let s)), (.string(let s), .register(let a)):
            guard op == .equal || op == .notEqual, case .code(let column) = program.registerTypes[a] else { return decline("text other than == or != on a text column") }
            let code = codeOf(s, column: column)
            guard case .register(let c) = constantRegister(.code(column: column), UInt64(bitPattern: Int64(code))) else { return nil }
            return emit(.equalInt, .bool, a, c, op == .notEqual ? 1 : 0, span: span)
        case (.register(let a), .list(let items)):
            guard op == .contains else { return decline("a list other than in 'x in [...]'") }
            return membership(a, items, span: span)
        default:
            return decline("an operator on constants only")
        }
    }

    /// `text_column == "constant"` as one instruction over the column's codes (no load, no
    /// string compared per row), when `column` is a string column of the table and `constant` a
    /// value fixed for the stage that is a string. Nil otherwise (the general path compiles it).
    private mutating func codeEquality(_ column: Node, _ constant: Node, negate: Bool, span: Span) -> Operand? {
        guard let ref = column as? ColumnRef, let index = columnIndex(ref), case .string = table.columns[index].storage else { return nil }
        let isConstant: Bool
        switch constant {
        case is ConstantNode, is LocalGet, is UpvalueGet, is GlobalGet: isConstant = true
        case let other as ColumnRef: isConstant = columnIndex(other) == nil && other.variable != nil
        default: isConstant = false
        }
        let node = (constant as? ColumnRef)?.variable ?? constant
        guard isConstant, let value = try? node.eval(ctx, frame), case .string(let s) = value else { return nil }
        return emitCodeEquality(index, codeOf(s.value, column: index), negate: negate, span: span)
    }

    private func emitCodeEquality(_ column: Int, _ code: Int, negate: Bool, span: Span) -> Operand {
        let d = program.newRegister(.bool)
        program.emit(.equalCode, d, column, code, negate ? 1 : 0, span: span)
        return .register(d)
    }

    private func codeOf(_ s: String, column: Int) -> Int {
        guard case .string(_, let dictionary) = table.columns[column].storage else { return -1 }
        return ScalarString.firstIndex(of: s, in: dictionary) ?? -1
    }

    private mutating func registers(_ op: BinaryOperator, _ a: Int, _ b: Int, span: Span) -> Operand? {
        let ta = program.registerTypes[a], tb = program.registerTypes[b]
        let numeric: Set<VectorProgram.RegisterType> = [.int, .float]
        switch op {
        case .add, .subtract, .multiply, .floorDivide, .modulo:
            guard numeric.contains(ta), numeric.contains(tb) else { return decline("'\(op.rawValue)' on non-numbers") }
            if ta == .int && tb == .int {
                let code: VectorOp = [.add: .addInt, .subtract: .subInt, .multiply: .mulInt, .floorDivide: .floorDivInt, .modulo: .modInt][op] ?? .addInt
                return code.description.checked ? checked(code, .int, a, b, span: span) : emit(code, .int, a, b, span: span)
            }
            let code: VectorOp = [.add: .addFloat, .subtract: .subFloat, .multiply: .mulFloat, .floorDivide: .floorDivFloat, .modulo: .modFloat][op] ?? .addFloat
            return emit(code, .float, toFloat(a), toFloat(b), span: span)
        case .divide:
            guard numeric.contains(ta), numeric.contains(tb) else { return decline("'/' on non-numbers") }
            return emit(.divFloat, .float, toFloat(a), toFloat(b), span: span)
        case .less, .lessEqual, .greater, .greaterEqual:
            let extra = [.less: 0, .lessEqual: 1, .greater: 2, .greaterEqual: 3][op] ?? 0
            switch (ta, tb) {
            case (.int, .int), (.date, .date), (.bool, .bool): return emit(.compareInt, .bool, a, b, extra, span: span)
            case (.float, .float): return emit(.compareFloat, .bool, a, b, extra, span: span)
            case (.int, .float): return emit(.compareIntFloat, .bool, a, b, extra, span: span)
            case (.float, .int): return emit(.compareIntFloat, .bool, b, a, [0: 2, 1: 3, 2: 0, 3: 1][extra] ?? 0, span: span)
            default: return decline("'\(op.rawValue)' between \(ta) and \(tb)")
            }
        case .equal, .notEqual:
            let extra = op == .notEqual ? 1 : 0
            switch (ta, tb) {
            case (.int, .int), (.date, .date), (.bool, .bool): return emit(.equalInt, .bool, a, b, extra, span: span)
            case (.code(let x), .code(let y)) where x == y: return emit(.equalInt, .bool, a, b, extra, span: span)
            case (.float, .float): return emit(.equalFloat, .bool, a, b, extra, span: span)
            case (.int, .float): return emit(.equalIntFloat, .bool, a, b, extra, span: span)
            case (.float, .int): return emit(.equalIntFloat, .bool, b, a, extra, span: span)
            default: return decline("'\(op.rawValue)' between \(ta) and \(tb)")
            }
        default:
            return decline("no batch kernel for '\(op.rawValue)'")
        }
    }

    private mutating func membership(_ a: Int, _ items: [Value], span: Span) -> Operand? {
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
            default: return decline("'in' on a \(program.registerTypes[a]) register")
            }
        }
        program.sets.append(set)
        let d = program.newRegister(.bool)
        program.emit(.inSet, d, a, hasNull ? 1 : 0, program.sets.count - 1, span: span)
        return .register(d)
    }

    private mutating func logical(_ op: VectorOp, _ left: Node, _ right: Node, span: Span) -> Operand? {
        guard case .register(let a)? = operand(left) else { return nil }
        conditional += 1
        defer { conditional -= 1 }
        guard case .register(let b)? = operand(right) else { return nil }
        guard program.registerTypes[a] == .bool, program.registerTypes[b] == .bool else { return decline("\(op) on non-bools") }
        return emit(op, .bool, a, b, span: span)
    }

    /// Pure builtins with a kernel (the registration table's `kernel` column).
    private mutating func callWithKernel(_ call: CallNode) -> Operand? {
        guard call.labels == nil, let callee = call.callee as? ConstantNode, case .function(let f) = callee.value,
              let native = f as? NativeFunction, let kernel = native.kernel, call.arguments.count == 2
        else { return decline("a call without a batch kernel") }
        guard case .register(let a)? = operand(call.arguments[0]), case .register(let b)? = operand(call.arguments[1]) else { return nil }
        guard [.int, .float].contains(program.registerTypes[a]), [.int, .float].contains(program.registerTypes[b])
        else { return decline("\(native.name)() on non-numbers") }
        return emit(kernel, .float, toFloat(a), toFloat(b), span: call.span)
    }
}

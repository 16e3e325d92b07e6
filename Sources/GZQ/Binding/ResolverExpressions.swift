/// Expressions: one `switch` over the AST, one bound node per construct.
extension Resolver {
    func resolve(_ e: Expr) -> Node {
        switch e.kind {
        case .null: return ConstantNode(.null, span: e.span)
        case .bool(let b): return ConstantNode(.bool(b), span: e.span)
        case .int(let i): return ConstantNode(.int(i), span: e.span)
        case .float(let d): return ConstantNode(.float(d), span: e.span)
        case .date(let d): return ConstantNode(.date(d), span: e.span)
        case .invalid: return ConstantNode(.null, span: e.span)
        case .string(let parts):
            return resolveString(parts, span: e.span)
        case .name(let name):
            return resolveName(name, span: e.span)
        case .list(let items):
            return ListNode(items.map(resolve), span: e.span)
        case .record(let entries):
            return RecordNode(keys: entries.map(\.key.text), values: entries.map { resolve($0.value) }, span: e.span)
        case .unary(.negate, let operand):
            // Folded only when it cannot overflow: `-(-9223372036854775808)` is a runtime overflow error.
            if case .int(let i) = operand.kind, i != Int.min { return ConstantNode(.int(-i), span: e.span) }
            if case .float(let d) = operand.kind { return ConstantNode(.float(-d), span: e.span) }
            return NegateNode(resolve(operand), span: e.span)
        case .unary(.not, let operand):
            return NotNode(resolve(operand), span: e.span)
        case .binary(let op, let left, let right):
            return resolveBinary(op, left, right, span: e.span)
        case .call(let callee, let arguments):
            return resolveCall(callee, arguments, span: e.span)
        case .index(let target, let index):
            return IndexNode(resolve(target), resolve(index), span: e.span)
        case .field(let target, let name):
            return FieldNode(resolve(target), name: name.text, nameSpan: name.span, span: e.span)
        case .block(let statements):
            return resolveStatements(statements, span: e.span, newScope: true)
        case .ifElse(let condition, let then, let otherwise):
            return IfNode(resolve(condition), resolve(then), otherwise.map(resolve), span: e.span)
        case .lambda(let decl):
            return LambdaNode(function: resolveFunction(decl), span: e.span)
        case .tryCatch(let body, let name, let handler):
            let bodyNode = resolve(body)
            pushBlock()
            defer { popBlock() }
            let slot = declare(name.text)
            let handlerNode = resolve(handler)
            return TryNode(body: bodyNode, errorSlot: slot, handler: handlerNode, span: e.span)
        case .stage(let input, let stage):
            return resolveStage(input: resolve(input), stage, span: e.span)
        }
    }

    private func resolveString(_ parts: [StringPart], span: Span) -> Node {
        if parts.count == 1, case .text(let text) = parts[0] { return ConstantNode(.str(text), span: span) }
        return InterpolationNode(parts.map { part in
            switch part {
            case .text(let text): return ConstantNode(.str(text), span: span)
            case .expr(let expr): return resolve(expr)
            }
        }, span: span)
    }

    /// A name is a variable, else a builtin; inside a stage it may also be a column.
    func resolveName(_ name: String, span: Span) -> Node {
        let variable: Node? = lookup(name).map { readNode($0, span: span) }
            ?? builtins[name].map { ConstantNode($0, span: span) }
        if let stage {
            return stage.columnReference(name, variable: variable, span: span)
        }
        if let variable { return variable }
        report(.undefinedVariable, name, HabitHints.quoteSuffix(for: name, after: Suggest.suffix(for: name, in: visibleNames())), span: span)
        return ConstantNode(.null, span: span)
    }

    private func resolveBinary(_ op: BinaryOperator, _ left: Expr, _ right: Expr, span: Span) -> Node {
        let l = resolve(left), r = resolve(right)
        switch op {
        case .and: return AndNode(l, r, span: span)
        case .or: return OrNode(l, r, span: span)
        case .coalesce: return CoalesceNode(l, r, span: span)
        default:
            if op == .equal || op == .notEqual { stage?.noteEquality(EqualityCheck(left: l, right: r, op: op, span: span)) }
            return BinaryOperands.make(op, l, r, span: span)
        }
    }

    private func resolveCall(_ callee: Expr, _ arguments: [Argument], span: Span) -> Node {
        let calleeNode: Node
        if case .name(let name) = callee.kind {
            // A called name is never a column: `rate(a, b)` is the function even beside a `rate` column.
            if let ref = lookup(name) {
                calleeNode = readNode(ref, span: callee.span)
            } else if let builtin = builtins[name] {
                if let stage, let special = stage.specialCall(name, builtin, arguments, span: span, resolver: self) {
                    return special
                }
                calleeNode = ConstantNode(builtin, span: callee.span)
            } else {
                report(.undefinedFunction, name, Suggest.suffix(for: name, in: visibleNames()), span: callee.span)
                calleeNode = ConstantNode(.null, span: callee.span)
            }
        } else {
            calleeNode = resolve(callee)
        }
        var seen: Set<String> = []
        for argument in arguments {
            if let label = argument.label, !seen.insert(label.text).inserted {
                report(.argumentGivenTwice, label.text, span: label.span)
            }
        }
        let labels: [String?]? = arguments.contains { $0.label != nil } ? arguments.map { $0.label?.text } : nil
        return CallNode(callee: calleeNode, arguments: arguments.map { resolve($0.value) }, labels: labels,
                        labelSpans: arguments.map { $0.label?.span ?? $0.value.span }, span: span)
    }
}

/// Pre-order walk over the AST, used by small static checks. Return false to stop descending.
enum ASTWalk {
    static func visit(_ e: Expr, expr: (Expr) -> Bool, statement: (Stmt) -> Bool) {
        guard expr(e) else { return }
        func go(_ x: Expr) { visit(x, expr: expr, statement: statement) }
        switch e.kind {
        case .string(let parts):
            for case .expr(let x) in parts { go(x) }
        case .list(let items): items.forEach(go)
        case .record(let entries): entries.forEach { go($0.value) }
        case .unary(_, let x): go(x)
        case .binary(_, let a, let b): go(a); go(b)
        case .call(let c, let args): go(c); args.forEach { go($0.value) }
        case .index(let a, let b): go(a); go(b)
        case .field(let a, _): go(a)
        case .block(let statements):
            for s in statements { visitStatement(s, expr: expr, statement: statement) }
        case .ifElse(let c, let t, let o): go(c); go(t); if let o { go(o) }
        case .lambda(let decl): go(decl.body)
        case .tryCatch(let b, _, let h): go(b); go(h)
        case .stage(let input, _): go(input)
        default: break
        }
    }

    static func visitStatement(_ s: Stmt, expr: (Expr) -> Bool, statement: (Stmt) -> Bool) {
        guard statement(s) else { return }
        func go(_ x: Expr) { visit(x, expr: expr, statement: statement) }
        switch s.kind {
        case .expr(let e), .letBinding(_, let e), .assign(_, let e): go(e)
        case .function(let decl): go(decl.body)
        case .returnValue(let e): if let e { go(e) }
        case .forIn(_, let a, let b), .whileLoop(let a, let b): go(a); go(b)
        default: break
        }
    }
}

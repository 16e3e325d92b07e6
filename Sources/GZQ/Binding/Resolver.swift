/// Turns the AST into the executable bound tree: every name becomes a slot in
/// a frame (local, enclosing function, or module global), closures and captures
/// are laid out, and static errors — undefined names, assignment to an undeclared
/// variable, `break` outside a loop — are reported before anything runs.
///
/// Frames: each function activation has one frame; a module's top level has a
/// growable frame (REPL entries add to it). A loop whose body creates closures runs
/// each iteration in a fresh frame, so closures capture that iteration's variables.
final class Resolver {
    /// One `{ }` scope: names → slots in the enclosing frame.
    struct BlockScope {
        var names: [String: Int] = [:]
    }

    /// One runtime frame level: a function body, a per-iteration loop frame, or the module.
    final class FrameScope {
        var blocks: [BlockScope]
        var slotCount: Int
        /// Whether code in this frame reads variables of an enclosing function frame, so a
        /// closure made here must keep its defining frame alive.
        var usesParent = false
        /// Set for the module level: slots live in this frame and grow as names are declared.
        let moduleFrame: GlobalFrame?

        init(moduleFrame: GlobalFrame?, blocks: [BlockScope], slotCount: Int) {
            self.moduleFrame = moduleFrame
            self.blocks = blocks
            self.slotCount = slotCount
        }
    }

    typealias ModuleLoader = (_ path: String, _ from: Module, _ span: Span) throws -> Module

    let module: Module
    let builtins: [String: Value]
    let loadModule: ModuleLoader
    var frames: [FrameScope]
    var errors: [SyntaxError] = []
    /// Every pipeline node made while resolving (prefixes included), for `check`'s column pass.
    var pipes: [PipeNode] = []
    var loopDepth = 0
    var functionDepth = 0
    /// Inside a table stage, unknown names are columns (bound when the stage meets a schema).
    var stage: StageScope?
    /// `containsClosure` answers by expression span.
    private var closureMemo: [SpanKey: Bool] = [:]

    struct SpanKey: Hashable {
        let file: Int32, start: Int32, end: Int32
        init(_ span: Span) {
            file = span.file
            start = span.start
            end = span.end
        }
    }

    init(module: Module, builtins: [String: Value], loadModule: @escaping ModuleLoader) {
        self.module = module
        self.builtins = builtins
        self.loadModule = loadModule
        frames = [FrameScope(moduleFrame: module.frame, blocks: [BlockScope(names: module.globals)], slotCount: 0)]
    }

    /// Resolves a whole program (or REPL entry) into the module's top-level block.
    /// On error, the module's global names are left as they were.
    func resolveProgram(_ statements: [Stmt], span: Span) -> Node? {
        let saved = module.globals
        let body = resolveStatements(statements, span: span, newScope: false)
        if errors.isEmpty {
            module.globals = frames[0].blocks[0].names
            return body
        }
        module.globals = saved
        return nil
    }

    func report(_ entry: Msg, _ args: any CustomStringConvertible..., span: Span) {
        report(Message(entry, args.map(MessageArg.init)), span)
    }

    func report(_ message: Message, _ span: Span) {
        errors.append(SyntaxError(message, span: span))
    }

    // MARK: - Scopes and slots

    private var current: FrameScope { frames[frames.count - 1] }

    func pushBlock() { current.blocks.append(BlockScope()) }
    func popBlock() { current.blocks.removeLast() }

    /// Declares a name in the innermost block and returns where it is stored.
    func declare(_ name: String) -> SlotRef {
        let scope = current
        let slot: Int
        if let frame = scope.moduleFrame {
            slot = frame.slots.count
            frame.slots.append(.null)
        } else {
            slot = scope.slotCount
            scope.slotCount += 1
        }
        scope.blocks[scope.blocks.count - 1].names[name] = slot
        return slotRef(frameIndex: frames.count - 1, slot: slot)
    }

    private func slotRef(frameIndex: Int, slot: Int) -> SlotRef {
        if let frame = frames[frameIndex].moduleFrame { return .global(frame, slot) }
        let depth = frames.count - 1 - frameIndex
        if depth > 0 {
            for inner in (frameIndex + 1)..<frames.count { frames[inner].usesParent = true }
        }
        return depth == 0 ? .local(slot) : .upvalue(depth: depth, slot: slot)
    }

    /// Finds a variable in the lexical scopes (not builtins).
    func lookup(_ name: String) -> SlotRef? {
        for frameIndex in stride(from: frames.count - 1, through: 0, by: -1) {
            let scope = frames[frameIndex]
            for block in scope.blocks.reversed() {
                if let slot = block.names[name] { return slotRef(frameIndex: frameIndex, slot: slot) }
            }
        }
        return nil
    }

    func readNode(_ ref: SlotRef, span: Span) -> Node {
        switch ref {
        case .local(let s): return LocalGet(slot: s, span: span)
        case .upvalue(let d, let s): return UpvalueGet(depth: d, slot: s, span: span)
        case .global(let f, let s): return GlobalGet(frame: f, slot: s, span: span)
        }
    }

    /// Every name visible here, for "did you mean".
    func visibleNames() -> [String] {
        var names = Array(builtins.keys)
        for scope in frames { for block in scope.blocks { names.append(contentsOf: block.names.keys) } }
        return names
    }

    // MARK: - Statements

    func resolveStatements(_ statements: [Stmt], span: Span, newScope: Bool) -> Node {
        if newScope { pushBlock() }
        defer { if newScope { popBlock() } }
        // Functions are hoisted: declared (and created) before the block's other statements,
        // so functions can call each other regardless of order.
        var hoisted: [Node] = []
        var declared: [String: Span] = [:]
        var functionSlots: [ObjectIdentifier: SlotRef] = [:]
        for statement in statements {
            guard case .function(let decl) = statement.kind, let name = decl.name else { continue }
            // At the top level a later definition replaces an earlier one (REPL redefinitions).
            if declared[name.text] != nil, frames.count > 1 || current.blocks.count > 1 {
                report(.functionDefinedTwice, name.text, span: name.span)
                continue
            }
            declared[name.text] = name.span
            functionSlots[ObjectIdentifier(decl)] = declare(name.text)
        }
        var nodes: [Node] = []
        for statement in statements {
            if case .function(let decl) = statement.kind {
                guard let target = functionSlots[ObjectIdentifier(decl)] else { continue }
                hoisted.append(FunctionDeclNode(target: target, function: resolveFunction(decl), span: statement.span))
            } else {
                nodes.append(resolveStatement(statement))
            }
        }
        let all = hoisted + nodes
        return all.count == 1 ? all[0] : BlockNode(all, span: span)
    }

    func resolveStatement(_ statement: Stmt) -> Node {
        switch statement.kind {
        case .expr(let e):
            return resolve(e)
        case .letBinding(let name, let value):
            let valueNode = resolve(value)
            return StoreNode.make(target: declare(name.text), value: valueNode, span: statement.span)
        case .assign(let name, let value):
            let valueNode = resolve(value)
            guard let target = lookup(name.text) else {
                if builtins[name.text] != nil {
                    report(.assignToBuiltin, name.text, name.text, span: name.span)
                } else {
                    report(.assignToUndeclaredVariable, name.text, Suggest.suffix(for: name.text, in: visibleNames()), span: name.span)
                }
                return ConstantNode(.null, span: statement.span)
            }
            return StoreNode.make(target: target, value: valueNode, span: statement.span)
        case .function:
            return ConstantNode(.null, span: statement.span) // handled by hoisting
        case .returnValue(let value):
            if functionDepth == 0 { report(.returnOutsideFunction, span: statement.span) }
            return ReturnNode(value.map(resolve), span: statement.span)
        case .breakLoop:
            if loopDepth == 0 { report(.breakOutsideLoop, span: statement.span) }
            return BreakNode(span: statement.span)
        case .continueLoop:
            if loopDepth == 0 { report(.continueOutsideLoop, span: statement.span) }
            return ContinueNode(span: statement.span)
        case .forIn(let name, let iterable, let body):
            return resolveFor(name, iterable, body, span: statement.span)
        case .whileLoop(let condition, let body):
            let conditionNode = resolve(condition)
            let (bodyNode, storage) = resolveLoopBody(body, variable: nil)
            return WhileNode(conditionNode, bodyNode, storage: storage, span: statement.span)
        case .importFile(let path, let alias):
            return resolveImport(path: path, alias: alias, span: statement.span)
        }
    }

    private func resolveFor(_ name: Name, _ iterable: Expr, _ body: Expr, span: Span) -> Node {
        if case .binary(.range, let low, let high) = iterable.kind {
            let lowNode = resolve(low), highNode = resolve(high)
            let (bodyNode, storage) = resolveLoopBody(body, variable: name.text)
            return ForRangeNode(low: lowNode, high: highNode, body: bodyNode, storage: storage, span: span)
        }
        let iterableNode = resolve(iterable)
        let (bodyNode, storage) = resolveLoopBody(body, variable: name.text)
        return ForEachNode(iterable: iterableNode, body: bodyNode, storage: storage, span: span)
    }

    /// A loop body gets its own frame per iteration only when it creates closures.
    private func resolveLoopBody(_ body: Expr, variable: String?) -> (Node, LoopStorage) {
        loopDepth += 1
        defer { loopDepth -= 1 }
        if containsClosure(body) {
            let scope = FrameScope(moduleFrame: nil, blocks: [BlockScope()], slotCount: 0)
            frames.append(scope)
            if let variable { _ = declare(variable) }
            let node = resolveBlockContents(body)
            frames.removeLast()
            return (node, .perIteration(frameSize: scope.slotCount))
        }
        pushBlock()
        defer { popBlock() }
        let variableRef = variable.map { declare($0) }
        return (resolveBlockContents(body), .shared(variable: variableRef))
    }

    private func resolveBlockContents(_ body: Expr) -> Node {
        if case .block(let statements) = body.kind {
            return resolveStatements(statements, span: body.span, newScope: true)
        }
        return resolve(body)
    }

    /// Whether `e` creates a closure (a `fn` expression or declaration). Answers for loop bodies
    /// are remembered, so nested loops are scanned once in all rather than once per level
    /// (10 000 nested loops would otherwise take quadratic time).
    func containsClosure(_ e: Expr) -> Bool {
        let key = SpanKey(e.span)
        if let known = closureMemo[key] { return known }
        var found = false
        ASTWalk.visit(e) { expr in
            if case .lambda = expr.kind { found = true }
            return !found
        } statement: { stmt in
            switch stmt.kind {
            case .function:
                found = true
            case .forIn(_, let iterable, let body), .whileLoop(let iterable, let body):
                found = self.containsClosure(iterable) || self.containsClosure(body)
                return false // scanned (and remembered) by the calls above
            default:
                break
            }
            return !found
        }
        closureMemo[key] = found
        return found
    }

    // MARK: - Functions

    func resolveFunction(_ decl: FunctionDecl) -> BoundFunction {
        let scope = FrameScope(moduleFrame: nil, blocks: [BlockScope()], slotCount: 0)
        frames.append(scope)
        let savedLoops = loopDepth, savedStage = stage
        loopDepth = 0
        stage = nil
        functionDepth += 1
        defer {
            frames.removeLast()
            loopDepth = savedLoops
            stage = savedStage
            functionDepth -= 1
        }
        var defaults: [Node?] = []
        for param in decl.params {
            // A default may use earlier parameters, so resolve it before declaring this one.
            defaults.append(param.defaultValue.map(resolve))
            _ = declare(param.name.text)
        }
        let body = resolveBlockContents(decl.body)
        let function = BoundFunction(name: decl.name?.text ?? "fn", parameterNames: decl.params.map(\.name.text),
                                     defaults: defaults, body: body, frameSize: scope.slotCount, span: decl.span,
                                     usesParent: scope.usesParent)
        module.functions.append(function)
        return function
    }

    // MARK: - Imports

    private func resolveImport(path: String, alias: Name?, span: Span) -> Node {
        let imported: Module
        do {
            imported = try loadModule(path, module, span)
        } catch let error as SyntaxError {
            errors.append(error)
            return ConstantNode(.null, span: span)
        } catch {
            report(.cannotImportFile, path, "\(error)", span: span)
            return ConstantNode(.null, span: span)
        }
        let exports = imported.exports
        if let alias {
            return ImportNode(module: imported, bindings: [], alias: (declare(alias.text), exports), span: span)
        }
        let bindings = exports.map { (source: $0.slot, target: declare($0.name)) }
        return ImportNode(module: imported, bindings: bindings, alias: nil, span: span)
    }
}

import XCTest
@testable import GZQ

/// The resolver: names become slots (global, local, or a captured frame's), loops that
/// create closures get a frame per iteration, and static errors are found before running.
final class ResolverTests: XCTestCase {
    private struct NoImports: Error {}

    private func resolve(_ text: String, module: Module = Module(name: "t", directory: nil)) -> (node: Node?, errors: [String]) {
        let file = SourceFile(name: "t.gzq", text: text)
        let (statements, syntaxErrors) = Parser.parseProgram(file, file: 0)
        XCTAssertEqual(syntaxErrors.map(\.message), [], "the test program must parse")
        let resolver = Resolver(module: module, builtins: Builtins.table(), loadModule: { _, _, _ in throw NoImports() })
        let node = resolver.resolveProgram(statements, span: Span(file: 0, start: 0, end: Int32(file.bytes.count)))
        return (node, resolver.errors.map(\.message))
    }

    private func statements(_ text: String) throws -> [Node] {
        let result = resolve(text)
        XCTAssertEqual(result.errors, [])
        let node = try XCTUnwrap(result.node)
        if let block = node as? BlockNode { return Array(block.statements) }
        return [node]
    }

    private func describe(_ ref: SlotRef) -> String {
        switch ref {
        case .local(let s): return "local \(s)"
        case .upvalue(let d, let s): return "upvalue \(d) \(s)"
        case .global(_, let s): return "global \(s)"
        }
    }

    private func describe(_ node: Node) -> String {
        switch node {
        case let n as LocalGet: return "local \(n.slot)"
        case let n as UpvalueGet: return "upvalue \(n.depth) \(n.slot)"
        case let n as GlobalGet: return "global \(n.slot)"
        case let n as ConstantNode: return "constant \(ValueFormatter.literal(n.value))"
        default: return String(describing: type(of: node))
        }
    }

    // MARK: - Slots

    func testTopLevelNamesAreGlobalSlots() throws {
        let nodes = try statements("let a = 1\nlet b = 2\nlet a = 3\na\nb")
        let stores = nodes.prefix(3).compactMap { $0 as? StoreNode }
        XCTAssertEqual(stores.map { describe($0.target) }, ["global 0", "global 1", "global 2"], "a shadowing let gets a new slot")
        XCTAssertEqual(nodes.suffix(2).map(describe), ["global 2", "global 1"])
    }

    func testParametersAndLocalsAreFrameSlots() throws {
        let nodes = try statements("fn f(a, b) { let c = a; b }")
        let declaration = try XCTUnwrap(nodes.first as? FunctionDeclNode)
        XCTAssertEqual(describe(declaration.target), "global 0")
        let function = declaration.function
        XCTAssertEqual(function.parameterNames, ["a", "b"])
        XCTAssertEqual(function.frameSize, 3)
        let body = try XCTUnwrap(function.body as? BlockNode)
        let store = try XCTUnwrap(body.statements.first as? StoreNode)
        XCTAssertEqual(describe(store.target), "local 2")
        XCTAssertEqual(describe(store.value), "local 0")
        XCTAssertEqual(describe(body.statements[1]), "local 1")
    }

    func testClosuresReachEnclosingFramesByDepth() throws {
        let nodes = try statements("fn outer(x) { fn(y) { fn() x + y } }")
        let outer = try XCTUnwrap(nodes.first as? FunctionDeclNode).function
        let middle = try XCTUnwrap(outer.body as? LambdaNode).function
        let inner = try XCTUnwrap(middle.body as? LambdaNode).function
        let sum = try XCTUnwrap(inner.body as? BinaryOperands)
        XCTAssertEqual(describe(sum.left), "upvalue 2 0")
        XCTAssertEqual(describe(sum.right), "upvalue 1 0")
    }

    func testDefaultsSeeEarlierParameters() throws {
        let nodes = try statements("fn f(a, b = a) { b }")
        let function = try XCTUnwrap(nodes.first as? FunctionDeclNode).function
        XCTAssertNil(function.defaults[0])
        XCTAssertEqual(function.defaults[1].map(describe), "local 0")
        XCTAssertEqual(function.requiredCount, 1)
    }

    func testBuiltinsAreConstants() throws {
        let nodes = try statements("len")
        XCTAssertEqual(describe(nodes[0]), "constant <fn len>")
        // A variable of the same name wins over the builtin.
        let shadowed = try statements("let len = 1\nlen")
        XCTAssertEqual(describe(shadowed[1]), "global 0")
    }

    func testFunctionsAreHoistedToTheStartOfTheirBlock() throws {
        let nodes = try statements("let r = f()\nfn f() { 1 }")
        XCTAssertTrue(nodes[0] is FunctionDeclNode, "the declaration runs first")
        XCTAssertTrue(nodes[1] is StoreNode)
    }

    func testLoopsThatCreateClosuresGetAFramePerIteration() throws {
        let plain = try statements("let s = 0\nfor i in [1, 2] { s = s + i }")
        let shared = try XCTUnwrap(plain[1] as? ForEachNode)
        guard case .shared(let variable) = shared.storage else { return XCTFail("expected shared storage") }
        XCTAssertEqual(variable.map(describe), "global 1")

        let capturing = try statements("let fs = []\nfor i in 1..3 { let j = i; fs = fs + [fn() j] }")
        let range = try XCTUnwrap(capturing[1] as? ForRangeNode)
        guard case .perIteration(let size) = range.storage else { return XCTFail("expected a frame per iteration") }
        XCTAssertEqual(size, 2, "the loop variable and j")
    }

    // MARK: - Static errors

    func testUndefinedNames() {
        XCTAssertEqual(resolve("print(x)").errors, ["undefined variable 'x'"])
        XCTAssertEqual(resolve("let total = 1\nprint(totl)").errors, ["undefined variable 'totl' (did you mean 'total'?)"])
        XCTAssertEqual(resolve("pritn(1)").errors, ["undefined function 'pritn' (did you mean 'print'?)"])
        XCTAssertEqual(resolve("{ let inner = 1 }\ninner").errors, ["undefined variable 'inner'"])
        XCTAssertEqual(resolve("for i in [1] { }\ni").errors, ["undefined variable 'i'"])
        XCTAssertEqual(resolve("fn f() { later }\nlet later = 1").errors, ["undefined variable 'later'"])
    }

    func testAssignments() {
        XCTAssertEqual(resolve("y = 1").errors, ["cannot assign to undeclared variable 'y' (declare it with 'let')"])
        XCTAssertEqual(resolve("let total = 0\ntotl = 1").errors,
                       ["cannot assign to undeclared variable 'totl' (declare it with 'let') (did you mean 'total'?)"])
        XCTAssertEqual(resolve("len = 1").errors, ["cannot assign to builtin 'len' (use 'let len = …' to define your own)"])
        XCTAssertEqual(resolve("let x = 1\nfn f() { x = 2 }").errors, [])
    }

    func testControlFlowOutsideItsConstruct() {
        XCTAssertEqual(resolve("break").errors, ["'break' outside a loop"])
        XCTAssertEqual(resolve("continue").errors, ["'continue' outside a loop"])
        XCTAssertEqual(resolve("return 1").errors, ["'return' outside a function"])
        XCTAssertEqual(resolve("for i in [1] { fn f() { break } }").errors, ["'break' outside a loop"], "a function body is not inside the loop")
        XCTAssertEqual(resolve("fn f() { for i in [1] { if i { return i } else { continue } } }").errors, [])
    }

    func testDuplicates() {
        XCTAssertEqual(resolve("fn g() {\n  fn f() { 1 }\n  fn f() { 2 }\n}").errors, ["function 'f' is already defined in this block"])
        XCTAssertEqual(resolve("fn f() { 1 }\nfn f() { 2 }").errors, [], "top-level redefinition (REPL)")
        XCTAssertEqual(resolve("fn f(a) { a }\nf(a: 1, a: 2)").errors, ["argument 'a' is given twice"])
    }

    func testEveryErrorIsReportedInOrder() {
        XCTAssertEqual(resolve("print(a)\nb = 1\nbreak\nprint(c)").errors, [
            "undefined variable 'a'",
            "cannot assign to undeclared variable 'b' (declare it with 'let')",
            "'break' outside a loop",
            "undefined variable 'c'",
        ])
    }

    func testAFailedResolutionLeavesTheModuleAsItWas() {
        let module = Module(name: "repl", directory: nil)
        XCTAssertEqual(resolve("let kept = 1", module: module).errors, [])
        XCTAssertEqual(Set(module.globals.keys), ["kept"])
        XCTAssertEqual(resolve("let dropped = 1\nprint(missing)", module: module).errors, ["undefined variable 'missing'"])
        XCTAssertEqual(Set(module.globals.keys), ["kept"])
        XCTAssertEqual(resolve("kept + 1", module: module).errors, [], "earlier names stay visible")
    }

    // MARK: - Did you mean

    func testSuggestions() {
        XCTAssertEqual(Suggest.closest(to: "corected", in: ["concluded", "corrected", "region"]), "corrected")
        XCTAssertEqual(Suggest.closest(to: "regoin", in: ["region", "rate"]), "region", "a swap of neighbours is one edit")
        XCTAssertEqual(Suggest.closest(to: "Region", in: ["region"]), "region", "case-insensitive")
        XCTAssertNil(Suggest.closest(to: "y", in: ["x"]), "nothing in common")
        XCTAssertNil(Suggest.closest(to: "nope", in: ["type"]))
        XCTAssertNil(Suggest.closest(to: "zzzzzz", in: ["region"]))
        XCTAssertEqual(Suggest.closest(to: "ab", in: ["ab"]), nil, "the name itself is no suggestion")
        XCTAssertEqual(Suggest.closest(to: "rat", in: ["rate", "ratio"]), "rate")
        XCTAssertEqual(Suggest.closest(to: "cat", in: ["cab", "car"]), "cab", "ties go to the first name alphabetically")
        XCTAssertEqual(Suggest.suffix(for: "lenn", in: ["len"]).description, " (did you mean 'len'?)")
        XCTAssertEqual(Suggest.suffix(for: "q", in: ["len"]).description, "")
    }
}

/// A program parsed and resolved once by `Interpreter.compile`, to run many times
/// (`run()` or `Interpreter.run(_:)`) without parsing again. It keeps its interpreter alive.
public final class CompiledProgram {
    /// The interpreter it was compiled for (and the only one that can run it).
    public let interpreter: Interpreter
    /// The name given to `compile`, shown in diagnostics.
    public let name: String
    var body: Node? { box.node }
    private let box: NodeBox

    init(interpreter: Interpreter, name: String, body: Node) {
        self.interpreter = interpreter
        self.name = name
        self.box = NodeBox(body)
    }

    /// Runs the program once more and returns the value of its last statement.
    /// - Throws: `GZQError` with the runtime error that ended the run.
    @discardableResult
    public func run() throws -> Value {
        try interpreter.run(self)
    }

    deinit {
        interpreter.release(box)
    }
}


/// Holds a tree so that the last reference to it can be dropped on the interpreter thread.
final class NodeBox {
    var node: Node?
    init(_ node: Node) { self.node = node }
}

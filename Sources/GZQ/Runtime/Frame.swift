/// The variables of one function activation (or of a module's top level).
/// Closures keep their defining frame alive, which is how they capture by reference.
final class Frame {
    var slots: [Value]
    let parent: Frame?

    init(size: Int, parent: Frame?) {
        slots = Array(repeating: .null, count: size)
        self.parent = parent
    }

    @inline(__always)
    func ancestor(_ depth: Int) -> Frame {
        var f = self
        for _ in 0..<depth { f = f.parent ?? f }
        return f
    }
}

/// A file's top level: its global frame, the names declared there, and whether it has run.
final class Module {
    enum State { case resolving, resolved, running, done }

    let name: String
    let directory: String?
    let frame = Frame(size: 0, parent: nil)
    /// Top-level names → slots in `frame`. Persistent across REPL entries.
    var globals: [String: Int] = [:]
    var body: Node?
    var state: State = .resolving

    init(name: String, directory: String?) {
        self.name = name
        self.directory = directory
    }

    /// Exported names, in slot order (so `import … as m` builds a stable record).
    var exports: [(name: String, slot: Int)] {
        globals.map { ($0.key, $0.value) }.sorted { $0.slot < $1.slot }
    }
}

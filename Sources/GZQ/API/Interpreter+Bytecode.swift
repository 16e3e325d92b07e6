/// The fast path's programs for a pipeline, as the disassembler prints them
/// (`:bytecode EXPR` in the REPL, `gzq --dump-bytecode`).
extension Interpreter {
    /// Runs `source` with the fast path forced on and returns the disassembly of every program
    /// it compiled (empty when no stage could use the fast path). Output the program prints is
    /// kept from the host; errors are thrown as by `run`.
    public func bytecode(for source: String) throws -> String {
        var listing: [String] = []
        let savedTrace = host.bytecodeTrace, savedEngine = host.engine, savedOutput = host.output
        host.bytecodeTrace = { listing.append($0) }
        host.engine = .vector
        host.output = { _ in }
        defer {
            host.bytecodeTrace = savedTrace
            host.engine = savedEngine
            host.output = savedOutput
        }
        try run(source, name: "<bytecode>")
        return listing.isEmpty ? "(no stage of this expression runs on the fast path)" : listing.joined(separator: "\n")
    }
}

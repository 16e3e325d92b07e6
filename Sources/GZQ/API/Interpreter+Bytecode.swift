/// The plans of a pipeline's stages and their batch programs, as `:bytecode EXPR` in the REPL
/// prints them (`gzq --dump-bytecode` prints only the programs, as they run).
extension Interpreter {
    /// Runs `source` with the batch engine forced on and returns each plan it ran: a line per
    /// step, and under it the step's engine with its program's disassembly, or `tree` and why
    /// the batch engine declined. Output the program prints is kept from the host; errors are
    /// thrown as by `run`.
    public func bytecode(for source: String) throws -> String {
        var listing: [String] = []
        var programs = 0
        let savedTrace = host.bytecodeTrace, savedPlan = host.planTrace, savedEngine = host.engine, savedOutput = host.output
        host.planTrace = { listing.append($0) }
        host.bytecodeTrace = { _ in programs += 1 }
        host.engine = .vector
        host.output = { _ in }
        defer {
            host.bytecodeTrace = savedTrace
            host.planTrace = savedPlan
            host.engine = savedEngine
            host.output = savedOutput
        }
        try run(source, name: "<bytecode>")
        if listing.isEmpty { return "(no table stage in this expression)" }
        if programs == 0 { listing.append("(no stage of this expression runs on the batch engine)") }
        return listing.joined(separator: "\n")
    }
}

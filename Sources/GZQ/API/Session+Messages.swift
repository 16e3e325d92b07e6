extension Session {
    /// A REPL message of its own (unknown `:command`, `:load` without a file…), through the
    /// catalogue and the one renderer, in the language in force.
    func report(_ entry: Msg, _ args: any CustomStringConvertible...) {
        report(Message(entry, args.map(MessageArg.init)))
    }

    func report(_ message: Message) {
        let language = interpreter.host.language
        var d = Diagnostic(kind: .runtime, id: message.id, message: message.text(language), file: "", line: 0, column: 0)
        d.language = language
        errorOutput(DiagnosticRenderer.render(d))
    }
}

extension Session {
    /// What `body` returns, or nil after printing its error: gzq's in the caret form, any
    /// other as `error: …` (every `:command` that runs gzq code reports errors this way).
    func printingErrors<T>(_ body: () throws -> T) -> T? {
        do {
            return try body()
        } catch let error as GZQError {
            errorOutput(error.rendered)
        } catch {
            errorOutput("error: \(error)\n")
        }
        return nil
    }
}

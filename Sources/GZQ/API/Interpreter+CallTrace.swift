extension Interpreter {
    /// The diagnostic of a runtime error, with the call sites it unwound through.
    func runtimeDiagnostic(_ error: RuntimeError) -> Diagnostic {
        var d = sources.diagnostic(error.content, error.span, kind: .runtime, language: host.language, note: error.note ?? "")
        d.calledFrom = error.callers.map { caller in
            let site = diagnostic("", caller.site, kind: .runtime)
            return "\(site.file):\(site.line):\(site.column)" + (caller.times > 1 ? Message(.callerTimes, caller.times).text(host.language) : "")
        }
        d.moreCallers = error.moreCallers
        return d
    }
}

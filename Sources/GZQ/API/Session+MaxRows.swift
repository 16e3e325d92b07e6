/// `:maxrows N`: how many rows a table shows in the REPL before its middle is elided.
extension Session {
    func setMaxRows(_ argument: String) {
        guard let n = Int(argument), n >= 0 else {
            let shown = maxRows == Int.max ? "0 (all)" : String(maxRows)
            if argument.isEmpty { output("maxrows: \(shown)\n") } else { report(.maxRowsNeedsNumber, argument) }
            return
        }
        maxRows = n == 0 ? Int.max : n
    }
}

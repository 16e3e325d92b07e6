import Foundation

/// How a `Session` turns the lines of an entry into a run (REFERENCE §11, §18):
/// - each entry gets its own source name, `<repl:N>`, so an error says which entry it is in;
/// - an entry that starts with `|` continues the previous statement when that statement
///   printed no value (`let k = t | where …` then `| summarize …`), exactly as the same
///   lines mean in a script; otherwise it pipes `_`, the last value shown;
/// - a block of several lines (a bracketed paste) runs as one entry, as a script would.
extension Session {
    /// The statement a following `|` entry continues.
    enum Continuation: Equatable {
        /// `let name = …` or `name = …`: `| stage` runs as `name = name | stage` (the rest of
        /// the entry, further statements included, follows as in a script).
        case binding(String)
        /// `fn …`: the declaration followed by the `|` line, run together as a script would
        /// (which reports the same syntax error a script file gets).
        case function(source: String)
    }

    /// The source name of the entry being run: `<repl:3>` for the third entry.
    public var entryName: String {
        sourceName.hasSuffix(">") ? "\(sourceName.dropLast()):\(entryCount)>" : "\(sourceName):\(entryCount)"
    }

    /// Feeds a block of lines (a bracketed paste) as one entry: it runs once every line is
    /// in, so a `|` line inside it continues the line above, as in a script. A block that
    /// starts with a meta-command is fed line by line instead.
    @discardableResult
    public func feedBlock(_ text: String) -> Outcome {
        // "\r\n" is one Character, so it is a separator of its own.
        var lines = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }).map(String.init)
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        if lines.isEmpty { return .done }
        let startsWithCommand = lines[0].trimmingCharacters(in: .whitespaces).hasPrefix(":")
        if lines.count == 1 || (pendingLines.isEmpty && startsWithCommand) {
            var outcome = Outcome.done
            for line in lines {
                outcome = feed(line)
                if outcome == .quit { return .quit }
            }
            return outcome
        }
        if pendingLines.isEmpty {
            // Blank lines above the first statement are not part of the entry.
            while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        }
        pendingLines.append(contentsOf: lines)
        return submitPending()
    }

    /// What running an entry means.
    struct Plan {
        /// The source that runs.
        var source: String
        /// Text put in front of the entry's first line (`_`, or `name = name`).
        var prefix: String = ""
        /// Whether the entry pipes `_`.
        var pipesPrevious = false
    }

    /// The plan for `entry`: a leading `|` continues the last statement or pipes `_`.
    func plan(for entry: String) -> Plan {
        guard entry.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix("|") else { return Plan(source: entry) }
        switch continuation {
        case .binding(let name):
            let reference = Self.reference(to: name)
            let prefix = "\(reference) = \(reference)"
            return Plan(source: prefix + entry, prefix: prefix)
        case .function(let source):
            return Plan(source: source + "\n" + entry)
        case nil:
            return Plan(source: "_" + entry, prefix: "_", pipesPrevious: true)
        }
    }

    /// The pending lines as one entry: wait for more, or run it (`force`: at the end of input).
    func submitPending(force: Bool = false) -> Outcome {
        let entry = pendingLines.joined(separator: "\n")
        let plan = plan(for: entry)
        if !force, needsMore(plan.source) { return .needsMore }
        pendingLines.removeAll()
        if plan.pipesPrevious, interpreter.global("_") == nil {
            report(.nothingToPipe)
            return .done
        }
        entryCount += 1
        if let value = evaluate(plan) {
            continuation = Self.continuation(after: EntryShape.of(plan.source), source: plan.source, value: value)
        }
        return .done
    }

    /// What a `|` entry after a successful entry continues.
    static func continuation(after shape: EntryShape, source: String, value: Value) -> Continuation? {
        guard value.isNull else { return nil }
        switch shape {
        case .binding(let name): return .binding(name)
        case .function: return .function(source: source)
        case .expression, .other: return nil
        }
    }

    /// A name as source text (backticks when it is not an identifier).
    static func reference(to name: String) -> String {
        Identifier.quotedIfNeeded(name)
    }

    /// Whether `source` is unfinished: open brackets, a trailing operator or comma, or an
    /// unexpected end of input reported by the parser.
    func needsMore(_ source: String) -> Bool {
        let file = SourceFile(name: sourceName, text: source)
        let (tokens, errors) = Lexer.tokenize(file, file: -1)
        // An unterminated string is an error to show, not a reason to wait.
        if !errors.isEmpty { return false }
        var depth = 0
        var last: Token?
        for token in tokens {
            switch token.kind {
            case .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth -= 1
            case .newline, .eof: continue
            default: break
            }
            last = token
        }
        if depth > 0 { return true }
        if let last, last.kind.continuesLineAtEnd { return true }
        return interpreter.isIncomplete(source)
    }

    /// Runs a plan; prints its value (unless it is null) and keeps it in `_`.
    /// Returns the value, or nil when the entry failed (the error has been printed).
    func evaluate(_ plan: Plan) -> Value? {
        let started = DispatchTime.now().uptimeNanoseconds
        let name = entryName
        defer {
            if showsTime { output("time: \(Self.describe(nanoseconds: DispatchTime.now().uptimeNanoseconds - started))\n") }
        }
        // Warnings of an entry point at what the user typed, as errors do.
        let host = interpreter.host, hostDiagnostics = host.diagnostics
        if let hostDiagnostics { host.diagnostics = { hostDiagnostics(self.unshift($0, file: name, prefix: plan.prefix)) } }
        defer { host.diagnostics = hostDiagnostics }
        do {
            let value = try interpreter.run(plan.source, name: name)
            if !value.isNull {
                interpreter.setGlobal("_", value)
                // A remote table shows its rows (`_` stays the remote table, for :sql).
                let shown = value.isRemoteTable ? try interpreter.run("collect(_)", name: name) : value
                output(render(shown) + "\n")
            }
            return value
        } catch let error as GZQError {
            let diagnostics = error.diagnostics.map { unshift($0, file: name, prefix: plan.prefix) }
            errorOutput(diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n"))
        } catch {
            errorOutput("error: \(error)\n")
        }
        return nil
    }

    /// A diagnostic on line 1 of an entry, moved back over the `prefix` put in front of it,
    /// so its caret sits under what the user typed.
    func unshift(_ d: Diagnostic, file: String, prefix: String) -> Diagnostic {
        let shift = prefix.unicodeScalars.count
        guard shift > 0, d.file == file, d.line == 1, d.sourceLine.hasPrefix(prefix) else { return d }
        // A span that starts inside the prefix starts at the entry's first column instead.
        let length = d.column <= shift ? max(1, d.length - (shift - d.column + 1)) : d.length
        let line = String(String.UnicodeScalarView(d.sourceLine.unicodeScalars.dropFirst(shift)))
        var moved = Diagnostic(kind: d.kind, id: d.id, category: d.category, message: d.message, file: d.file, line: d.line,
                               column: max(1, d.column - shift), length: length, sourceLine: line, note: d.note)
        moved.language = d.language
        return moved
    }
}

import Foundation

/// The REPL's logic, without a terminal (SPEC §11): the `gzq` command's REPL is a line
/// reader around one `Session`, and an embedder (a notebook, an editor plug-in, a test)
/// can drive the same logic by feeding it lines.
///
///     let session = Session(interpreter: Interpreter(host: host), output: { print($0, terminator: "") })
///     session.feed("let t = read_csv(\"cases.csv\")")
///     session.feed("t")                      // prints the table; `_` is now the table
///     session.feed("| where year == 2021")   // pipes `_`: a pipeline built one stage at a time
///
/// Design (after Lua's `lua.c` and Python's REPL):
/// - **An entry is one or more lines.** A line continues the entry (prompt `...> `) while
///   brackets are open, when it ends in a binary operator (`|` included) or a `,`, or when
///   the parser reports an unexpected end of input (`Interpreter.isIncomplete`).
/// - **The entry's value prints** in the session's `format` (tables as tables) and is kept
///   in the global `_`. A `null` value (a `let`, a `print(…)` call, a loop) prints nothing
///   and leaves `_` alone, as in Python, so `| stage` still means "the last value shown".
///   In the `table` format a non-table value prints as a literal (`"贵阳市"`, `@2021-06-30`),
///   so a string is told apart from a number and can be pasted back.
/// - **A leading `|` pipes `_`.** The entry runs as `_` followed by the entry; a diagnostic
///   on that line is moved back by the one character added, so its caret sits under what
///   the user typed.
/// - **Errors print in the caret form** (SPEC §9) to `errorOutput`; the interpreter's state
///   (globals, `_`) is untouched by a failed entry, so the session simply goes on.
/// - **Meta-commands** start with `:` at the start of an entry: `:help [name]`, `:quit`,
///   `:load FILE`, `:vars`, `:schema [EXPR]`, `:time on|off`, `:format F`, `:engine E`,
///   `:bytecode EXPR`.
///
/// Not thread-safe: feed it from one thread. `interpreter.interrupt()` (from any thread)
/// stops a running entry, which then ends with the error `interrupted`.
public final class Session {
    /// What `feed` did with a line.
    public enum Outcome: Equatable, Sendable {
        /// The entry is unfinished; show the continuation prompt and read another line.
        case needsMore
        /// The entry (or meta-command) ran; its output and errors have been written.
        case done
        /// `:quit` was entered.
        case quit
    }

    public static let prompt = "gzq> "
    public static let continuationPrompt = "...> "

    public let interpreter: Interpreter
    /// How values (tables above all) print; `:format` changes it.
    public var format: OutputFormat = .table
    /// Whether each entry's elapsed time is printed after it; `:time` changes it.
    public var showsTime = false
    /// The display width tables are fitted to (the terminal's); nil for no limit.
    public var maxWidth: Int?
    /// The file name shown in diagnostics of entries.
    public var sourceName = "<repl>"

    private let output: (String) -> Void
    private let errorOutput: (String) -> Void
    /// Lines of the unfinished entry.
    public private(set) var pendingLines: [String] = []

    /// - Parameters:
    ///   - interpreter: runs the entries; its host's `output` receives what programs print.
    ///   - output: receives printed values, meta-command output and timings (each piece ends with a newline).
    ///   - errorOutput: receives diagnostics in the caret form; defaults to `output`.
    public init(interpreter: Interpreter, output: @escaping (String) -> Void, errorOutput: ((String) -> Void)? = nil) {
        self.interpreter = interpreter
        self.output = output
        self.errorOutput = errorOutput ?? output
    }

    /// Whether an entry is unfinished (the next line continues it).
    public var isContinuing: Bool { !pendingLines.isEmpty }

    /// The prompt for the next line: `gzq> `, or `...> ` inside an unfinished entry.
    public var currentPrompt: String { isContinuing ? Self.continuationPrompt : Self.prompt }

    /// Drops the unfinished entry (Ctrl-C while typing).
    public func cancel() {
        pendingLines.removeAll()
    }

    /// Feeds one line of input (without its newline). A string holding several lines (a
    /// multi-line entry recalled from history) is fed line by line.
    @discardableResult
    public func feed(_ line: String) -> Outcome {
        let lines = line.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1 {
            var outcome = Outcome.done
            for piece in lines {
                outcome = feed(String(piece))
                if outcome == .quit { return .quit }
            }
            return outcome
        }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pendingLines.isEmpty {
            if trimmed.isEmpty { return .done }
            if trimmed.hasPrefix(":") { return runMetaCommand(trimmed) }
        }
        pendingLines.append(line)
        let entry = pendingLines.joined(separator: "\n")
        let (source, pipesPrevious) = Self.effectiveSource(entry)
        if needsMore(source) { return .needsMore }
        pendingLines.removeAll()
        if pipesPrevious, interpreter.global("_") == nil {
            errorOutput("error: nothing to pipe: a line starting with '|' continues the previous value, and there is none yet\n")
            return .done
        }
        evaluate(source, shifted: pipesPrevious)
        return .done
    }

    /// Runs the unfinished entry as it stands (at the end of input), so what is missing is
    /// reported rather than silently dropped.
    @discardableResult
    public func finish() -> Outcome {
        guard isContinuing else { return .done }
        let (source, pipesPrevious) = Self.effectiveSource(pendingLines.joined(separator: "\n"))
        pendingLines.removeAll()
        evaluate(source, shifted: pipesPrevious)
        return .done
    }

    // MARK: - Entries

    /// The source to run: an entry starting with `|` pipes `_` into it.
    static func effectiveSource(_ entry: String) -> (source: String, pipesPrevious: Bool) {
        let start = entry.drop { $0 == " " || $0 == "\t" }
        return start.hasPrefix("|") ? ("_" + entry, true) : (entry, false)
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

    private func evaluate(_ source: String, shifted: Bool) {
        let started = DispatchTime.now().uptimeNanoseconds
        do {
            let value = try interpreter.run(source, name: sourceName)
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            if !value.isNull {
                interpreter.setGlobal("_", value)
                output(render(value) + "\n")
            }
            if showsTime { output("time: \(Self.describe(nanoseconds: elapsed))\n") }
        } catch let error as GZQError {
            let elapsed = DispatchTime.now().uptimeNanoseconds - started
            let diagnostics = shifted ? error.diagnostics.map(unshift) : error.diagnostics
            errorOutput(diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n"))
            if showsTime { output("time: \(Self.describe(nanoseconds: elapsed))\n") }
        } catch {
            errorOutput("error: \(error)\n")
        }
    }

    /// A diagnostic of a `|`-entry, moved back over the `_` that was put in front of line 1.
    private func unshift(_ d: Diagnostic) -> Diagnostic {
        guard d.file == sourceName, d.line == 1, d.sourceLine.hasPrefix("_") else { return d }
        let length = d.column == 1 ? max(1, d.length - 1) : d.length
        return Diagnostic(kind: d.kind, id: d.id, message: d.message, file: d.file, line: d.line, column: max(1, d.column - 1),
                          length: length, sourceLine: String(d.sourceLine.dropFirst()))
    }

    /// A value as the session prints it (no trailing newline).
    func render(_ value: Value) -> String {
        switch (format, value) {
        case (.table, .table): return OutputFormat.render(value, as: .table, maxWidth: maxWidth)
        case (.table, _): return ValueFormatter.literal(value)
        default: return OutputFormat.render(value, as: format, maxWidth: maxWidth)
        }
    }

    static func describe(nanoseconds: UInt64) -> String {
        let seconds = Double(nanoseconds) / 1e9
        if seconds < 1e-3 { return String(format: "%.0f µs", seconds * 1e6) }
        if seconds < 1 { return String(format: "%.1f ms", seconds * 1e3) }
        return String(format: "%.2f s", seconds)
    }

    // MARK: - Meta-commands

    /// The meta-commands, with their argument synopsis and a one-line description.
    public static let metaCommands: [(name: String, arguments: String, summary: String)] = [
        ("help", "[name]", "this help, or the documentation of a function or stage"),
        ("quit", "", "leave the REPL (Ctrl-D does too)"),
        ("load", "FILE", "run a script in this session; its variables stay defined"),
        ("vars", "", "list the variables defined so far"),
        ("schema", "[EXPR]", "column names and types of a table (default: _)"),
        ("time", "on|off", "print how long each entry takes"),
        ("format", "table|csv|json|markdown", "how values print"),
        ("engine", "auto|tree", "which engine runs table stages"),
        ("bytecode", "EXPR", "the fast path's programs for a pipeline (disassembled)"),
    ]

    private func runMetaCommand(_ line: String) -> Outcome {
        let body = line.dropFirst()
        let name = String(body.prefix { !$0.isWhitespace })
        let argument = body.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "help", "h", "?": help(argument)
        case "quit", "q", "exit": return .quit
        case "load": load(argument)
        case "vars": vars()
        case "schema": schema(argument)
        case "time": setTime(argument)
        case "format": setFormat(argument)
        case "engine": setEngine(argument)
        case "bytecode": bytecode(argument)
        default:
            let known = Self.metaCommands.map(\.name)
            let hint = Suggest.closest(to: name, in: known).map { "did you mean ':\($0)'? " } ?? ""
            errorOutput("error: unknown command ':\(name)' (\(hint)type :help for the list)\n")
        }
        return .done
    }

    private func help(_ name: String) {
        if name.isEmpty {
            output(Self.generalHelp)
            return
        }
        // Functions and stages first; `:name` (or a name that is neither) means a meta-command.
        if let stage = Self.stageHelp[name] {
            output("\(stage.syntax)   (table stage)\n  \(stage.summary)\n")
        } else if let doc = Interpreter.functionDocs.first(where: { $0.name == name }) {
            var text = "\(doc.signature)\n  \(doc.summary)\n"
            if !doc.example.isEmpty { text += "  example: \(doc.example)\n" }
            output(text)
        } else if let command = Self.metaCommands.first(where: { ":" + $0.name == name || $0.name == name }) {
            output(":\(command.name)\(command.arguments.isEmpty ? "" : " " + command.arguments)\n  \(command.summary)\n")
        } else {
            let candidates = Interpreter.functionDocs.map(\.name) + Array(Self.stageHelp.keys)
            errorOutput("error: no function or stage named '\(name)'\(Suggest.suffix(for: name, in: candidates))\n")
        }
    }

    static let generalHelp: String = {
        var text = """
        Type an expression or statement; its value prints and is kept in `_`.
        A line starting with `|` pipes the previous value on:  | where year == 2021
        A line continues (...>) while brackets are open or after a trailing operator or `|`.
        Tab completes names (columns too, inside a stage); Ctrl-C cancels or interrupts; Ctrl-D leaves.

        """
        for command in metaCommands {
            let usage = ":\(command.name)" + (command.arguments.isEmpty ? "" : " " + command.arguments)
            text += "  " + usage.padding(toLength: 34, withPad: " ", startingAt: 0) + command.summary + "\n"
        }
        text += "\nFunctions and stages: :help NAME (e.g. :help rate, :help summarize).\n"
        return text
    }()

    /// Stage synopses (SPEC §5), for `:help STAGE`.
    static let stageHelp: [String: (syntax: String, summary: String)] = [
        "where": ("where p", "keep rows where p is truthy"),
        "select": ("select a, b, c = expr", "keep, rename-by-expression, or compute these columns, in this order"),
        "derive": ("derive c = expr, ... [by k, ...]", "add or replace columns; with by, window and aggregate functions see only the row's partition"),
        "summarize": ("summarize c = agg, ... [by k, ...]", "one row per distinct key (in order of first appearance), key columns first; without by, one row"),
        "sort": ("sort e [asc|desc], ...", "stable sort; nulls last"),
        "take": ("take n", "the first n rows"),
        "join": ("join [left] t2 on k, ...", "inner (default) or left join on equal key columns; colliding right columns get the suffix _right"),
        "distinct": ("distinct [c, ...]", "unique rows (or unique by these columns, first kept)"),
        "rename": ("rename new = old, ...", "rename columns"),
        "drop": ("drop c, ...", "remove columns"),
        "append": ("append t2", "rows of t2 after these, matched by column name"),
        "pivot": ("pivot k, v", "one column per distinct value of k holding v, rows grouped by the other columns"),
        "unpivot": ("unpivot c, ... into name, value | unpivot except k, ... into name, value", "one row per input row and listed column (the name and its value); the other columns are kept"),
    ]

    private func load(_ path: String) {
        guard !path.isEmpty else {
            errorOutput("error: :load needs a file name\n")
            return
        }
        let data: Data
        do {
            data = try interpreter.host.readFile(path)
        } catch let error as FileAccessError {
            errorOutput("error: \(error.message)\n")
            return
        } catch {
            errorOutput("error: \(error)\n")
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let problem = SourceFile.invalidUTF8Description(Array(data)).map { ": \($0)" } ?? ""
            errorOutput("error: '\(path)' is not valid UTF-8\(problem)\n")
            return
        }
        do {
            try interpreter.run(text, name: path)
        } catch let error as GZQError {
            errorOutput(error.rendered)
        } catch {
            errorOutput("error: \(error)\n")
        }
    }

    private func vars() {
        let names = interpreter.globalNames
        guard !names.isEmpty else {
            output("no variables yet\n")
            return
        }
        var types: [Value] = []
        var values: [Value] = []
        for name in names {
            let value = interpreter.global(name) ?? .null
            types.append(.str(value.typeName))
            values.append(.str(Self.summary(of: value)))
        }
        guard let table = try? Table.build(names: ["name", "type", "value"], columns: [names.map { .str($0) }, types, values]) else { return }
        output(render(.table(table)) + "\n")
    }

    /// A value in one short line, for `:vars`.
    static func summary(of value: Value) -> String {
        switch value {
        case .table(let t):
            let columns = t.schema.names.prefix(6).joined(separator: ", ") + (t.schema.count > 6 ? ", ..." : "")
            return "\(t.rowCount) \(t.rowCount == 1 ? "row" : "rows"): \(columns)"
        default:
            let text = ValueFormatter.literal(value)
            let characters = Array(text)
            return characters.count > 60 ? String(characters.prefix(57)) + "..." : text
        }
    }

    private func bytecode(_ expression: String) {
        guard !expression.isEmpty else {
            errorOutput("error: :bytecode needs an expression, such as `cases | where year == 2021`\n")
            return
        }
        do {
            output(try interpreter.bytecode(for: expression) + "\n")
        } catch let error as GZQError {
            errorOutput(error.rendered)
        } catch {
            errorOutput("error: \(error)\n")
        }
    }

    private func schema(_ expression: String) {
        let value: Value
        if expression.isEmpty {
            guard let previous = interpreter.global("_") else {
                errorOutput("error: :schema needs an expression (there is no previous value `_` yet)\n")
                return
            }
            value = previous
        } else {
            do {
                value = try interpreter.run(expression, name: sourceName)
            } catch let error as GZQError {
                errorOutput(error.rendered)
                return
            } catch {
                errorOutput("error: \(error)\n")
                return
            }
        }
        let names: [String]
        let types: [String]
        switch value {
        case .table(let t):
            names = t.schema.names
            types = t.schema.types.map(\.rawValue)
        case .record(let r):
            names = r.keys
            types = r.values.map(\.typeName)
        default:
            errorOutput("error: :schema needs a table or a record, got \(value.typeName)\n")
            return
        }
        guard let table = try? Table.build(names: ["name", "type"], columns: [names.map { .str($0) }, types.map { .str($0) }]) else { return }
        output(render(.table(table)) + "\n")
    }

    private func setTime(_ argument: String) {
        switch argument {
        case "on": showsTime = true
        case "off": showsTime = false
        case "": break
        default:
            errorOutput("error: :time takes on or off\n")
            return
        }
        output("time is \(showsTime ? "on" : "off")\n")
    }

    private func setFormat(_ argument: String) {
        if !argument.isEmpty {
            guard let format = OutputFormat(rawValue: argument) else {
                let names = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                errorOutput("error: unknown format '\(argument)' (one of \(names))\n")
                return
            }
            self.format = format
        }
        output("format is \(format.rawValue)\n")
    }

    private func setEngine(_ argument: String) {
        if !argument.isEmpty {
            guard let engine = Engine(rawValue: argument), engine != .vector else {
                errorOutput("error: unknown engine '\(argument)' (auto or tree)\n")
                return
            }
            interpreter.host.engine = engine
        }
        output("engine is \(interpreter.host.engine.rawValue)\n")
    }
}

extension Token.Kind {
    /// A token after which a REPL line cannot end the entry: a binary operator (`|`
    /// included), `,` or `.`, as the lexer's own line-continuation rule.
    var continuesLineAtEnd: Bool {
        Token(kind: self, span: Span(file: -1, start: 0, end: 0)).continuesLine
    }
}

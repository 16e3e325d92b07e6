import Foundation

/// The REPL's logic, without a terminal (REFERENCE §11): the `gzq` command's REPL is a line
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
/// - **A leading `|` pipes `_`,** or continues the previous statement when that was a `let`,
///   an assignment or `fn` (it printed no value), as the same lines mean in a script
///   (`Session+Entries.swift`). A diagnostic on that line is moved back over the text added
///   in front, so its caret sits under what the user typed.
/// - **A block of lines** (a bracketed paste) is one entry; entries are numbered in
///   diagnostics (`<repl:3>:1:5`).
/// - **Errors print in the caret form** (REFERENCE §9) to `errorOutput`; the interpreter's state
///   (globals, `_`) is untouched by a failed entry, so the session simply goes on.
/// - **Meta-commands** start with `:` at the start of an entry: `:help [name]`, `:quit`,
///   `:load FILE`, `:vars`, `:schema [EXPR]`, `:time on|off`, `:format F`, `:engine E`,
///   `:bytecode EXPR`, `:maxrows N`.
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
    /// Rows a table shows before the middle is elided (`:maxrows N`; `Int.max` for all).
    public var maxRows = TableFormatter.defaultMaxRows
    /// The file name shown in diagnostics of entries; each entry is numbered within it
    /// (`<repl:3>`, REFERENCE §18), see `entryName`.
    public var sourceName = "<repl>"
    /// How many entries have run (the number of the last one in diagnostics).
    public internal(set) var entryCount = 0
    /// What a following `|` entry continues, when the last entry printed no value (REFERENCE §11).
    var continuation: Continuation?

    let output: (String) -> Void
    let errorOutput: (String) -> Void
    /// Lines of the unfinished entry.
    public internal(set) var pendingLines: [String] = []

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
    /// bracketed paste, a multi-line entry recalled from history) is one block: it runs as a
    /// script would run it (`feedBlock`).
    @discardableResult
    public func feed(_ line: String) -> Outcome {
        if line.unicodeScalars.contains("\n") { return feedBlock(line) }
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        if pendingLines.isEmpty {
            if trimmed.isEmpty { return .done }
            if trimmed.hasPrefix(":") { return runMetaCommand(trimmed) }
        }
        pendingLines.append(line)
        return submitPending()
    }

    /// Runs the unfinished entry as it stands (at the end of input), so what is missing is
    /// reported rather than silently dropped.
    @discardableResult
    public func finish() -> Outcome {
        guard isContinuing else { return .done }
        return submitPending(force: true)
    }

    // MARK: - Entries

    /// A value as the session prints it (no trailing newline).
    func render(_ value: Value) -> String {
        switch (format, value) {
        case (.table, .table): return OutputFormat.render(value, as: .table, maxWidth: maxWidth, maxRows: maxRows)
        case (_, .chart(let c)): return TextChart.render(c, width: maxWidth)
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
        ("sql", "[EXPR]", "the SQL a remote table (a table of a database) sends to it (default: _)"),
        ("time", "on|off", "print how long each entry takes"),
        ("format", "table|csv|json|markdown", "how values print"),
        ("engine", "auto|tree", "which engine runs table stages"),
        ("bytecode", "EXPR", "a pipeline's plan: each step and its fast-path program (disassembled) or why the tree runs it"),
        ("maxrows", "N", "rows a table shows before the middle is elided (0: all; default 40)"),
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
        case "sql": sql(argument)
        case "time": setTime(argument)
        case "format": setFormat(argument)
        case "engine": setEngine(argument)
        case "bytecode": bytecode(argument)
        case "maxrows": setMaxRows(argument)
        default:
            let known = Self.metaCommands.map(\.name)
            let hint = Suggest.closest(to: name, in: known).map { MessageArg.message(Message(.didYouMeanCommand, $0)) } ?? .none
            report(.unknownCommand, name, hint)
        }
        return .done
    }

    private func help(_ name: String) {
        let language = interpreter.host.language
        if name.isEmpty {
            output(HelpTopics.overview(in: language))
            return
        }
        // Keywords and syntax, stages, functions; `:name` (or a name that is none) means a meta-command.
        if let topic = HelpTopics.topic(name, in: language) {
            output(topic)
        } else if let stage = HelpTopics.stage(name, in: language) {
            output(stage)
        } else if let doc = Interpreter.functionDocs.first(where: { $0.name == name }) {
            var text = "\(doc.signature)\n  \(doc.summary)\n"
            if !doc.example.isEmpty { text += "  example: \(doc.example)\n" }
            output(text)
        } else if let command = Self.metaCommands.first(where: { ":" + $0.name == name || $0.name == name }) {
            output(":\(command.name)\(command.arguments.isEmpty ? "" : " " + command.arguments)\n  \(command.summary)\n")
        } else {
            let candidates = Interpreter.functionDocs.map(\.name) + Array(Self.stageHelp.keys) + HelpTopics.names
            report(.noHelpTopic, name, Suggest.suffix(for: name, in: candidates))
        }
    }

    /// Stage synopses (REFERENCE §5), for `:help STAGE`.
    static let stageHelp: [String: (syntax: String, summary: String)] = [
        "where": ("where p", "keep rows where p is truthy"),
        "select": ("select a, b, c = expr", "keep, rename-by-expression, or compute these columns, in this order"),
        "derive": ("derive c = expr, ... [by k, ...]", "add or replace columns; with by, window and aggregate functions see only the row's partition"),
        "summarize": ("summarize c = agg, ... [by k, ... [total \"label\"]]", "one row per distinct key (in order of first appearance), key columns first; without by, one row; total adds a last row over all input rows (label in the first key column, other keys null, rates recomputed from the sums)"),
        "sort": ("sort e [asc|desc], ...", "stable sort; nulls last"),
        "take": ("take n [by k, ...]", "the first n rows; with by, the first n rows of each partition, kept in their order (sort rate desc | take 3 by level)"),
        "join": ("join [inner|left|right|full|semi|anti] t2 on k, ... | on a == b, ...", "join on equal keys (a == b: different names, the right one dropped); null keys never match; left rows in order, then unmatched right rows (right, full); colliding right columns get the suffix _right"),
        "distinct": ("distinct [c, ...]", "unique rows (or unique by these columns, first kept)"),
        "rename": ("rename new = old, ...", "rename columns"),
        "drop": ("drop c, ...", "remove columns"),
        "append": ("append t2", "rows of t2 after these, matched by column name"),
        "pivot": ("pivot k, v", "one column per distinct value of k holding v, rows grouped by the other columns"),
        "format": ("format c = pct(d), ...", "how number columns are shown (pct, num, cn, fixed with d decimals), not their values"),
        "check": ("check cond, ... [warn]", "the table unchanged when every row satisfies every condition (null passes); otherwise an error with the count and the first violating rows; warn: a warning instead, and the table goes on"),
        "complete": ("complete c = values [by k, ...]", "a row for every value of c in every partition (added rows null elsewhere), each partition's rows in the order of values; rows with other values of c kept after them"),
        "unpivot": ("unpivot c, ... into name, value | unpivot except k, ... into name, value", "one row per input row and listed column (the name and its value); the other columns are kept"),
    ]

    private func load(_ path: String) {
        guard !path.isEmpty else {
            report(.loadNeedsFile)
            return
        }
        let data: Data
        do {
            data = try interpreter.host.readFile(path)
        } catch let error as FileAccessError {
            report(error.content)
            return
        } catch {
            errorOutput("error: \(error)\n")
            return
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let problem = SourceFile.invalidUTF8Description(Array(data)).map { ": \($0)" } ?? ""
            report(.loadNotUTF8, path, problem)
            return
        }
        _ = printingErrors { try interpreter.run(text, name: path) }
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
            report(.bytecodeNeedsExpression)
            return
        }
        if let listing = printingErrors({ try interpreter.bytecode(for: expression) }) { output(listing + "\n") }
    }

    private func schema(_ expression: String) {
        let value: Value
        if expression.isEmpty {
            guard let previous = interpreter.global("_") else {
                report(.schemaNeedsExpression)
                return
            }
            value = previous
        } else {
            entryCount += 1
            guard let result = printingErrors({ try interpreter.run(expression, name: entryName) }) else { return }
            value = result
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
        case .remoteTable(let r):
            names = r.schema.names
            types = r.schema.types.map(\.rawValue)
        default:
            report(.schemaNeedsTable, value.typeName)
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
            report(.timeTakesOnOff)
            return
        }
        output("time is \(showsTime ? "on" : "off")\n")
    }

    private func setFormat(_ argument: String) {
        if !argument.isEmpty {
            guard let format = OutputFormat(rawValue: argument) else {
                let names = OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                report(.unknownFormat, argument, names)
                return
            }
            self.format = format
        }
        output("format is \(format.rawValue)\n")
    }

    private func setEngine(_ argument: String) {
        if !argument.isEmpty {
            guard let engine = Engine(rawValue: argument), engine != .vector else {
                report(.unknownEngine, argument)
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

import Foundation

/// A gzq interpreter: evaluates programs for a host (REFERENCE §12). State (globals, imported
/// modules, registered host functions) persists across calls, as in a REPL session.
///
/// All work runs on the interpreter's own large-stack thread (so deep recursion ends in a
/// clean `stack overflow`); calls from several threads are serialized, and `interrupt()` may
/// be called from any thread. Host functions run on that thread, while the caller of `run`
/// waits; they may call `setGlobal`/`global`, but not `run` (which then throws).
///
///     let host = HostConfiguration(output: { print($0, terminator: "") })
///     let gzq = Interpreter(host: host)
///     gzq.setGlobal("cases", .table(try Table(columns: [("region", ["贵阳市"]), ("n", [12])])))
///     try gzq.register(name: "target", parameters: []) { _ in 0.6 }
///     let result = try gzq.evaluate("cases | derive ok = n > 10")
public final class Interpreter {
    /// Where output goes, which files are reachable, and the limits (read at each run).
    public let host: HostConfiguration
    private let interpreterThread: BigStackThread
    let sources: SourceMap
    private let interruptFlag: InterruptFlag
    let context: Context
    private let main: Module
    /// Builtins, stdlib functions and registered host functions, as the Resolver sees them.
    /// Only touched on the interpreter thread.
    var builtins: [String: Value]
    /// True while a program runs (guards against re-entrant `run` from a host function).
    private var running = false
    /// Problems loading the embedded standard library (empty unless the build is broken).
    let preludeErrors: [String]

    /// A fresh interpreter with the standard library loaded. The default host discards
    /// output and grants no file access.
    public init(host: HostConfiguration = HostConfiguration()) {
        self.host = host
        let interpreterThread = BigStackThread()
        let sources = SourceMap()
        let interruptFlag = InterruptFlag()
        let context = Context(sources: sources, host: host, interrupt: interruptFlag)
        context.stackLimit = interpreterThread.stackLimit
        let prelude = interpreterThread.sync { Prelude.load(into: Builtins.table(), context: context, sources: sources) }
        self.interpreterThread = interpreterThread
        self.sources = sources
        self.interruptFlag = interruptFlag
        self.context = context
        builtins = prelude.builtins
        preludeErrors = prelude.errors
        main = Module(name: "<main>", directory: nil)
        main.state = .done
    }

    /// Documentation of every builtin and standard-library function, sorted by name
    /// (the source of `:help NAME` and docs/STDLIB.md).
    public static var functionDocs: [FunctionDoc] { Documentation.all() }

    deinit {
        let modules = Array(context.modules.values) + [main]
        interpreterThread.stop {
            // Closures stored in globals refer back to their module's frame; clearing the
            // frames breaks those cycles, and doing it here frees deep trees on the big stack.
            for module in modules {
                module.frame.slots.removeAll()
                module.body = nil
                module.functions.removeAll()
            }
        }
    }

    /// Stops a running evaluation from any thread; it ends with the error `interrupted`
    /// (category `E-interrupt`, id E0801), which gzq's `try` cannot catch. The flag is polled every 1024
    /// steps, at every table stage and every 1024 rows a stage evaluates, so a run stops
    /// within a millisecond or so (one long native operation, such as reading a huge CSV
    /// file, finishes first). A call while nothing runs is forgotten when the next run starts.
    public func interrupt() {
        interruptFlag.set()
    }

    /// Runs a program and returns the value of its last statement.
    /// - Parameters:
    ///   - source: gzq source text.
    ///   - name: the file name shown in diagnostics (a path for scripts; relative imports
    ///     are resolved against its folder).
    /// - Throws: `GZQError` with every syntax error, or the one runtime error that ended the run.
    @discardableResult
    public func run(_ source: String, name: String = "<input>") throws -> Value {
        try interpreterThread.sync {
            try enterRun()
            defer { running = false }
            let body = try compileOnThread(source, name: name)
            return try execute(body)
        }
    }

    /// Evaluates an expression or program (named `<eval>` in diagnostics) and returns its value.
    @discardableResult
    public func evaluate(_ source: String) throws -> Value {
        try run(source, name: "<eval>")
    }

    /// Parses and resolves a program once, for running many times with `run(_:)` (or
    /// `CompiledProgram.run()`) without parsing again. Top-level names it declares become
    /// globals now; globals it reads must exist now (set them with `setGlobal` first — a
    /// later `setGlobal` of the same name changes the value the program sees).
    /// - Throws: `GZQError` with every syntax or name error.
    public func compile(_ source: String, name: String = "<input>") throws -> CompiledProgram {
        let body = try interpreterThread.sync { try compileOnThread(source, name: name) }
        return CompiledProgram(interpreter: self, name: name, body: body)
    }

    /// Runs a compiled program of this interpreter and returns the value of its last statement.
    /// - Throws: `GZQError` with the runtime error that ended the run.
    @discardableResult
    public func run(_ program: CompiledProgram) throws -> Value {
        guard program.interpreter === self else {
            throw GZQError(diagnostics: [Diagnostic(kind: .runtime, id: Msg.foreignProgram.rawValue, category: "E-usage",
                                                    message: Message(.foreignProgram).text(host.language),
                                                    file: program.name, line: 0, column: 0)])
        }
        return try interpreterThread.sync {
            try enterRun()
            defer { running = false }
            guard let body = program.body else { return .null }
            return try execute(body)
        }
    }

    private func enterRun() throws {
        guard !running else {
            throw GZQError(diagnostics: [Diagnostic(kind: .runtime, id: Msg.reentrantRun.rawValue, category: "E-usage",
                                                    message: Message(.reentrantRun).text(host.language),
                                                    file: "", line: 0, column: 0)])
        }
        running = true
    }

    /// Frees a compiled program's tree on the interpreter thread (deep trees free recursively).
    func release(_ box: NodeBox) {
        interpreterThread.sync { box.node = nil }
    }

    // MARK: - Host functions

    /// Registers a host function, callable by name from programs run after this call.
    /// A registered name hides a builtin or standard-library function of the same name
    /// (but not a variable the program declares).
    ///
    /// The closure receives the arguments in parameter order (missing arguments are an
    /// error at the call; there are no defaults) and runs on the interpreter's thread. Any
    /// error it throws becomes a gzq runtime error at the call's line and column, with id
    /// E0950 (category `E-host`) and the message `name(): <error>` (a `HostError`'s message,
    /// else the error's description, as the host wrote it); gzq's `try … catch` can catch it.
    /// - Parameters:
    ///   - name: an identifier (`[A-Za-z_][A-Za-z0-9_]*`, or any Unicode letters).
    ///   - parameters: parameter names (their count is the arity; they name arguments in
    ///     error messages and allow `f(x: 1)`).
    ///   - isPure: true when the result depends only on the arguments and calling it has no
    ///     effect, so a future engine may call it in any order or fewer times. Default false.
    /// - Throws: `HostError` when the name is not an identifier or a parameter repeats.
    public func register(name: String, parameters: [String], isPure: Bool = false,
                         _ body: @escaping ([Value]) throws -> Value) throws {
        guard Identifier.isValid(name) else { throw HostError("cannot register '\(name)': not an identifier") }
        guard Set(parameters).count == parameters.count else {
            throw HostError("cannot register '\(name)': a parameter name repeats")
        }
        let function = NativeFunction(name: name, parameters: parameters, defaults: parameters.map { _ in nil },
                                      variadic: false, isPure: isPure) { call in
            do {
                return try body(call.args)
            } catch {
                throw RuntimeError(.hostFunctionFailed, name, HostError.describe(error), at: call.span)
            }
        }
        interpreterThread.sync { builtins[name] = .function(function) }
    }

    /// Parses and resolves without running; returns every error found (empty when clean).
    public func check(_ source: String, name: String = "<input>") -> [Diagnostic] {
        interpreterThread.sync {
            let file = SourceFile(name: name, text: source, directory: Self.directory(of: name))
            let id = sources.add(file)
            // A scratch module that sees the host's globals (`args`, earlier REPL names), so a
            // check reports exactly what running the file would.
            let scratch = Module(name: name, directory: file.directory)
            scratch.globals = main.globals
            let resolved = resolveFile(file, id: id, into: scratch)
            guard resolved.diagnostics.isEmpty else { return resolved.diagnostics }
            return CheckColumns.unknownColumns(in: resolved.pipes, file: file, id: id, host: host).map {
                sources.diagnostic($0.message, $0.span, kind: .syntax, category: "E-runtime", language: host.language)
            }
        }
    }

    /// Whether `source` is an unfinished entry (unexpected end of input), for REPL continuation.
    public func isIncomplete(_ source: String) -> Bool {
        interpreterThread.sync {
            let file = SourceFile(name: "<repl>", text: source)
            let (_, errors) = Parser.parseProgram(file, file: -1)
            return errors.contains { $0.atEndOfInput }
        }
    }

    // MARK: - Globals

    /// Binds a global variable visible to later programs (a host value: a number, a string,
    /// a list, a record, a table built with `Table(columns:)` or `TableBuilder`…). Setting an
    /// existing global replaces its value, also for programs already compiled.
    public func setGlobal(_ name: String, _ value: Value) {
        interpreterThread.sync {
            let slot: Int
            if let existing = main.globals[name] {
                slot = existing
            } else {
                slot = main.frame.slots.count
                main.frame.slots.append(.null)
                main.globals[name] = slot
            }
            main.frame.slots[slot] = value
        }
    }

    /// The value of a global variable, if defined.
    public func global(_ name: String) -> Value? {
        interpreterThread.sync { main.globals[name].map { main.frame.slots[$0] } }
    }

    /// Names of the global variables defined so far, sorted.
    public var globalNames: [String] {
        interpreterThread.sync { main.globals.keys.sorted() }
    }

    /// Names of the builtin and standard-library functions.
    public var builtinNames: [String] { interpreterThread.sync { builtins.keys.sorted() } }

    // MARK: - Pipeline

    private static func directory(of name: String) -> String? {
        guard !name.hasPrefix("<") else { return nil }
        return (name as NSString).deletingLastPathComponent
    }

    private func compileOnThread(_ source: String, name: String) throws -> Node {
        let file = SourceFile(name: name, text: source, directory: Self.directory(of: name))
        let id = sources.add(file)
        let (body, diagnostics, _) = resolveFile(file, id: id, into: main)
        guard let body, diagnostics.isEmpty else { throw GZQError(diagnostics: diagnostics) }
        return body
    }

    /// Parses and resolves one file into `module`. Syntax and name errors are reported together,
    /// in source order, so one run shows every mistake, as `--check` does (the parser's recovery
    /// keeps `let`/`fn` names declared, so name errors do not echo syntax errors). On any error
    /// the module's names are left as they were.
    private func resolveFile(_ file: SourceFile, id: Int32, into module: Module) -> (body: Node?, diagnostics: [Diagnostic], pipes: [PipeNode]) {
        let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
        let saved = module.globals
        let resolver = Resolver(module: module, builtins: builtins, loadModule: loadModule)
        let body = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(clamping: file.bytes.count)))
        let tagged = syntaxErrors.map { ($0, "E-syntax") } + resolver.errors.map { ($0, "E-resolve") }
        let language = host.language
        if tagged.isEmpty, let body { return (body, [], resolver.pipes) }
        module.globals = saved
        let sorted = tagged.sorted { ($0.0.span.file, $0.0.span.start) < ($1.0.span.file, $1.0.span.start) }
        return (nil, sorted.map { sources.diagnostic($0.0.content, $0.0.span, kind: .syntax, category: $0.1, language: language) }, [])
    }

    private func execute(_ body: Node) throws -> Value {
        // Limits are read per run, so a host may change them between runs.
        context.maxDepth = host.limits.maxCallDepth
        context.tableBytes = 0
        context.beginRun()
        defer {
            context.control = .none
            context.row = nil
        }
        do {
            return try body.eval(context, Frame.topLevel())
        } catch let error as RuntimeError {
            throw GZQError(diagnostics: [runtimeDiagnostic(error)])
        } catch let error as GZQError {
            throw error
        } catch {
            // Not expected: every runtime failure should be a RuntimeError with a position.
            throw GZQError(diagnostics: [Diagnostic(kind: .runtime, id: Msg.internalError.rawValue, category: "E-internal",
                                                    message: Message(.internalError, "\(error)").text(host.language),
                                                    file: "", line: 0, column: 0)])
        }
    }

    // MARK: - Diagnostics

    func diagnostic(_ message: String, _ span: Span, kind: Diagnostic.Kind, id: String? = nil, note: String = "") -> Diagnostic {
        sources.diagnostic(message, span, kind: kind, id: id, note: note)
    }
}

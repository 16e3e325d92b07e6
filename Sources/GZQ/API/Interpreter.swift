import Foundation

/// Errors from a run, as data: one or more diagnostics (several for syntax errors).
public struct GZQError: Error, Sendable {
    public let diagnostics: [Diagnostic]

    /// `syntax` when the program did not run, `runtime` otherwise.
    public var kind: Diagnostic.Kind { diagnostics.first?.kind ?? .runtime }

    /// All diagnostics in the caret form of SPEC §9.
    public var rendered: String { diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n") }
}

/// A gzq interpreter: evaluates programs for a host. State (globals, imported modules)
/// persists across calls, as in a REPL session. All work runs on the interpreter's own
/// large-stack thread; call it from one thread at a time (`interrupt()` from any thread).
public final class Interpreter {
    public let host: HostConfiguration
    private let executor: Executor
    private let sources: SourceMap
    private let interruptFlag: InterruptFlag
    private let context: Context
    private let main: Module
    private let builtins: [String: Value]
    /// Problems loading the embedded standard library (empty unless the build is broken).
    let preludeErrors: [String]

    public init(host: HostConfiguration = HostConfiguration()) {
        self.host = host
        let executor = Executor()
        let sources = SourceMap()
        let interruptFlag = InterruptFlag()
        let context = Context(sources: sources, host: host, interrupt: interruptFlag)
        context.stackLimit = executor.stackLimit
        let prelude = executor.sync { Prelude.load(into: Builtins.table(), context: context, sources: sources) }
        self.executor = executor
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
        executor.stop {
            // Closures stored in globals refer back to their module's frame; clearing the
            // frames breaks those cycles, and doing it here frees deep trees on the big stack.
            for module in modules {
                module.frame.slots.removeAll()
                module.body = nil
            }
        }
    }

    /// Stops a running evaluation from any thread; it ends with the error `interrupted`.
    public func interrupt() {
        interruptFlag.set()
    }

    /// Runs a program and returns the value of its last statement.
    /// - Parameters:
    ///   - source: gzq source text.
    ///   - name: the file name shown in diagnostics (a path for scripts).
    @discardableResult
    public func run(_ source: String, name: String = "<input>") throws -> Value {
        try executor.sync {
            let body = try compileOnThread(source, name: name)
            return try execute(body)
        }
    }

    /// Evaluates an expression or program (named `<eval>` in diagnostics).
    public func evaluate(_ source: String) throws -> Value {
        try run(source, name: "<eval>")
    }

    /// Parses and resolves without running; returns every error found (empty when clean).
    public func check(_ source: String, name: String = "<input>") -> [Diagnostic] {
        executor.sync {
            let file = SourceFile(name: name, text: source, directory: Self.directory(of: name))
            let id = sources.add(file)
            let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
            let scratch = Module(name: name, directory: file.directory)
            let resolver = Resolver(module: scratch, builtins: builtins, loadModule: loadModule)
            _ = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(file.bytes.count)))
            let all = (syntaxErrors + resolver.errors).sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
            return all.map { diagnostic($0.message, $0.span, kind: .syntax) }
        }
    }

    /// Whether `source` is an unfinished entry (unexpected end of input), for REPL continuation.
    public func isIncomplete(_ source: String) -> Bool {
        executor.sync {
            let file = SourceFile(name: "<repl>", text: source)
            let (_, errors) = Parser.parseProgram(file, file: -1)
            let end = Int32(file.bytes.count)
            return errors.contains { $0.span.start >= end && !$0.message.hasPrefix("unterminated") }
        }
    }

    // MARK: - Globals

    /// Binds a global variable visible to later programs.
    public func setGlobal(_ name: String, _ value: Value) {
        executor.sync {
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
        executor.sync { main.globals[name].map { main.frame.slots[$0] } }
    }

    /// Names of the global variables defined so far, sorted.
    public var globalNames: [String] {
        executor.sync { main.globals.keys.sorted() }
    }

    /// Names of the builtin and standard-library functions.
    public var builtinNames: [String] { builtins.keys.sorted() }

    // MARK: - Pipeline

    private static func directory(of name: String) -> String? {
        guard !name.hasPrefix("<") else { return nil }
        return (name as NSString).deletingLastPathComponent
    }

    private func compileOnThread(_ source: String, name: String) throws -> Node {
        let file = SourceFile(name: name, text: source, directory: Self.directory(of: name))
        let id = sources.add(file)
        let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
        if !syntaxErrors.isEmpty {
            throw GZQError(diagnostics: syntaxErrors.map { diagnostic($0.message, $0.span, kind: .syntax) })
        }
        let resolver = Resolver(module: main, builtins: builtins, loadModule: loadModule)
        guard let body = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(file.bytes.count))) else {
            let errors = resolver.errors.sorted { ($0.span.file, $0.span.start) < ($1.span.file, $1.span.start) }
            throw GZQError(diagnostics: errors.map { diagnostic($0.message, $0.span, kind: .syntax) })
        }
        return body
    }

    private func execute(_ body: Node) throws -> Value {
        context.beginRun()
        do {
            let value = try body.eval(context, main.frame)
            context.control = .none
            context.row = nil
            return value
        } catch let error as RuntimeError {
            context.control = .none
            context.row = nil
            throw GZQError(diagnostics: [diagnostic(error.message, error.span, kind: .runtime)])
        }
    }

    /// Finds, parses and resolves an imported file once (runs happen at the import statement).
    private func loadModule(_ path: String, from importer: Module, _ span: Span) throws -> Module {
        var source: String?
        var key = path
        let base = importer.directory ?? FileManager.default.currentDirectoryPath
        let candidate = path.hasPrefix("/") ? path : (base.isEmpty ? path : base + "/" + path)
        var fileError: String?
        do {
            let data = try host.readFile(candidate)
            key = HostConfiguration.canonicalize(candidate.hasPrefix("/") ? candidate : FileManager.default.currentDirectoryPath + "/" + candidate)
            guard let text = String(data: data, encoding: .utf8) else {
                throw SyntaxError(message: "cannot import '\(path)': the file is not valid UTF-8", span: span)
            }
            source = text
        } catch let error as FileAccessError {
            fileError = error.message
        }
        if source == nil, let embedded = StdlibSources.files[path] {
            source = embedded
            key = "<stdlib>/" + path
        }
        guard let text = source else {
            throw SyntaxError(message: "cannot import '\(path)': \(fileError ?? "not found")", span: span)
        }
        if let existing = context.modules[key] {
            if existing.state == .resolving {
                throw SyntaxError(message: "circular import of '\(path)'", span: span)
            }
            return existing
        }
        let file = SourceFile(name: key.hasPrefix("<stdlib>") ? path : candidate, text: text, directory: (candidate as NSString).deletingLastPathComponent)
        let id = sources.add(file)
        let module = Module(name: path, directory: file.directory)
        context.modules[key] = module
        let (statements, syntaxErrors) = Parser.parseProgram(file, file: id)
        if let first = syntaxErrors.first {
            context.modules[key] = nil
            throw first
        }
        let resolver = Resolver(module: module, builtins: builtins, loadModule: loadModule)
        guard let body = resolver.resolveProgram(statements, span: Span(file: id, start: 0, end: Int32(file.bytes.count))) else {
            context.modules[key] = nil
            throw resolver.errors[0]
        }
        module.body = body
        module.state = .resolved
        return module
    }

    // MARK: - Diagnostics

    func diagnostic(_ message: String, _ span: Span, kind: Diagnostic.Kind) -> Diagnostic {
        guard let file = sources[span.file] else {
            return Diagnostic(kind: kind, message: message, file: "", line: 0, column: 0)
        }
        let (line, column) = file.location(of: Int(span.start))
        let lineText = file.lineText(line)
        // Underline the span's part on its first line, by display width.
        let endOnLine = min(Int(span.end), (line < file.lineStarts.count ? file.lineStarts[line] - 1 : file.bytes.count))
        let spanText = Int(span.start) < endOnLine ? String(decoding: file.bytes[Int(span.start)..<endOnLine], as: UTF8.self) : ""
        return Diagnostic(kind: kind, message: message, file: file.name, line: line, column: column,
                          length: max(1, DisplayWidth.of(spanText)), sourceLine: lineText)
    }
}

import Foundation
import GZQ

// The `gzq` command: an ordinary embedder of the GZQ library (REFERENCE §10).

struct Options {
    var file: String?
    var scriptArgs: [String] = []
    var expression: String?
    var checkOnly = false
    var forceREPL = false
    var format = "table"
    var engine = "auto"
    var threads: Int?
    var dumpBytecode = false
    var sandbox: [String] = []
    var limits = Limits()
    /// `--lang`; nil: from the locale.
    var language: Language?
    var showHelp = false
}

/// A usage error: one line and where to look, exit status 2 (the full text is `--help`).
func fail(_ entry: Msg, _ args: any CustomStringConvertible...) -> Never {
    printDiagnostic(Message(.usageError, Message(entry, args.map(MessageArg.init))))
    exit(2)
}

/// A message of the command itself (no source position), through the one renderer, in the
/// language of `--lang` (looked up here too: a usage error can come before it is parsed) or
/// of the locale.
func printDiagnostic(_ message: Message) {
    let argv = CommandLine.arguments
    var language = Language.fromLocale(ProcessInfo.processInfo.environment)
    if let i = argv.firstIndex(of: "--lang"), i + 1 < argv.count, let chosen = Language(rawValue: argv[i + 1]) { language = chosen }
    var d = Diagnostic(kind: .runtime, id: message.id, message: message.text(language), file: "", line: 0, column: 0)
    d.language = language
    FileHandle.standardError.write(Data(DiagnosticRenderer.render(d).utf8))
}

func parseArguments(_ argv: [String]) -> Options {
    var options = Options()
    var i = 0
    func value(_ flag: String) -> String {
        i += 1
        guard i < argv.count else { fail(.optionNeedsValue, flag) }
        return argv[i]
    }
    // After FILE, after `-e EXPR` and after `--`, every argument is a script argument; the
    // first `--` itself is dropped wherever it stands.
    var optionsEnded = false
    var sawDoubleDash = false
    while i < argv.count {
        let arg = argv[i]
        if arg == "--", !sawDoubleDash {
            sawDoubleDash = true
            optionsEnded = true
            i += 1
            continue
        }
        if optionsEnded || options.file != nil || options.expression != nil {
            // A second `-e` is refused rather than silently taken as an argument or a replacement.
            if arg == "-e", options.expression != nil, !sawDoubleDash {
                fail(.onlyOneExpression)
            }
            options.scriptArgs.append(arg)
            i += 1
            continue
        }
        switch arg {
        case "-e": options.expression = value(arg)
        case "--check": options.checkOnly = true; options.file = value(arg)
        case "-i", "--repl": options.forceREPL = true
        case "--format":
            options.format = value(arg)
            guard ["table", "csv", "json", "markdown"].contains(options.format) else { fail(.unknownOutputFormat, options.format) }
        case "--engine":
            options.engine = value(arg)
            // `vector` (undocumented) forces the fast path even on small tables, for parity tests.
            guard ["auto", "tree", "vector"].contains(options.engine) else { fail(.unknownEngineOption, options.engine) }
        case "--dump-bytecode": options.dumpBytecode = true
        case "--threads":
            guard let n = Int(value(arg)), (1...1024).contains(n) else { fail(.threadsOption) }
            options.threads = n
        case "--sandbox":
            let folder = value(arg)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) else { fail(.sandboxNoSuchFolder, folder) }
            guard isDirectory.boolValue else { fail(.sandboxNotAFolder, folder) }
            options.sandbox.append(folder)
        case "--max-steps":
            guard let n = Int(value(arg)), n > 0 else { fail(.maxStepsNeedsPositive) }
            options.limits.maxSteps = n
        case "--max-memory":
            guard let n = Int(value(arg)), n > 0 else { fail(.maxMemoryNeedsPositive) }
            let (bytes, overflow) = n.multipliedReportingOverflow(by: 1_048_576)
            options.limits.maxMemoryBytes = overflow ? Int.max : bytes
        case "--timeout":
            guard let s = Double(value(arg)), s > 0 else { fail(.timeoutNeedsPositive) }
            options.limits.timeout = s
        case "-h", "--help":
            // Printed after the loop, so a later `--lang` still chooses its language.
            options.showHelp = true
        case "--lang":
            let name = value(arg)
            guard let language = Language(rawValue: name) else { fail(.unknownLanguage, name) }
            options.language = language
        case "--version":
            print("gzq 0.1.0")
            exit(0)
        case "-":
            options.file = "-"
        default:
            if arg.hasPrefix("-") { fail(.unknownOption, arg) }
            options.file = arg
        }
        i += 1
    }
    return options
}

let options = parseArguments(Array(CommandLine.arguments.dropFirst()))
let language = options.language ?? Language.fromLocale(ProcessInfo.processInfo.environment)
if options.showHelp {
    print(usage(language))
    exit(0)
}
/// Whether the program wrote anything to standard output (only the main thread runs programs).
nonisolated(unsafe) var wroteOutput = false
let host = HostConfiguration(
    output: { text in
        wroteOutput = true
        FileHandle.standardOutput.write(Data(text.utf8))
    },
    fileAccess: options.sandbox.isEmpty ? .unrestricted : .folders(options.sandbox),
    limits: options.limits
)
host.engine = Engine(rawValue: options.engine) ?? .auto
if let threads = options.threads { host.threads = threads }
host.allowsNetworkDatabases = options.sandbox.isEmpty  // a sandboxed program opens no network connection
host.language = language
host.displayWidth = isatty(STDOUT_FILENO) != 0 ? terminalWidth() : nil
ProgressBar.install(on: host)
host.diagnostics = { FileHandle.standardError.write(Data(DiagnosticRenderer.render($0).utf8)) }
if options.dumpBytecode {
    host.bytecodeTrace = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
}
let outputFormat = OutputFormat(rawValue: options.format) ?? .table
let interpreter = Interpreter(host: host)
interpreter.setGlobal("args", .list(options.scriptArgs.map { .str($0) }))

func report(_ error: Error) -> Int32 {
    if let error = error as? GZQError {
        FileHandle.standardError.write(Data(error.rendered.utf8))
        return error.kind == .syntax ? 2 : 1
    }
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    return 1
}

func readSource(_ path: String) -> String {
    guard let data = FileManager.default.contents(atPath: path) else {
        printDiagnostic(Message(.scriptUnreadable, path))
        exit(2)
    }
    guard let text = String(data: data, encoding: .utf8) else {
        let problem = SourceFile.invalidUTF8Description(Array(data)).map { ": \($0)" } ?? ""
        printDiagnostic(Message(.loadNotUTF8, path, problem))
        exit(2)
    }
    return text
}

func runScript(_ source: String, name: String) -> Int32 {
    do {
        try interpreter.run(source, name: name)
        return 0
    } catch {
        return report(error)
    }
}

if options.checkOnly, let file = options.file {
    let diagnostics = interpreter.check(readSource(file), name: file)
    // Separated by a blank line, exactly as a run that fails to compile reports them.
    FileHandle.standardError.write(Data(diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n").utf8))
    exit(diagnostics.isEmpty ? 0 : 2)
}

if let expression = options.expression {
    do {
        let value = try interpreter.run(expression, name: "<-e>")
        // The result always prints (`null` too: `-e '1 / 0'`, `--format json -e 'null'`),
        // except a null after the program printed something itself (`-e 'print(x)'`) or
        // when the last statement is no expression (`-e 'let x = 1'`, a loop): noise there.
        if !value.isNull || (!wroteOutput && EntryShape.of(expression) == .expression) {
            let width = isatty(STDOUT_FILENO) != 0 ? terminalWidth() : nil
            FileHandle.standardOutput.write(Data((OutputFormat.render(value, as: outputFormat, maxWidth: width) + "\n").utf8))
        }
        exit(0)
    } catch {
        exit(report(error))
    }
}

if let file = options.file, file != "-" {
    exit(runScript(readSource(file), name: file))
}

if !options.forceREPL, isatty(STDIN_FILENO) == 0 || options.file == "-" {
    let data = FileHandle.standardInput.readDataToEndOfFile()
    guard let text = String(data: data, encoding: .utf8) else {
        let problem = SourceFile.invalidUTF8Description(Array(data)).map { ": \($0)" } ?? ""
        FileHandle.standardError.write(Data("gzq: standard input is not valid UTF-8\(problem)\n".utf8))
        exit(2)
    }
    exit(runScript(text, name: "<stdin>"))
}

// No file, no -e: the REPL (readline when standard input is a terminal).
exit(runREPL(interpreter: interpreter, format: outputFormat, interactive: isatty(STDIN_FILENO) != 0))

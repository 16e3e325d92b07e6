/// A problem found in a program, delivered to the host as data (id, message, file, line,
/// column). `DiagnosticRenderer` turns it into the caret form of REFERENCE §9.
public struct Diagnostic: Error, Sendable, Equatable {
    /// Whether the program ran at all.
    public enum Kind: String, Sendable {
        /// Found while lexing, parsing or resolving: the program did not run.
        case syntax
        /// Raised while the program ran.
        case runtime
        /// Reported while the program ran, which went on (`check … warn`); handed to
        /// `HostConfiguration.diagnostics`, never thrown.
        case warning
    }

    /// Syntax (did not run) or runtime.
    public let kind: Kind
    /// The stable id of the message (`E0501`, `W0101`), one per catalogue entry (see
    /// docs/ERRORS.md and docs/zh/错误.md); the message text may change, the id does not.
    public let id: String
    /// The coarse class of the error, for hosts that branch on what kind of failure it was:
    ///
    /// | category       | meaning                                                        |
    /// |----------------|----------------------------------------------------------------|
    /// | `E-syntax`     | lexing or parsing failed                                       |
    /// | `E-resolve`    | a name or statement error found before running (undefined name, `break` outside a loop) |
    /// | `E-runtime`    | an ordinary runtime error (type error, unknown column, …)      |
    /// | `E-host`       | a host function threw                                          |
    /// | `E-permission` | file access refused by the sandbox                             |
    /// | `E-limit`      | the step, memory or time limit was exceeded                    |
    /// | `E-stack`      | call depth or stack exhausted (`stack overflow`)               |
    /// | `E-interrupt`  | `Interpreter.interrupt()` stopped the run                      |
    /// | `E-usage`      | the API was misused (re-entrant run, foreign compiled program) |
    /// | `E-input`      | data passed in by a host could not be read (C API JSON/CSV)    |
    /// | `E-check`      | a `check` stage found rows that violate a condition (error or warning) |
    ///
    /// (Before the message catalogue these were the ids; the C API's `gzq_error_id` still
    /// returns them.)
    public let category: String
    /// What went wrong, one line, without position (`unknown column 'x'`), in the language
    /// in force when it was made (`HostConfiguration.language`).
    public let message: String
    /// File name as given (script path, `<repl>`, `<-e>`), or empty when unknown.
    public let file: String
    /// 1-based; 0 when the error has no source position.
    public let line: Int
    /// 1-based, counting Unicode scalars (贵 is one column); 0 when there is no position.
    public let column: Int
    /// Display width of the underlined span (at least 1).
    public let length: Int
    /// The source line the error points at, for rendering.
    public let sourceLine: String
    /// The language `message` is in (the renderer's header follows it).
    public var language: Language = .en
    /// More lines shown under the caret (the rows a `check` found), or empty.
    public let note: String
    /// For a runtime error inside a function: where it was called from, innermost first
    /// (`report.gzq:12:5`), up to a bounded depth.
    public var calledFrom: [String] = []
    /// Call sites beyond those in `calledFrom` (deep recursion), counted.
    public var moreCallers = 0

    /// A diagnostic; `id` defaults to `E0000` (not catalogued), `category` to `E-syntax` or
    /// `E-runtime` after `kind`.
    public init(kind: Kind, id: String? = nil, category: String? = nil, message: String, file: String, line: Int, column: Int, length: Int = 1,
                sourceLine: String = "", note: String = "") {
        self.kind = kind
        self.id = id ?? Msg.uncatalogued.rawValue
        self.category = category ?? (kind == .syntax ? "E-syntax" : "E-runtime")
        self.message = message
        self.file = file
        self.line = line
        self.column = column
        self.length = length
        self.sourceLine = sourceLine
        self.note = note
    }
}

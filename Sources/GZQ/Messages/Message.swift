/// A diagnostic's text as data: the catalogue entry it names (`Msg`, which carries the stable
/// id) and the arguments filling the entry's `{0}`, `{1}`… slots. The text is made only when
/// shown, in the language asked for, so one raise site serves English and Chinese.
public struct Message: Sendable, Equatable, CustomStringConvertible {
    public let entry: Msg
    let args: [MessageArg]
    /// Shown as `name(): …` in place of the function the text names (an error raised inside
    /// the standard library reported under the function the user called).
    var functionName: String?

    public init(_ entry: Msg, _ args: [MessageArg]) {
        self.entry = entry
        self.args = args
    }

    /// `Message(.unknownColumn, name, hint)`: each argument is a value shown as written
    /// (names, numbers, code) or a nested `Message`/`MessageArg` translated with this one.
    public init(_ entry: Msg, _ args: any CustomStringConvertible...) {
        self.init(entry, args.map(MessageArg.init))
    }

    /// The stable id (`E0501`): the entry's, or for a message that only puts another in
    /// context (`read_xlsx(): …`, `cases.csv:3:5: …`) the id of the message inside, so the
    /// same error has the same id wherever it is raised.
    public var id: String { innermost.entry.rawValue }

    /// This message, or for a context entry the message it wraps (recursively).
    var innermost: Message {
        guard Self.contexts.contains(entry) else { return self }
        for case .message(let inner) in args where inner.entry.entry.severity != .fragment { return inner.innermost }
        return self
    }

    /// Entries that only add context (a function, file, column or position) to another message.
    static let contexts: Set<Msg> = [.inFunction, .inWorkbook, .inColumn, .inFileAt, .writeXlsxFailed, .writeCsvFailed,
                                     .tableFailed, .chartFailed, .expectedFound, .formatStageArgument, .usageError]

    /// The text in `language`: the entry's template with its slots filled.
    public func text(_ language: Language) -> String {
        let text = filled(language)
        guard let functionName else { return text }
        return "\(functionName)(): " + Self.withoutFunctionPrefix(text)
    }

    /// `fmt_pct(): x` → `x`; a text without such a prefix as it is.
    static func withoutFunctionPrefix(_ text: String) -> String {
        for separator in ["(): ", "()："] {
            if let r = text.range(of: separator), text[..<r.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) {
                return String(text[r.upperBound...])
            }
        }
        return text
    }

    private func filled(_ language: Language) -> String {
        let template = language == .zh ? entry.entry.chinese : entry.entry.english
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            let afterOpen = rest.index(after: open)
            guard let close = rest[afterOpen...].firstIndex(of: "}"), let n = Int(rest[afterOpen..<close]) else {
                out.append("{")
                rest = rest[afterOpen...]
                continue
            }
            if n < args.count { out += args[n].text(language) }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The English text (what `RuntimeError.message` and the conformance files compare).
    public var description: String { text(.en) }
}

/// One argument of a message: shown as written, or translated (a nested message such as the
/// "did you mean" hint, or nothing).
public enum MessageArg: Sendable, Equatable, CustomStringConvertible {
    case text(String)
    indirect case message(Message)

    public init(_ value: any CustomStringConvertible) {
        switch value {
        case let arg as MessageArg: self = arg
        case let message as Message: self = .message(message)
        default: self = .text(value.description)
        }
    }

    /// Nothing (a hint that does not apply).
    static let none = MessageArg.text("")

    func text(_ language: Language) -> String {
        switch self {
        case .text(let s): return s
        case .message(let m): return m.text(language)
        }
    }

    public var description: String { text(.en) }

    /// Whether the argument shows nothing in any language.
    var isEmpty: Bool { if case .text(let s) = self { return s.isEmpty }; return false }
}

/// How serious a catalogue entry is.
public enum Severity: String, Sendable {
    case error
    case warning
    /// A piece of another message (a hint, a type description), never shown alone.
    case fragment
}

/// One row of the catalogue: the texts of an id in both languages, and for the documents
/// (`docs/zh/错误.md`, `docs/ERRORS.md`) the fix and an example program that raises it.
public struct MessageEntry: Sendable {
    public let severity: Severity
    /// Template with `{0}`, `{1}`… slots, English.
    public let english: String
    /// The same in Simplified Chinese (full-width punctuation; code and names as written).
    public let chinese: String
    /// How to fix it, in Chinese (for docs/zh/错误.md); empty when the message says it.
    public let fix: String
    /// A gzq program that raises this id (checked by DiagnosticCatalogueTests), or empty when
    /// no program can (then `host` says how a host meets it).
    public let example: String
    /// For ids a program cannot raise: how a host or the command line meets them (Chinese).
    public let host: String

    init(_ english: String, _ chinese: String, fix: String = "", example: String = "", host: String = "") {
        self.init(.error, english, chinese, fix: fix, example: example, host: host)
    }

    init(_ severity: Severity, _ english: String, _ chinese: String, fix: String = "", example: String = "", host: String = "") {
        self.severity = severity
        self.english = english
        self.chinese = chinese
        self.fix = fix
        self.example = example
        self.host = host
    }
}

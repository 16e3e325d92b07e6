/// Errors from a run, as data: one or more diagnostics (several for syntax errors).
public struct GZQError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in source order; never empty.
    public let diagnostics: [Diagnostic]

    /// Wraps diagnostics (at least one).
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// The first diagnostic's message.
    public var message: String { diagnostics.first?.message ?? "" }

    /// The first diagnostic's stable id (`E0526`, …; docs/ERRORS.md).
    public var id: String { diagnostics.first?.id ?? Msg.uncatalogued.rawValue }

    /// The first diagnostic's coarse category (`E-syntax`, `E-runtime`, `E-limit`, …).
    public var category: String { diagnostics.first?.category ?? "E-runtime" }

    /// The caret form, as `rendered`.
    public var description: String { rendered }

    /// `syntax` when the program did not run, `runtime` otherwise.
    public var kind: Diagnostic.Kind { diagnostics.first?.kind ?? .runtime }

    /// All diagnostics in the caret form of REFERENCE §9.
    public var rendered: String { diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n") }
}


/// An error a host function throws to fail the call with a message (any other `Error`
/// works too; its description becomes the message).
public struct HostError: Error, CustomStringConvertible, Sendable {
    /// Shown after `name(): ` in the gzq runtime error.
    public let message: String

    /// An error with this message.
    public init(_ message: String) { self.message = message }

    /// The message.
    public var description: String { message }

    static func describe(_ error: Error) -> String {
        switch error {
        case let error as HostError: return error.message
        case let error as GZQError: return error.message
        case let error as CustomStringConvertible: return error.description
        default: return String(describing: error)
        }
    }
}

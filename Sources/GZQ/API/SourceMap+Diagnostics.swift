extension SourceMap {
    /// A diagnostic at `span`, with its line, column and source line (for errors and warnings).
    func diagnostic(_ message: Message, _ span: Span, kind: Diagnostic.Kind, category: String? = nil, language: Language, note: String = "") -> Diagnostic {
        var d = diagnostic(message.text(language), span, kind: kind, id: message.id, category: category ?? message.innermost.entry.category(kind), note: note)
        d.language = language
        return d
    }

    func diagnostic(_ message: String, _ span: Span, kind: Diagnostic.Kind, id: String? = nil, category: String? = nil, note: String = "") -> Diagnostic {
        guard let file = self[span.file] else {
            return Diagnostic(kind: kind, id: id, category: category, message: message, file: "", line: 0, column: 0, note: note)
        }
        let (line, column) = file.location(of: Int(span.start))
        let lineText = file.lineText(line)
        // Underline the span's part on its first line, by display width.
        let endOnLine = min(Int(span.end), (line < file.lineStarts.count ? file.lineStarts[line] - 1 : file.bytes.count))
        let spanText = Int(span.start) < endOnLine ? String(decoding: file.bytes[Int(span.start)..<endOnLine], as: UTF8.self) : ""
        return Diagnostic(kind: kind, id: id, category: category, message: message, file: file.name, line: line, column: column,
                          length: max(1, DisplayWidth.of(spanText)), sourceLine: lineText, note: note)
    }
}

extension Msg {
    /// The coarse category of a diagnostic with this entry (`Diagnostic.category`).
    func category(_ kind: Diagnostic.Kind) -> String {
        switch self {
        case .interrupted: return "E-interrupt"
        case .stepLimitExceeded, .timeLimitExceeded, .tableMemoryLimitExceeded, .valueMemoryLimitExceeded: return "E-limit"
        case .stackOverflow: return "E-stack"
        case .noFileAccess, .tooManySymbolicLinks, .outsideAllowedFolders: return "E-permission"
        case .hostFunctionFailed: return "E-host"
        case .checkFailed, .checkWarning: return "E-check"
        default: return kind == .syntax ? "E-syntax" : "E-runtime"
        }
    }
}

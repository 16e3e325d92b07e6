/// The one renderer of the caret form (REFERENCE §9), for syntax and runtime errors alike:
///
///     error: unknown column 'corected' (did you mean 'corrected'?)
///       --> report.gzq:4:21
///        |
///      4 |   | derive r = rate(corected, concluded)
///        |                     ^^^^^^^^
public enum DiagnosticRenderer {
    /// The caret form of one diagnostic, ending in a newline.
    public static func render(_ d: Diagnostic) -> String {
        var out = header(d)
        guard d.line > 0 else {
            if !d.file.isEmpty { out += "  --> \(d.file)\n" }
            return out + noteText(d)
        }
        // The gutter is one column wider than the line number, as REFERENCE §9 draws it.
        let number = " " + String(d.line)
        let pad = String(repeating: " ", count: number.count)
        out += "\(pad)--> \(d.file):\(d.line):\(d.column)\n"
        out += "\(pad) |\n"
        let line = d.sourceLine.replacingTabs()
        out += "\(number) | \(line)\n"
        // Columns count scalars; the caret must be placed by display width (贵 is 2 columns).
        let prefix = String(line.unicodeScalars.prefix(max(0, d.column - 1)))
        let indent = String(repeating: " ", count: DisplayWidth.of(prefix))
        out += "\(pad) | \(indent)\(String(repeating: "^", count: max(1, d.length)))\n"
        for caller in d.calledFrom { out += "\(pad) = \(Message(.calledFrom, caller).text(d.language))\n" }
        if d.moreCallers > 0 {
            out += "\(pad) = \(Message(.moreCallers, d.moreCallers, d.moreCallers == 1 ? "" : "s").text(d.language))\n"
        }
        return out + noteText(d)
    }

    /// `error[E0501]: message` (`错误[E0501]：message` in Chinese); no id for a message
    /// that is not catalogued.
    static func header(_ d: Diagnostic) -> String {
        let word = d.language == .zh ? (d.kind == .warning ? "警告" : "错误") : (d.kind == .warning ? "warning" : "error")
        let id = d.id == Msg.uncatalogued.rawValue ? "" : "[\(d.id)]"
        return "\(word)\(id)\(d.language == .zh ? "：" : ": ")\(d.message)\n"
    }

    /// The note under the caret, ending in a newline (empty when there is none).
    private static func noteText(_ d: Diagnostic) -> String {
        d.note.isEmpty || d.note.hasSuffix("\n") ? d.note : d.note + "\n"
    }
}

extension String {
    fileprivate func replacingTabs() -> String {
        var s = ""
        for ch in self { s.append(ch == "\t" ? " " : ch) }
        return s
    }
}

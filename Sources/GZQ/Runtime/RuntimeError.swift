/// An error raised while a program runs. Carries the span it points at.
public struct RuntimeError: Error {
    public enum Kind {
        /// Catchable by `try … catch`.
        case ordinary
        /// A resource limit or an interrupt: unwinds through `try` to the host.
        case limit
    }

    public var message: String
    var span: Span
    public var kind: Kind
    /// A stable diagnostic id (`E-host`, …) when the raiser knows one; the Interpreter
    /// derives the others (`E-runtime`, `E-limit`, `E-stack`, …) when it is nil.
    public var id: String?

    init(_ message: String, at span: Span, kind: Kind = .ordinary) {
        self.message = message
        self.span = span
        self.kind = kind
    }
}

/// "did you mean 'x'?" — the closest candidate by edit distance, if close enough.
enum Suggest {
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (String, Int)?
        for candidate in candidates where candidate != name {
            let d = distance(target, Array(candidate.lowercased()))
            let limit = max(1, min(3, target.count / 3 + 1))
            // A candidate that shares nothing with the name (`x` for `y`) is no suggestion.
            guard d < target.count, d <= limit else { continue }
            if best.map({ d < $0.1 }) ?? true { best = (candidate, d) }
        }
        return best?.0
    }

    static func suffix(for name: String, in candidates: [String]) -> String {
        closest(to: name, in: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var row = previous
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &row)
        }
        return previous[b.count]
    }
}

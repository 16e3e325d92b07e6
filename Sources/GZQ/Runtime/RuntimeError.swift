/// An error raised while a program runs. Carries the span it points at.
public struct RuntimeError: Error {
    public enum Kind {
        /// Catchable by `try … catch`.
        case ordinary
        /// A resource limit or an interrupt: unwinds through `try` to the host.
        case limit
    }

    /// The catalogue entry and its arguments (the stable id is `content.id`).
    public var content: Message
    /// The English text (what `try … catch` gives a program and conformance files compare).
    public var message: String { content.text(.en) }
    var span: Span
    public var kind: Kind
    /// The stable diagnostic id (`E0501`), from the catalogue entry.
    public var id: String { content.id }
    /// More lines for the diagnostic (a `check`'s violating rows), or nil.
    public var note: String?
    /// The call sites the error unwound through, innermost first, a site repeated in a row
    /// (recursion) once with its count (at most `CallTrace.maxCallers` entries; `moreCallers`
    /// counts the calls left out). Filled only while the error unwinds: calls cost nothing for it.
    var callers: [(site: Span, times: Int)] = []
    var moreCallers = 0

    /// `RuntimeError(.unknownColumn, name, hint, at: span)`: the entry names the id and the
    /// text (English and Chinese, in MessageCatalogue.swift); the arguments fill its slots.
    init(_ entry: Msg, _ args: any CustomStringConvertible..., at span: Span, kind: Kind = .ordinary) {
        self.init(Message(entry, args.map(MessageArg.init)), at: span, kind: kind)
    }

    init(_ content: Message, at span: Span, kind: Kind = .ordinary) {
        self.content = content
        self.span = span
        self.kind = kind
    }

    /// A message not yet in the catalogue (id `E0000`); DiagnosticCatalogueTests fails on
    /// every use, so new code names an entry instead.
    @available(*, deprecated, message: "name a catalogue entry: RuntimeError(.entry, args…, at:)")
    init(_ message: String, at span: Span, kind: Kind = .ordinary) {
        self.init(Message(.uncatalogued, [.text(message)]), at: span, kind: kind)  // uncatalogued fallback
    }
}

/// "did you mean 'x'?" — the closest candidate by edit distance, if close enough.
enum Suggest {
    /// The closest candidate, if it is close enough to be a likely typo: at most one edit
    /// per three characters (a swap of neighbours counts as one), and fewer than half the
    /// characters changed, so `nope` does not suggest `type` and `y` does not suggest `x`.
    /// Ties go to the alphabetically first name, so the answer never depends on hash order.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        let limit = max(1, target.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let d = distance(target, Array(candidate.lowercased()))
            guard d <= limit, 2 * d < target.count else { continue }
            if let b = best, (b.distance, b.name) <= (d, candidate) { continue }
            best = (candidate, d)
        }
        return best?.name
    }

    /// " (did you mean 'x'?)" in the language shown, or nothing.
    static func suffix(for name: String, in candidates: [String]) -> MessageArg {
        closest(to: name, in: candidates).map { .message(Message(.didYouMean, $0)) } ?? .none
    }

    /// Edit distance with adjacent transpositions (optimal string alignment).
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var row = previous
        for i in 1...a.count {
            row[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    row[j] = min(row[j], before[j - 2] + 1)
                }
            }
            (before, previous, row) = (previous, row, before)
        }
        return previous[b.count]
    }
}

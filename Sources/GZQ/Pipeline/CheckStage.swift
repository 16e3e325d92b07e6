/// `check cond, … [warn]`: passes the table on unchanged when every row satisfies every
/// condition. A condition that is null for a row passes (as SQL's CHECK); one that is false
/// for some rows is a runtime error at that condition saying how many rows violate it, with
/// the first few of them as a table under the caret (`#` is the row's 1-based position). With
/// `warn`, each failing condition is reported to the host as a warning instead, and the
/// table goes on. A condition must give true, false or null.
final class CheckStage: StageOperation {
    let conditions: [StageExpr]
    let warn: Bool
    var name: String { "check" }
    /// How many violating rows the diagnostic shows.
    static let shownRows = 5

    init(conditions: [StageExpr], warn: Bool) {
        self.conditions = conditions
        self.warn = warn
    }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let schema = BindingSchema(table)
        let bound = try conditions.map { try ColumnBinder.bind($0, schema) }
        for (condition, expr) in zip(conditions, bound) {
            let violating = try violatingRows(expr, ctx, frame, table)
            guard !violating.isEmpty else { continue }
            let message = Self.message(violating.count, of: table.rowCount, condition: Self.text(of: condition, ctx), warn: warn)
            let note = Self.note(violating, table, ctx.host.language)
            if warn {
                ctx.host.diagnostics?(ctx.sources.diagnostic(message, condition.span, kind: .warning, language: ctx.host.language, note: note))
                continue
            }
            var error = RuntimeError(message, at: condition.span)
            error.note = note
            throw error
        }
        return table
    }

    /// Rows where the condition is false. The fast path computes the condition's column when it
    /// can; anything but a bool column (or no value at all) goes to the tree path, which
    /// reports a non-bool condition.
    private func violatingRows(_ condition: BoundExpr, _ ctx: Context, _ frame: Frame, _ table: Table) throws -> [Int] {
        if case .batch(let program) = BatchEngine.decide(condition, table, what: "check", boolOnly: true, ctx, frame) {
            let column = try BatchEngine.column(program, table, ctx, span: condition.span)
            guard case .bool(let bits) = column.storage else { return [] } // no value: every row passes
            return (0..<table.rowCount).filter { column.isValid($0) && !bits[$0] }
        }
        let values = try ctx.evaluateRows(condition, table, frame)
        var rows: [Int] = []
        for (i, v) in values.enumerated() {
            switch v {
            case .bool(false): rows.append(i)
            case .bool(true), .null: continue
            default:
                throw RuntimeError(.checkConditionNotBool, v.typeName, i + 1, at: condition.span)
            }
        }
        return rows
    }

    /// The condition as written, on one line (a message is one line): its tokens with the
    /// spacing between them kept, except that a line break (and any comment) becomes one space.
    static func text(of condition: StageExpr, _ ctx: Context) -> String {
        guard let file = ctx.sources[condition.span.file] else { return "the condition" }
        let start = Int(condition.span.start), end = Int(condition.span.end)
        let tokens = Lexer.tokenize(file, file: condition.span.file, start: start, end: end).tokens
            .filter { $0.kind != .newline && $0.kind != .eof && Int($0.span.end) <= end }
        var text = "", previousEnd: Int?
        for token in tokens {
            if let previousEnd {
                let gap = file.bytes[previousEnd..<Int(token.span.start)]
                text += gap.contains(UInt8(ascii: "\n")) ? " " : String(decoding: gap, as: UTF8.self)
            }
            text += file.text(token.span)
            previousEnd = Int(token.span.end)
        }
        return text.isEmpty ? "the condition" : text
    }

    static func message(_ count: Int, of total: Int, condition: String, warn: Bool = false) -> Message {
        Message(warn ? .checkWarning : .checkFailed, count, total, condition, total == 1 ? "" : "s")
    }

    /// The first violating rows as a table, with their 1-based positions in a `#` column.
    static func note(_ rows: [Int], _ table: Table, _ language: Language) -> String {
        let shown = Array(rows.prefix(shownRows))
        let positions = Column(storage: .int(shown.map { $0 + 1 }), validity: nil)
        let sample = table.gather(shown)
        let withPositions = sample.with(names: ["#"] + sample.schema.names, columns: [positions] + sample.columns,
                                          formats: [nil] + sample.displayFormats)
        let heading = rows.count > shown.count ? Message(.checkFirstRows, shown.count) : Message(rows.count == 1 ? .checkTheRow : .checkTheRows)
        return heading.text(language) + "\n" + TableFormatter.render(withPositions, maxRows: shownRows) + "\n"
    }
}

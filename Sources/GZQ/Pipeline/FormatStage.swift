/// `format c = pct(2), …` (REFERENCE §15): sets how number columns are shown, never their values.
final class FormatStage: StageOperation {
    enum Kind: String {
        case pct, num, cn, fixed
    }

    struct Item {
        let column: Name
        let kind: Kind
        let digits: Node
        let span: Span
    }

    /// Decimals a display format may ask for (xlsx number formats and the text alike).
    static let maxDigits = 20

    let items: [Item]
    var name: String { "format" }
    init(items: [Item]) { self.items = items }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        var formats = table.displayFormats
        if formats.count < table.schema.count { formats += Array(repeating: nil, count: table.schema.count - formats.count) }
        for item in items {
            let i = try table.require(item.column)
            let type = table.schema.types[i]
            guard type == .int || type == .float else {
                throw RuntimeError(.formatNeedsNumberColumn, item.column.text, type.rawValue, at: item.column.span)
            }
            let value = try item.digits.eval(ctx, frame)
            guard case .int(let digits) = value, (0...FormatStage.maxDigits).contains(digits) else {
                throw RuntimeError(.formatDigitsOutOfRange, item.kind.rawValue, FormatStage.maxDigits, ValueFormatter.literal(value), at: item.digits.span)
            }
            switch item.kind {
            case .pct: formats[i] = .pct(digits)
            case .num: formats[i] = .num(digits)
            case .cn: formats[i] = .cn(digits)
            case .fixed: formats[i] = .fixed(digits)
            }
        }
        return Table(schema: table.schema, columns: table.columns, rowCount: table.rowCount, displayFormats: formats)
    }
}

/// Decodes the items of `format c = pct(2), d = num(0)`: each right-hand side must be a call of
/// one of the four format names with one argument (the digits, any expression giving an int).
extension Resolver {
    func formatItem(_ item: StageItem) -> FormatStage.Item? {
        guard let expr = item.expr else { return nil }
        let expected = Message(.expectedDisplayFormat)
        guard case .call(let callee, let arguments) = expr.kind, case .name(let name) = callee.kind,
              let kind = FormatStage.Kind(rawValue: name) else {
            report(.formatStageArgument, expected, span: expr.span)
            return nil
        }
        guard arguments.count == 1, arguments[0].label == nil else {
            report(.formatTakesDigits, name, span: expr.span)
            return nil
        }
        return FormatStage.Item(column: item.name, kind: kind, digits: plainExpr(arguments[0].value), span: expr.span)
    }
}

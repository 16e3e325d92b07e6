/// Named options of variadic builtins: `print(a, b, rows: 100)` passes `a` and `b` as the
/// values and `rows` as an option, whatever their order.
extension NativeFunction {
    func invokeWithOptions(_ ctx: Context, _ values: [Value], labels: [String?], labelSpans: [Span], at span: Span) throws -> Value {
        var positional: [Value] = []
        var named: [String: Value] = [:]
        for (k, value) in values.enumerated() {
            guard let label = labels[k] else {
                positional.append(value)
                continue
            }
            guard options.contains(label) else {
                throw RuntimeError(.functionHasNoParameter, name, label, Suggest.suffix(for: label, in: options), at: labelSpans[k])
            }
            if named[label] != nil { throw RuntimeError(.argumentGivenTwice, label, at: labelSpans[k]) }
            named[label] = value
        }
        var call = NativeCall(ctx: ctx, args: positional, span: span, function: self, options: named)
        return try body(&call).checkedNesting(at: span)
    }
}

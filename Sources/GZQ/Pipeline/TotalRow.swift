/// `summarize … by k, … total "全省"`: the grouped rows, then one total row whose first key
/// column holds the label, whose other keys are null, and whose every item is computed over
/// all input rows — the same items run as a summarize without `by`, so a rate written
/// `rate(sum(a), sum(b))` is recomputed from the sums, never summed or averaged. Both
/// engines compute the total the way they compute any one-group summarize.
extension SummarizeStage {
    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        guard let total else { return try runGroups(ctx, frame, table) }
        try rejectBareKeys(table.schema)
        let grouped = try runGroups(ctx, frame, table)
        let label = try total.node.eval(ctx, frame)
        let overall = try SummarizeStage(items: items, by: []).runGroups(ctx, frame, table)
        let keyNames = by.map(\.name)
        var columns: [Column] = []
        for (c, name) in grouped.schema.names.enumerated() {
            let cell: Value
            if let i = overall.schema.index(of: name) {
                cell = overall.columns[i].value(at: 0)
            } else if name == keyNames[0] {
                try checkLabel(label, fits: grouped.columns[c], column: name, span: total.span)
                cell = label
            } else {
                cell = .null
            }
            columns.append(try makeColumn(grouped.columns[c].values + [cell], name: name, span: total.span))
        }
        return grouped.with(names: grouped.schema.names, columns: columns)
    }

    /// The total row has no single value of a key, so an item may use a key column only
    /// inside an aggregate (`first(region)`), not bare (`name = region + "市"`).
    private func rejectBareKeys(_ schema: Schema) throws {
        let keyNames = Set(by.map(\.name))
        for item in items {
            for ref in item.expr.refs where !ref.insideAggregate && keyNames.contains(ref.name) && schema.index(of: ref.name) != nil {
                throw RuntimeError(.totalKeyOutsideAggregate, ref.name, ref.name, at: ref.span)
            }
        }
    }

    /// The label goes into the first key column, so it must have that column's type: an int
    /// key (a year) takes an int label, a string key a string, a float key a number.
    private func checkLabel(_ label: Value, fits column: Column, column name: String, span: Span) throws {
        let labelType: ColumnType
        switch label {
        case .int: labelType = .int
        case .float: labelType = .float
        case .string: labelType = .string
        case .bool: labelType = .bool
        case .date: labelType = .date
        default:
            throw RuntimeError(.totalLabelNotText, label.typeName, at: span)
        }
        // A key column with no value yet (no input rows) takes the label's type.
        guard column.count > 0, !column.isAllNull else { return }
        let keyType = column.type
        if keyType == labelType || (keyType == .float && labelType == .int) { return }
        // "an int" in English, 整数 in Chinese: the type named by a fragment translated with the message.
        func a(_ type: String) -> Message {
            let named: [String: Msg] = ["int": .expectsInt, "float": .expectsFloat, "string": .expectsString,
                                        "date": .expectsDate, "bool": .expectsBool]
            return named[type].map { Message($0) } ?? Message(type == "int" ? .anType : .aType, type)
        }
        throw RuntimeError(.totalLabelType, a(label.typeName), name, keyType.rawValue, a(keyType.rawValue), at: span)
    }
}

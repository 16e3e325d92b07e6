/// Lays a table out as a chart: the distinct x values become the categories (in ascending
/// order for numbers and dates, in order of first appearance otherwise), and each y column —
/// per value of `by`, when given — becomes a series holding one number or gap per category.
enum ChartBuilder {
    struct Failure: Error {
        let message: Message
    }

    static func build(_ t: Table, x: String, y: [String], by: String?, kind: Chart.Kind, title: String?) throws(Failure) -> Chart {
        let xi = try column(t, x, role: "x")
        guard !y.isEmpty else { throw Failure(message: Message(.chartYNamesNoColumn)) }
        var yi: [Int] = []
        for name in y {
            let i = try column(t, name, role: "y")
            let type = t.schema.types[i]
            // A column with no value at all (read as a string column of nulls) plots as gaps.
            guard type == .int || type == .float || !(0..<t.rowCount).contains(where: t.columns[i].isValid) else {
                throw Failure(message: Message(.chartYNotNumbers, name, type.rawValue))
            }
            if yi.contains(i) { throw Failure(message: Message(.chartYTwice, name)) }
            yi.append(i)
        }
        let bi = try by.map { name throws(Failure) in try column(t, name, role: "by") }

        // Categories: the distinct x values (rows with a null x are left out).
        let xColumn = t.columns[xi]
        let xFormat = t.displayFormat(ofColumn: xi)
        var firstRow: [GroupKey: Int] = [:]
        var order: [Int] = []
        for i in 0..<t.rowCount where xColumn.isValid(i) {
            let key = GroupKey(values: [xColumn.value(at: i)])
            if firstRow[key] == nil {
                firstRow[key] = order.count
                order.append(i)
            }
        }
        let sortable = [ColumnType.int, .float, .date].contains(t.schema.types[xi])
        if sortable {
            order.sort { Value.compare(xColumn.value(at: $0), xColumn.value(at: $1)).map { $0 < 0 } ?? false }
            for (position, row) in order.enumerated() { firstRow[GroupKey(values: [xColumn.value(at: row)])] = position }
        }
        let categories = order.map { TableFormatter.cell(xColumn, $0, format: xFormat) }

        // Series: per `by` value (first appearance) and y column.
        var groupOf: [GroupKey: Int] = [:]
        var groupNames: [String] = []
        var rowGroup = [Int](repeating: 0, count: t.rowCount)
        if let bi {
            let byColumn = t.columns[bi]
            for i in 0..<t.rowCount {
                let key = GroupKey(values: [byColumn.value(at: i)])
                if let g = groupOf[key] {
                    rowGroup[i] = g
                } else {
                    groupOf[key] = groupNames.count
                    rowGroup[i] = groupNames.count
                    groupNames.append(TableFormatter.cell(byColumn, i, format: t.displayFormat(ofColumn: bi)))
                }
            }
        } else {
            groupNames = [""]
        }
        // One pass over the rows fills every series (series index = group × y count + y).
        let slots = groupNames.count * yi.count
        var values = [[Double?]](repeating: [Double?](repeating: nil, count: categories.count), count: slots)
        var filled = [[Bool]](repeating: [Bool](repeating: false, count: categories.count), count: slots)
        for i in 0..<t.rowCount where xColumn.isValid(i) {
            guard let p = firstRow[GroupKey(values: [xColumn.value(at: i)])] else { continue }
            for (k, c) in yi.enumerated() {
                let s = rowGroup[i] * yi.count + k
                if filled[s][p] {
                    let which = by.map { MessageArg.message(Message(.chartAndGroup, $0, groupNames[rowGroup[i]])) } ?? .none
                    throw Failure(message: Message(.chartDuplicatePoint, y[k], x, categories[p], which))
                }
                filled[s][p] = true
                values[s][p] = t.columns[c].value(at: i).numberValue
            }
        }
        var series: [Chart.Series] = []
        for (g, groupName) in groupNames.enumerated() {
            for k in yi.indices {
                let name: String
                switch (bi != nil, yi.count > 1) {
                case (true, true): name = "\(groupName) \(y[k])"
                case (true, false): name = groupName
                default: name = y[k]
                }
                series.append(Chart.Series(name: name, values: values[g * yi.count + k]))
            }
        }
        let formats = yi.map { t.displayFormat(ofColumn: $0) }
        return Chart(kind: kind, title: title, xName: x, categories: categories, yNames: y, series: series,
                     yFormat: formats.first ?? nil, hasLegend: bi != nil || yi.count > 1)
    }

    private static func column(_ t: Table, _ name: String, role: String) throws(Failure) -> Int {
        guard let i = t.schema.index(of: name) else {
            throw Failure(message: Message(.chartNoColumn, name, role, Suggest.suffix(for: name, in: t.schema.names)))
        }
        return i
    }
}

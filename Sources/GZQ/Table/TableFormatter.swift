/// Renders tables as aligned text (placeholder until the tables issue lands).
enum TableFormatter {
    static func render(_ t: Table) -> String {
        var lines = [t.schema.names.joined(separator: " | ")]
        for i in 0..<t.rowCount {
            lines.append(t.columns.map { ValueFormatter.display($0.value(at: i)) }.joined(separator: " | "))
        }
        return lines.joined(separator: "\n")
    }
}

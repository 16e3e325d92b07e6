/// Stages that compute or reshape columns: select, rename, drop.
final class SelectStage: StageOperation {
    /// `expr` nil: keep the column of that name.
    let items: [(name: Name, expr: StageExpr?)]
    var name: String { "select" }
    init(items: [(name: Name, expr: StageExpr?)]) { self.items = items }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let schema = BindingSchema(table)
        let bound = try items.map { try $0.expr.map { try ColumnBinder.bind($0, schema) } }
        var names: [String] = [], columns: [Column] = [], formats: [DisplayFormat?] = []
        for (item, expr) in zip(items, bound) {
            if names.containsByScalars(item.name.text) {
                throw RuntimeError(.columnSelectedTwice, item.name.text, at: item.name.span)
            }
            names.append(item.name.text)
            if let expr {
                // A computed column has no display format, even `select c = c` (REFERENCE §15).
                formats.append(nil)
                switch BatchEngine.decide(expr, table, what: "column \(item.name.text)", ctx, frame) {
                case .batch(let program):
                    columns.append(try BatchEngine.column(program, table, ctx, span: expr.span))
                case .tree:
                    columns.append(try makeColumn(try ctx.evaluateRows(expr, table, frame), name: item.name.text, span: expr.span))
                }
            } else {
                let i = try table.require(item.name)
                columns.append(table.columns[i])
                formats.append(table.displayFormat(ofColumn: i))
            }
        }
        return Table(schema: Schema(names: names, types: columns.map(\.type)), columns: columns, rowCount: table.rowCount, displayFormats: formats)
    }
}

final class RenameStage: StageOperation {
    let pairs: [(new: Name, old: Name)]
    var name: String { "rename" }
    init(pairs: [(new: Name, old: Name)]) { self.pairs = pairs }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        var names = table.schema.names
        for (new, old) in pairs {
            let i = try table.require(old)
            if let clash = names.firstIndexByScalars(of: new.text), clash != i {
                throw RuntimeError(.renameTargetExists, old.text, new.text, at: new.span)
            }
            names[i] = new.text
        }
        return table.with(names: names, columns: table.columns, formats: table.displayFormats)
    }
}

final class DropStage: StageOperation {
    let columns: [Name]
    var name: String { "drop" }
    init(columns: [Name]) { self.columns = columns }

    func run(_ ctx: Context, _ frame: Frame, _ table: Table) throws -> Table {
        let dropped = Set(try columns.map { try table.require($0) })
        let kept = (0..<table.schema.count).filter { !dropped.contains($0) }
        let result = table.with(names: kept.map { table.schema.names[$0] }, columns: kept.map { table.columns[$0] })
        return Table(schema: result.schema, columns: result.columns, rowCount: table.rowCount,
                     displayFormats: kept.map { table.displayFormat(ofColumn: $0) })
    }
}

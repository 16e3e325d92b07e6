/// Runs an imported module once, then copies its top-level names (or a record of them).
final class ImportNode: Node {
    let module: Module
    let bindings: [(source: Int, target: SlotRef)]
    let alias: (target: SlotRef, exports: [(name: String, slot: Int)])?

    init(module: Module, bindings: [(source: Int, target: SlotRef)], alias: (SlotRef, [(name: String, slot: Int)])?, span: Span) {
        self.module = module
        self.bindings = bindings
        self.alias = alias
        super.init(span: span)
    }

    override func eval(_ ctx: Context, _ frame: Frame) throws -> Value {
        switch module.state {
        case .running:
            throw RuntimeError(.circularImport, module.name, at: span)
        case .resolved:
            module.state = .running
            do {
                _ = try module.body?.eval(ctx, Frame.topLevel())
            } catch {
                module.state = .resolved
                throw error
            }
            ctx.control = .none
            module.state = .done
        default:
            break
        }
        for (source, target) in bindings { target.store(module.frame.slots[source], frame) }
        if let alias {
            let record = Value.record(keys: alias.exports.map(\.name), values: alias.exports.map { module.frame.slots[$0.slot] })
            alias.target.store(record, frame)
        }
        return .null
    }
}

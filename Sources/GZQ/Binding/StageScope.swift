/// Name resolution inside a table stage (filled in by the tables work).
final class StageScope {
    func columnReference(_ name: String, variable: Node?, span: Span) -> Node {
        variable ?? ConstantNode(.null, span: span)
    }

    func specialCall(_ name: String, _ builtin: Value, _ arguments: [Argument], span: Span, resolver: Resolver) -> Node? {
        nil
    }
}

extension Resolver {
    func resolveStage(input: Node, _ stage: Stage, span: Span) -> Node {
        report("table stages are not implemented yet", stage.span)
        return input
    }
}

final class RowContext {}

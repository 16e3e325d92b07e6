// TEMPORARY (removed when the exactsum branch lands): summarize runs on one worker until then.
extension VectorAccumulator {
    func fresh(grouping: VectorAggregation) -> VectorAccumulator { fatalError("merge lands with exactsum") }
    func merge(_ g: Int, from other: VectorAccumulator, group h: Int) { fatalError("merge lands with exactsum") }
}

/// `numbers: "report"` for read_xlsx: the one call point to the report-number parser
/// (`parse_num`'s rules: `1,069`, `18.81%`, `5.5亿`, a leading `+`, full-width digits), which
/// lives with read_csv's options. Until that parser is part of this build, read_xlsx refuses
/// `numbers: "report"` with an error (`isAvailable`), so this is never reached with a silent nil.
enum ReportNumbers {
    /// Whether `numbers: "report"` can be used (true once `parse` calls the shared parser).
    static let isAvailable = false

    /// The number a report cell's text writes, or nil when it is not one (the cell stays text).
    static func parse(_ text: String) -> CellText? {
        nil
    }
}

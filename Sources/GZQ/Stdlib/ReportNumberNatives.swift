import Foundation

/// `parse_num`: the report-table number forms of `read_csv(numbers: "report")` for one string.
extension Builtins {
    static let reportNumbers: [Builtin] = [
        Builtin("parse_num", ["s"],
                doc: """
                Reads a number written as report tables write them, by the rules of read_csv's numbers: "report": \
                a plain int or float (a leading + allowed), thousands separators grouping three digits (1,069 or \
                1，069), a percent (18.81% is 0.1881, exactly as the literal 18.81% is), 万 and 亿 (5.5亿 is the int \
                550000000), and full-width digits, signs and points. Spaces and U+3000 around the text are ignored. \
                Numbers with leading zeros (007), integers beyond the int range and anything else are errors. An int \
                or float is returned as it is, null gives null.
                """,
                example: "[parse_num(\"1,069\"), parse_num(\"18.81%\"), parse_num(\"5.5亿\"), parse_num(\"＋１２\")]") { call in
            switch call[0] {
            case .null, .int, .float: return call[0]
            case .string(let s):
                switch ReportNumber.parse(s.value) {
                case .success(.int(let v)): return .int(v)
                case .success(.float(let d)): return .float(d)
                case .failure(let failure):
                    throw call.error(.parseNumFailed, ValueFormatter.quoted(s.value), failure.reason)
                }
            default:
                throw call.typeError(0, expected: Message(.expectsString))
            }
        },
    ]
}

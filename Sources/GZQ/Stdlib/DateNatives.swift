import Foundation

/// Dates (REFERENCE §7, Dates): calendar days, no time zone.
extension Builtins {
    static let dates: [Builtin] = [
        Builtin("date", ["y", "m", "d"], doc: "The date y-m-d; an invalid date is an error.", example: "date(2021, 6, 30)") { call in
            if call[0].isNull || call[1].isNull || call[2].isNull { return .null }
            let y = try call.int(0), m = try call.int(1), d = try call.int(2)
            guard let days = CivilDate.days(year: y, month: m, day: d) else {
                throw call.error(.invalidDate, y, m, d)
            }
            return .date(days)
        },
        datePart("year", doc: "The year of a date.", example: "year(@2021-06-30)") { $0.year },
        datePart("month", doc: "The month (1–12) of a date.", example: "month(@2021-06-30)") { $0.month },
        datePart("day", doc: "The day of the month of a date.", example: "day(@2021-06-30)") { $0.day },
        Builtin("days_between", ["a", "b"], doc: "Days from a to b (negative when b is earlier).",
                example: "days_between(@2021-01-01, @2021-06-30)") { call in
            guard case .date(let a) = call[0], case .date(let b) = call[1] else {
                if call[0].isNull || call[1].isNull { return .null }
                throw call.typeError(call[0].typeName == "date" ? 1 : 0, expected: Message(.expectsDate))
            }
            return .int(Int(b) - Int(a))
        },
        Builtin("today", pure: false, doc: "Today's date in the local time zone.", example: "type(today())") { _ in
            let parts = Calendar.current.dateComponents([.year, .month, .day], from: Date())
            return .date(CivilDate.days(year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1) ?? 0)
        },
    ]

    private static func datePart(_ name: String, doc: String, example: String,
                                 _ part: @escaping ((year: Int, month: Int, day: Int)) -> Int) -> Builtin {
        Builtin(name, ["d"], doc: doc, example: example) { call in
            switch call[0] {
            case .null: return .null
            case .date(let d): return .int(part(CivilDate.civil(d)))
            default: throw call.typeError(0, expected: Message(.expectsDate))
            }
        }
    }
}

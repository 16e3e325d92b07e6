import Foundation

/// Strings (REFERENCE §7, Strings). All are locale-free.
extension Builtins {
    static let strings: [Builtin] = [
        stringFunction("upper", doc: "The string in upper case.", example: "upper(\"gzq\")") { .str($0.uppercased()) },
        stringFunction("lower", doc: "The string in lower case.", example: "lower(\"GZQ\")") { .str($0.lowercased()) },
        stringFunction("trim", doc: "The string without leading and trailing white space.", example: "trim(\"  贵阳市 \")") {
            .str($0.trimmingCharacters(in: .whitespacesAndNewlines))
        },
        Builtin("split", ["s", "sep"], doc: "The parts of s between occurrences of sep (an empty sep splits into characters).",
                example: "split(\"贵阳,遵义\", \",\")") { call in
            if call[0].isNull { return .null }
            let s = try call.string(0), sep = try call.string(1)
            if sep.isEmpty {
                try ValueSize.checkSplit(parts: s.unicodeScalars.count, call)
                return .list(s.unicodeScalars.map { .str(String($0)) })
            }
            // Linear-time literal search (TextSearch): Foundation's is quadratic on hostile input.
            try ValueSize.checkSplit(parts: TextSearch.count(s, sep) &+ 1, call)
            return .list(TextSearch.split(s, sep).map { .str($0) })
        },
        Builtin("replace", ["s", "old", "new"], doc: "s with every occurrence of old replaced by new.",
                example: "replace(\"2021年\", \"年\", \"\")") { call in
            if call[0].isNull { return .null }
            let s = try call.string(0), old = try call.string(1), new = try call.string(2)
            if old.isEmpty { throw call.error(.replaceOldEmpty) }
            try ValueSize.checkReplace(s, old, new, call)
            return .str(TextSearch.replacing(s, old, with: new))
        },
        Builtin("starts_with", ["s", "prefix"], doc: "Whether s starts with prefix.", example: "starts_with(\"黔南州\", \"黔\")") { call in
            if call[0].isNull { return .null }
            return .bool(ScalarString.hasPrefix(try call.string(0), try call.string(1)))
        },
        Builtin("ends_with", ["s", "suffix"], doc: "Whether s ends with suffix.", example: "ends_with(\"黔南州\", \"州\")") { call in
            if call[0].isNull { return .null }
            return .bool(ScalarString.hasSuffix(try call.string(0), try call.string(1)))
        },
        stringFunction("pinyin", doc: "The Hanyu Pinyin of Chinese text without tones, one space between syllables, for sorting by pronunciation; phrases read as words (都匀 du yun). Other text is kept as it is.",
                       example: "pinyin(\"贵阳市\")") { .str(Pinyin.reading(of: $0)) },
    ]

    private static func stringFunction(_ name: String, doc: String, example: String, _ f: @escaping (String) -> Value) -> Builtin {
        Builtin(name, ["s"], doc: doc, example: example) { call in
            if call[0].isNull { return .null }
            return f(try call.string(0))
        }
    }
}

/// Lists and records (REFERENCE §7, Collections).
extension Builtins {
    static let collections: [Builtin] = [
        Builtin("len", ["x"], doc: "Characters (Unicode scalars, as in Python) of a string, items of a list or record, rows of a table.", example: "len(\"贵阳市\")") { call in
            switch call[0] {
            case .string(let s): return .int(s.value.unicodeScalars.count)
            case .list(let l): return .int(l.items.count)
            case .record(let r): return .int(r.keys.count)
            case .table(let t): return .int(t.rowCount)
            case .null: return .null
            default: throw call.typeError(0, expected: Message(.expectsStringListRecordTable))
            }
        },
        Builtin("keys", ["r"], doc: "The field names of a record, in order.", example: "keys({a: 1, b: 2})") { call in
            guard case .record(let r) = call[0] else { throw call.typeError(0, expected: Message(.expectsRecord)) }
            return .list(r.keys.map { .str($0) })
        },
        Builtin("values", ["r"], doc: "The field values of a record, in order.", example: "values({a: 1, b: 2})") { call in
            guard case .record(let r) = call[0] else { throw call.typeError(0, expected: Message(.expectsRecord)) }
            return .list(r.values)
        },
        Builtin("map", ["xs", "f"], doc: "A new list with f applied to each item.", example: "map([1, 2, 3], fn(x) x * 2)") { call in
            let items = try call.list(0), f = try call.function(1)
            var out: [Value] = []
            out.reserveCapacity(items.count)
            for item in items { out.append(try call.call(f, [item])) }
            return .list(out)
        },
        Builtin("filter", ["xs", "f"], doc: "The items for which f returns a truthy value.", example: "filter([1, 2, 3, 4], fn(x) x mod 2 == 0)") { call in
            let items = try call.list(0), f = try call.function(1)
            var out: [Value] = []
            for item in items where try call.call(f, [item]).isTruthy { out.append(item) }
            return .list(out)
        },
        Builtin("reduce", ["xs", "f", "init"], doc: "Folds the list from the left: f(f(init, x0), x1)…", example: "reduce([1, 2, 3], fn(acc, x) acc + x, 0)") { call in
            let items = try call.list(0), f = try call.function(1)
            var acc = call[2]
            for item in items { acc = try call.call(f, [acc, item]) }
            return acc
        },
        Builtin("sort", ["xs"], doc: "The list sorted ascending (stable; nulls last). Mixed types other than int with float are an error.",
                example: "sort([3, null, 1, 2])") { call in
            .list(try Ordering.sorted(try call.list(0), descending: false, span: call.span))
        },
        Builtin("reverse", ["xs"], doc: "The list (or string) in reverse order.", example: "reverse([1, 2, 3])") { call in
            switch call[0] {
            case .list(let l): return .list(l.items.reversed())
            case .string(let s): return .str(String(s.value.reversed()))
            case .null: return .null
            default: throw call.typeError(0, expected: Message(.expectsListString))
            }
        },
        Builtin("slice", ["xs", "start", "end"], defaults: [nil, nil, .null],
                doc: "The items (or characters) from index start up to, not including, end; negative indexes count from the end; end null means to the end.",
                example: "slice(\"贵阳市\", 0, -1)") { call in
            let start = try call.int(1)
            let end: Int? = call[2].isNull ? nil : try call.int(2)
            func bounds(_ count: Int) -> Range<Int> {
                func clamp(_ i: Int) -> Int { Swift.max(0, Swift.min(count, i < 0 ? count + i : i)) }
                let lo = clamp(start), hi = clamp(end ?? count)
                return lo..<Swift.max(lo, hi)
            }
            switch call[0] {
            case .null: return .null
            case .list(let l): return .list(Array(l.items[bounds(l.items.count)]))
            case .string(let s):
                let scalars = Array(s.value.unicodeScalars)
                var out = String.UnicodeScalarView()
                out.append(contentsOf: scalars[bounds(scalars.count)])
                return .str(String(out))
            default: throw call.typeError(0, expected: Message(.expectsListString))
            }
        },
        Builtin("concat", ["xs", "sep"], defaults: [nil, .str("")], doc: "Joins the items of a list into one string, with sep between them.",
                example: "concat([\"贵阳\", \"遵义\"], \"、\")") { call in
            let items = try call.list(0), sep = try call.string(1)
            let pieces = items.map(ValueFormatter.display)
            try call.ctx.checkValueSize(pieces.reduce(sep.utf8.count &* max(0, pieces.count - 1)) { $0 &+ $1.utf8.count }, .expectsString, call.span)
            return .str(pieces.joined(separator: sep))
        },
        Builtin("index_of", ["xs", "x"],
                doc: "The 0-based position of the first item of xs equal to x; null when x is absent (or null). Sorts by an official order: sort index_of([\"贵阳市\", \"遵义市\"], region).",
                example: "index_of([\"贵阳市\", \"遵义市\", \"六盘水市\"], \"遵义市\")") { call in
            if call[0].isNull || call[1].isNull { return .null }
            let items = try call.list(0), x = call[1]
            return items.firstIndex { Value.equal($0, x) }.map { .int($0) } ?? .null
        },
    ]
}

/// Sorting values: ascending by `Value.compare`, nulls last, stable.
enum Ordering {
    static func sorted(_ items: [Value], descending: Bool, span: Span) throws -> [Value] {
        var failure: RuntimeError?
        let indexed = Array(items.enumerated())
        let result = indexed.sorted { a, b in
            switch (a.element.isNull, b.element.isNull) {
            case (true, true): return a.offset < b.offset
            case (true, false): return false
            case (false, true): return true
            default: break
            }
            guard let c = Value.compare(a.element, b.element) else {
                if failure == nil {
                    failure = RuntimeError(.sortCannotCompare, a.element.typeName, b.element.typeName, at: span)
                }
                return a.offset < b.offset
            }
            if c == 0 { return a.offset < b.offset }
            return descending ? c > 0 : c < 0
        }
        if let failure { throw failure }
        return result.map(\.element)
    }
}

import Foundation

/// The memory limit (`Limits.maxMemoryBytes`) for strings and lists.
///
/// Tables are counted as a program creates them (`Context.noteTableBytes`). Strings and lists
/// are checked one at a time, where a program can make one grow without bound: `+` joining two
/// strings or two lists, a range `lo..hi`, string interpolation, `replace` and `concat`. A single string or list
/// bigger than the whole limit is the error `memory limit exceeded` (category `E-limit`, not
/// catchable, like the other resource limits), raised before it is built — so doubling a string
/// in a loop stops cleanly at the limit instead of exhausting memory. Many values that are each
/// under the limit are bounded only by the step limit (one value per step at most). A list
/// counts `MemoryLayout<Value>.stride` bytes per item (its items' own storage is shared).
/// Without a memory limit nothing is checked.
extension Context {
    /// Bytes one list item takes in the list's own buffer.
    static let listItemBytes = MemoryLayout<Value>.stride

    /// Throws when a string of `bytes` UTF-8 bytes, or a list of `bytes / listItemBytes` items,
    /// would exceed the memory limit.
    @inline(never)
    func checkValueSize(_ bytes: Int, _ what: Msg, _ span: Span) throws {
        guard let limit = host.limits.maxMemoryBytes, bytes > limit else { return }
        throw RuntimeError(.valueMemoryLimitExceeded, Message(what), Context.megabytes(bytes, over: limit), Context.megabytes(limit),
                           at: span, kind: .limit)
    }

    /// Before `a + b`: checks the size of the joined string or list.
    @inline(__always)
    func checkJoin(_ a: Value, _ b: Value, _ span: Span) throws {
        guard host.limits.maxMemoryBytes != nil else { return }
        switch (a, b) {
        case (.string(let x), .string(let y)):
            try checkValueSize(x.value.utf8.count &+ y.value.utf8.count, .expectsString, span)
        case (.list(let x), .list(let y)):
            try checkValueSize((x.items.count &+ y.items.count) &* Context.listItemBytes, .expectsList, span)
        default:
            return
        }
    }

    /// Before `lo..hi`: checks the size of the list it builds.
    @inline(__always)
    func checkRange(_ a: Value, _ b: Value, _ span: Span) throws {
        guard host.limits.maxMemoryBytes != nil, case .int(let lo) = a, case .int(let hi) = b, hi >= lo else { return }
        let (width, overflow) = hi.subtractingReportingOverflow(lo)
        // Too long to count is `rangeTooLong`'s to report.
        guard !overflow, width < Int.max / Context.listItemBytes else { return }
        try checkValueSize((width + 1) * Context.listItemBytes, .expectsList, span)
    }

    static func megabytes(_ bytes: Int) -> String {
        let mb = Double(bytes) / 1_048_576
        return mb >= 10 || mb == mb.rounded() ? String(Int(mb.rounded())) : String(Double(Int(mb * 10)) / 10)
    }

    /// `bytes` (over `limit`) in megabytes, with as many decimals as it takes not to read as
    /// the limit itself ("a list of 1.00001 MB, limit 1 MB", not "1.0 MB, limit 1 MB").
    static func megabytes(_ bytes: Int, over limit: Int) -> String {
        let shown = megabytes(bytes)
        guard Double(shown) ?? 0 <= Double(megabytes(limit)) ?? 0 else { return shown }
        let mb = Double(bytes) / 1_048_576
        for decimals in 1...6 {
            let scale = pow(10.0, Double(decimals))
            let down = (mb * scale).rounded(.down) / scale
            if down > Double(limit) / 1_048_576 { return String(format: "%.\(decimals)f", down) }
        }
        return shown
    }
}

enum ValueSize {
    /// Before `replace(s, old, new)` with a longer `new`: checks the size of the result when
    /// it could exceed the memory limit (counting the occurrences only then).
    static func checkReplace(_ s: String, _ old: String, _ new: String, _ call: NativeCall) throws {
        guard let limit = call.ctx.host.limits.maxMemoryBytes else { return }
        let size = s.utf8.count, growth = new.utf8.count - old.utf8.count
        guard growth > 0, old.utf8.count > 0 else { return }
        let (worst, overflow) = (size / old.utf8.count).multipliedReportingOverflow(by: new.utf8.count)
        guard overflow || worst > limit else { return }
        try call.ctx.checkValueSize(size &+ TextSearch.count(s, old) &* growth, .expectsString, call.span)
    }

    /// Before `split(s, sep)`: checks the size of the list of parts (each part's own text is
    /// at most `s` again, already counted).
    static func checkSplit(parts: Int, _ call: NativeCall) throws {
        try call.ctx.checkValueSize(parts &* Context.listItemBytes, .expectsList, call.span)
    }
}

/// Nesting and expanded-size limits of one value (`Value.maxNesting`, `Value.maxExpandedSize`),
/// raised as errors where a value is built.
extension Value {
    /// The value itself, or an error when it nests more deeply than `maxNesting` or holds
    /// more than `maxExpandedSize` items and fields in all.
    @inline(__always)
    func checkedNesting(at span: Span) throws -> Value {
        if nestingDepth > Value.maxNesting {
            throw RuntimeError(.valueNestedTooDeeply, Value.maxNesting, at: span)
        }
        if expandedSize > Value.maxExpandedSize {
            throw RuntimeError(.valueTooLarge, Value.maxExpandedSize, at: span)
        }
        return self
    }
}

import GZQ

/// The `# limits:` header of a conformance file: the resource limits both engines run it
/// under, instead of the defaults (call depth 10 000, nothing else limited; the runner adds a
/// safety time limit when the header sets none).
///
///     # limits: steps=10240 memory=1MB time=0.5s depth=100
///
/// `steps` (calls plus loop iterations; the interpreter checks every 1024 steps), `memory`
/// (bytes of table storage and the size of one string or list; a number with B, KB, MB or
/// GB, 1 KB = 1024 B), `time` (wall-clock seconds; a number with s or ms), `depth` (call
/// depth). Each key at most once, at least one; anything else makes the file fail.
enum ConformanceLimits {
    static let marker = "# limits:"
    /// The time limit of a file whose header sets none (the slowest file takes about 3 s).
    static let safetyTimeout = 120.0

    /// The limits of `source`: the defaults when it has no header, an error text when the
    /// header is malformed or repeated.
    static func parse(_ source: String) -> Result<Limits, HeaderError> {
        let headers = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            .filter { $0.element.hasPrefix(marker) }
        guard let (index, line) = headers.first else { return .success(Limits()) }
        if headers.count > 1 { return .failure(HeaderError("line \(headers[1].offset + 1): a second '\(marker)' header (one per file)")) }
        var limits = Limits()
        var seen: Set<String> = []
        let items = line.dropFirst(marker.count).split(separator: " ")
        if items.isEmpty { return .failure(HeaderError("line \(index + 1): '\(marker)' names no limit")) }
        for item in items {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, seen.insert(parts[0]).inserted else {
                return .failure(HeaderError("line \(index + 1): '\(item)' is not key=value, or its key is repeated"))
            }
            let (key, text) = (parts[0], parts[1])
            switch key {
            case "steps":
                guard let n = Int(text), n > 0 else { return .failure(bad(index, item, "a positive integer")) }
                limits.maxSteps = n
            case "depth":
                guard let n = Int(text), n > 0 else { return .failure(bad(index, item, "a positive integer")) }
                limits.maxCallDepth = n
            case "memory":
                guard let bytes = byteCount(text) else { return .failure(bad(index, item, "a size such as 512KB or 2MB")) }
                limits.maxMemoryBytes = bytes
            case "time":
                guard let seconds = seconds(text) else { return .failure(bad(index, item, "a duration such as 0.5s or 200ms")) }
                limits.timeout = seconds
            default:
                return .failure(HeaderError("line \(index + 1): unknown limit '\(key)' (steps, memory, time, depth)"))
            }
        }
        return .success(limits)
    }

    struct HeaderError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private static func bad(_ index: Int, _ item: Substring, _ wanted: String) -> HeaderError {
        HeaderError("line \(index + 1): '\(item)' needs \(wanted)")
    }

    /// `512KB`, `2MB`, `1GB`, `4096B` as bytes (binary units).
    static func byteCount(_ text: String) -> Int? {
        let units: [(String, Double)] = [("KB", 1024), ("MB", 1_048_576), ("GB", 1_073_741_824), ("B", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let n = Double(text.dropLast(suffix.count)), n > 0, n * scale < 1e15 else { return nil }
            return Int(n * scale)
        }
        return nil
    }

    /// `2s`, `0.5s`, `200ms` as seconds.
    static func seconds(_ text: String) -> Double? {
        let (digits, scale) = text.hasSuffix("ms") ? (text.dropLast(2), 0.001) : text.hasSuffix("s") ? (text.dropLast(), 1.0) : (Substring(""), 0)
        guard let n = Double(digits), n > 0, n.isFinite else { return nil }
        return n * scale
    }
}

import Foundation
@testable import GZQ

/// One conformance file: its expectations and how to check them (Crafting Interpreters style):
///
///     print(1 + 2)          # expect: 3
///     print(x)              # expect runtime error: undefined variable 'x'
///     let = 1               # expect error: expected name after 'let', found '='
///
/// `expect:` lines give stdout in order. `expect error:` lists every syntax/resolve error
/// (message and line); `expect runtime error:` the one runtime error that ends the run;
/// `expect span: TEXT` the source text its caret marks (on the error's line);
/// `expect warning: LINE: message` every warning the host receives (`check … warn`), in order
/// (with its line written out: several warnings may come from one line). A `# limits:` header
/// (ConformanceLimits) sets the resource limits the file runs under.
struct ConformanceCase {
    let path: String

    struct Expected {
        var output: [String] = []
        var errors: [(line: Int, message: String)] = []
        var runtimeError: (line: Int, message: String)?
        var span: String?
        var warnings: [String] = []
    }

    func expectations(_ source: String) -> Expected {
        var expected = Expected()
        for (index, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let r = line.range(of: "# expect: ") {
                expected.output.append(String(line[r.upperBound...]))
            } else if line.hasSuffix("# expect:") {
                expected.output.append("")
            } else if let r = line.range(of: "# expect runtime error: ") {
                expected.runtimeError = (index + 1, String(line[r.upperBound...]))
            } else if let r = line.range(of: "# expect error: ") {
                expected.errors.append((index + 1, String(line[r.upperBound...])))
            } else if let r = line.range(of: "# expect span: ") {
                expected.span = String(line[r.upperBound...])
            } else if let r = line.range(of: "# expect warning: ") {
                expected.warnings.append(String(line[r.upperBound...]))
            }
        }
        return expected
    }

    /// Nil when the file behaves as its comments say; otherwise what differed. The transcript
    /// (output, warnings and the rendered error) is what the two engines must agree on.
    /// `split`: fast-path steps run on that many threads over morsels of that many rows
    /// (however small the table), instead of the host's defaults.
    func run(root: URL, engine: Engine = .tree, split: (threads: Int, morselRows: Int)? = nil) -> (problem: String?, transcript: String) {
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { return ("cannot read file", "") }
        let expected = expectations(source)
        var limits: Limits
        switch ConformanceLimits.parse(source) {
        case .success(let parsed): limits = parsed
        case .failure(let error): return ("bad '\(ConformanceLimits.marker)' header: \(error.message)", "")
        }
        // A file that never ends (a lost header under `while true`, an interpreter bug) fails
        // after this long instead of hanging the suite.
        if limits.timeout == nil { limits.timeout = ConformanceLimits.safetyTimeout }
        var output = ""
        let host = HostConfiguration(output: { output += $0 }, fileAccess: .unrestricted, limits: limits)
        host.engine = engine
        if let split { host.split(threads: split.threads, morselRows: split.morselRows) }
        var warnings: [String] = [], renderedWarnings = ""
        host.diagnostics = { d in
            warnings.append("\(d.line): \(d.message)")
            renderedWarnings += DiagnosticRenderer.render(d)
        }
        let interpreter = Interpreter(host: host)
        interpreter.setGlobal("args", .list([]))
        let previous = FileManager.default.currentDirectoryPath
        _ = FileManager.default.changeCurrentDirectoryPath(root.path)
        defer { _ = FileManager.default.changeCurrentDirectoryPath(previous) }
        var gotErrors: [(line: Int, message: String)] = []
        var gotRuntime: Diagnostic?
        var rendered = ""
        do {
            try interpreter.run(source, name: path)
        } catch let error as GZQError {
            if error.kind == .syntax { gotErrors = error.diagnostics.map { ($0.line, $0.message) } } else { gotRuntime = error.diagnostics.first }
            rendered = error.rendered
        } catch {
            return ("unexpected error \(error)", output)
        }
        var problems: [String] = []
        let lines = output.isEmpty ? [] : output.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        if lines != expected.output {
            problems.append("output differs\n--- expected\n\(expected.output.joined(separator: "\n"))\n--- got\n\(lines.joined(separator: "\n"))")
        }
        if gotErrors.map({ "\($0.line): \($0.message)" }) != expected.errors.map({ "\($0.line): \($0.message)" }) {
            problems.append("syntax errors differ: expected \(expected.errors.map { "\($0.line): \($0.message)" }), got \(gotErrors.map { "\($0.line): \($0.message)" })")
        }
        if gotRuntime.map({ "\($0.line): \($0.message)" }) != expected.runtimeError.map({ "\($0.line): \($0.message)" }) {
            problems.append("runtime error differs: expected \(expected.runtimeError.map { "\($0.line): \($0.message)" } ?? "none"), got \(gotRuntime.map { "\($0.line): \($0.message)" } ?? "none")")
        }
        if let span = expected.span, gotRuntime.map(Self.spanText) != span {
            problems.append("error span differs: expected '\(span)', got \(gotRuntime.map { "'\(Self.spanText($0))' at column \($0.column)" } ?? "no runtime error")")
        }
        if warnings != expected.warnings {
            problems.append("warnings differ: expected \(expected.warnings), got \(warnings)")
        }
        return (problems.isEmpty ? nil : problems.joined(separator: "\n"), output + renderedWarnings + rendered)
    }

    /// The source text a diagnostic's caret marks (columns and length count Unicode scalars).
    static func spanText(_ d: Diagnostic) -> String {
        let scalars = Array(d.sourceLine.unicodeScalars)
        let start = min(max(0, d.column - 1), scalars.count)
        let end = min(start + max(1, d.length), scalars.count)
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars[start..<end])
        return String(text)
    }
}

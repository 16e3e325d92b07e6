// The whole interpreter (parser, resolver, evaluator, standard library, stages, formatters)
// on arbitrary source text, under tight limits and with no file access. Any outcome is fine —
// a value or a `GZQError` — except a crash, a hang (libFuzzer's -timeout) or running out of
// memory (-rss_limit_mb). The result and any error are also rendered, as a host would.
import GZQ

/// Small limits so that a run ends quickly however hostile the program: a shallow call depth,
/// a step budget, 32 MB of tables (and of any one string or list) and half a second of wall
/// clock. Work that escapes these checks for long shows up as a libFuzzer timeout (`make fuzz`
/// passes -timeout=10) or out-of-memory (-rss_limit_mb=2048).
let limits = Limits(maxCallDepth: 200, maxSteps: 50_000, maxMemoryBytes: 32 << 20, timeout: 0.5)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInterpreter(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let source = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    // A fresh interpreter per input: nothing carries over, so every crash reproduces alone.
    let host = HostConfiguration(output: { _ in }, fileAccess: .none, limits: limits)
    host.engine = size % 2 == 0 ? .tree : .vector
    let interpreter = Interpreter(host: host)
    do {
        let value = try interpreter.run(source, name: "<fuzz>")
        for format in OutputFormat.allCases {
            _ = OutputFormat.render(value, as: format, maxWidth: 100)
        }
    } catch let error as GZQError {
        _ = error.rendered
    } catch {
        fatalError("Interpreter.run threw something other than GZQError: \(error)")
    }
    return 0
}

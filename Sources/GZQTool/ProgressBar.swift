import Foundation
import GZQ

/// Draws the host's load progress (big `read_csv`/`read_json` files) as a bar on stderr,
/// only when stderr is a terminal, and erases it when the load finishes.
enum ProgressBar {
    static func install(on host: HostConfiguration) {
        guard isatty(STDERR_FILENO) != 0 else { return }
        host.progress = { label, fraction in
            let width = 30
            let filled = max(0, min(width, Int(fraction * Double(width))))
            let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
            let name = (label as NSString).lastPathComponent
            let line = fraction >= 1 ? "\r\u{1B}[K" : "\rreading \(name) [\(bar)] \(Int(fraction * 100))%"
            FileHandle.standardError.write(Data(line.utf8))
        }
    }
}

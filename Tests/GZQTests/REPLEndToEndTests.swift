import Foundation
import XCTest

/// Drives the real `gzq` binary in a pseudo-terminal with tmux (REFERENCE §11): what a user
/// typing at the REPL sees. The binary is `$GZQ_BIN`, else `.build/debug/gzq` (built by
/// `make test` before the tests run). HOME points at a fresh folder, so the history file is
/// the test's own. Every wait polls `capture-pane` with a deadline; nothing sleeps blindly.
///
/// Fails when tmux is not installed (`make test` and `.ci/run` install it); never skipped.
final class REPLEndToEndTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var terminal: Terminal!

    override func setUpWithError() throws {
        guard let tmux = Terminal.findTmux() else {
            throw MissingPrerequisite("tmux not found: the REPL end-to-end tests cannot run (make test installs it: apt-get install -y tmux)")
        }
        let binary = ProcessInfo.processInfo.environment["GZQ_BIN"] ?? Self.root.appendingPathComponent(".build/debug/gzq").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            XCTFail("gzq binary not found at \(binary): run `swift build` (make test does) or set GZQ_BIN")
            throw MissingPrerequisite("no gzq binary")
        }
        terminal = try Terminal(tmux: tmux, binary: binary)
    }

    override func tearDown() {
        terminal?.close()
    }

    func testExpressionsPipelinesAndCompletion() throws {
        let t = terminal!
        try t.start()
        try t.waitForPrompt()

        t.type("123 + 877")
        try t.waitFor(after: "gzq> 123 + 877", contains: "1000\ngzq> ")

        t.type(#"let t = table({year: [2017, 2021, 2021], region: ["贵阳市", "遵义市", "毕节市"], cases: [5, 7, 9]})"#)
        try t.waitFor(after: "cases: [5, 7, 9]})", contains: "gzq> ")

        // A three-line pipeline, continued by trailing `|`.
        t.type("t |")
        try t.waitFor(after: "gzq> t |", contains: "...> ")
        t.type("where year == 2021 |")
        try t.waitFor(after: "where year == 2021 |", contains: "...> ")
        t.type("summarize total = sum(cases)")
        try t.waitFor(after: "...> summarize total = sum(cases)", contains: "| total |\n+-------+\n|    16 |\n+-------+\ngzq> ")

        // The same, built stage by stage with a leading `|`.
        t.type("t")
        try t.waitFor(after: "gzq> t\n", contains: "| 2017 | 贵阳市 |     5 |")
        t.type("| where year == 2021")
        try t.waitFor(after: "gzq> | where year == 2021", contains: "| 2021 | 毕节市 |     9 |\n+------+--------+-------+\ngzq> ")
        t.type("| summarize biggest = max(cases)")
        try t.waitFor(after: "gzq> | summarize biggest = max(cases)", contains: "| biggest |\n+---------+\n|       9 |")

        // Tab completes a column name of the table flowing into the stage.
        t.type("t | sort reg", enter: false)
        t.keys("Tab")
        try t.waitFor(after: "gzq> t | sort ", contains: "region")
        t.keys("Enter")
        try t.waitFor(after: "gzq> t | sort region", contains: "| 2021 | 毕节市 |     9 |\n| 2017 | 贵阳市 |     5 |\n| 2021 | 遵义市 |     7 |")
    }

    func testCtrlCCancelsTheLineAndInterruptsEvaluationAndCtrlDExits() throws {
        let t = terminal!
        try t.start()
        try t.waitForPrompt()

        // Ctrl-C while typing drops the line.
        t.type("partial line", enter: false)
        try t.waitFor(after: "gzq> ", contains: "partial line")
        t.keys("C-c")
        try t.waitFor(after: "gzq> partial line^C", contains: "\ngzq> ")
        t.type("1 + 1")
        try t.waitFor(after: "gzq> 1 + 1", contains: "2\ngzq> ")

        // Ctrl-C interrupts a running loop. Input in the same burst as Ctrl-C is flushed by
        // the terminal, so wait until the entry has been read, and press again if the first
        // press fell between reading the line and starting the run.
        t.type("while true {}")
        try t.waitFor(after: "gzq> while true {}", contains: "\n")
        var interrupted = false
        for _ in 0..<10 where !interrupted {
            t.keys("C-c")
            interrupted = (try? t.waitFor(after: "gzq> while true {}", contains: "error[E0801]: interrupted", timeout: 2)) != nil
        }
        XCTAssertTrue(interrupted, "Ctrl-C did not interrupt the loop:\n\(t.capture())")
        try t.waitFor(after: "error[E0801]: interrupted", contains: "gzq> ")
        t.type("6 * 7")
        try t.waitFor(after: "gzq> 6 * 7", contains: "42\ngzq> ")

        // Ctrl-D at an empty prompt leaves with status 0.
        t.keys("C-d")
        let status = try t.waitForExit()
        XCTAssertEqual(status, 0, t.capture())
    }

    /// Issue 19, item 1 (REFERENCE §11 v0.2): the lines of a script mean the same in the REPL.
    static let pastedScript = """
        let t = table({y: [2020, 2021, 2021], v: [1, 2, 3]})
        t | take 1
        let k = t | where y == 2021
          | summarize s = sum(v)
        print("s is", k[0].s)
        """

    /// Issue 17: the REPL's diagnostics follow LANG, with the id and the caret.
    func testDiagnosticsFollowTheLocale() throws {
        let t = terminal!
        let csv = Self.root.appendingPathComponent("Samples/data/review_cases.csv").path
        for (locale, expected) in [("zh_CN.UTF-8", "错误[E0526]：找不到列 'corected'（你是不是想写 'corrected'？）"),
                                   ("C", "error[E0526]: unknown column 'corected' (did you mean 'corrected'?)")] {
            try t.start(locale: locale)
            try t.waitFor(after: "Ctrl-D", contains: "gzq> ")
            t.type("let cases = read_csv(\"\(csv)\")")
            try t.waitFor(after: "review_cases.csv\")", contains: "gzq> ")
            t.type("cases | where corected > 1")
            try t.waitFor(after: "gzq> cases | where corected > 1", contains: expected)
            try t.waitFor(after: expected, contains: "^^^^^^^^")
            t.type(":nosuch")
            try t.waitFor(after: "gzq> :nosuch", contains: locale.hasPrefix("zh") ? "错误[E0960]" : "error[E0960]")
        }
    }

    func testTypedLinesContinueALetAsInAScript() throws {
        let t = terminal!
        try t.start()
        try t.waitForPrompt()
        for line in Self.pastedScript.split(separator: "\n") { t.type(String(line)) }
        try t.waitFor(after: "gzq> print(\"s is\", k[0].s)", contains: "s is 5\ngzq> ")
        let screen = t.capture()
        XCTAssertFalse(screen.contains("error"), screen)
        // A pasted text without bracketed paste arrives as typed lines: the same result.
        t.paste(Self.pastedScript.replacingOccurrences(of: "\"s is\"", with: "\"again\"") + "\n", bracketed: false)
        try t.waitFor(after: "gzq> print(\"again\", k[0].s)", contains: "again 5\ngzq> ")
    }

    func testBracketedPasteRunsAsOneBlock() throws {
        let t = terminal!
        try t.start()
        try t.waitForPrompt()
        t.paste(Self.pastedScript, bracketed: true)
        // Readline holds the whole paste in one buffer; Enter runs it as one block.
        try t.waitFor(after: "gzq> let t = table(", contains: "print(\"s is\", k[0].s)")
        t.keys("Enter")
        try t.waitFor(after: "print(\"s is\", k[0].s)", contains: "s is 5\ngzq> ")
        let screen = t.capture()
        XCTAssertFalse(screen.contains("error"), screen)
        XCTAssertFalse(screen.contains("| 2020 |"), "a block prints only its last value, as a script does:\n\(screen)")
        // Errors name the entry they are in (REFERENCE §18).
        t.type("1 + nope")
        try t.waitFor(after: "gzq> 1 + nope", contains: "--> <repl:2>:1:5")
    }

    func testHistorySurvivesARestart() throws {
        let t = terminal!
        try t.start()
        try t.waitForPrompt()
        t.type(#""remember " + "me""#)
        try t.waitFor(after: #"gzq> "remember " + "me""#, contains: #""remember me""#)
        t.type(":quit")
        XCTAssertEqual(try t.waitForExit(), 0)

        let history = try String(contentsOfFile: t.home + "/.gzq_history", encoding: .utf8)
        XCTAssertTrue(history.contains(#""remember " + "me""#), history)

        try t.start()
        try t.waitForPrompt()
        t.keys("Up")
        t.keys("Up")
        try t.waitFor(after: "gzq> ", contains: #""remember " + "me""#)
        t.keys("Enter")
        try t.waitFor(after: #"gzq> "remember " + "me""#, contains: #""remember me""# + "\ngzq> ")
    }
}

/// One tmux server (its own socket) running `gzq` in a fixed-size window.
private final class Terminal {
    let tmux: String
    let binary: String
    let home: String
    private let socket: String

    static func findTmux() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"] {
            let candidate = folder + "/tmux"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    init(tmux: String, binary: String) throws {
        self.tmux = tmux
        self.binary = binary
        home = FileManager.default.temporaryDirectory.appendingPathComponent("gzq-e2e-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        socket = home + "/tmux.sock"
    }

    /// The tmux server, run in the foreground (`-D`) as our own child. A daemonized server
    /// would keep the descriptors of the client that forked it, among them the one Foundation
    /// watches to notice that the client exited, so `waitUntilExit` would never return.
    private var server: Process?

    /// Starts gzq (again) in a 160×50 window; the pane stays after gzq exits, so its exit
    /// status can be read.
    func start(locale: String = "C.UTF-8") throws {
        stopServer()
        let server = Process()
        server.executableURL = URL(fileURLWithPath: tmux)
        server.arguments = ["-u", "-S", socket, "-f", "/dev/null", "-D"]
        server.environment = Self.environment
        server.standardInput = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        self.server = server
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: socket) {
            guard Date() < deadline, server.isRunning else { throw Failure("the tmux server did not start (tmux -D needs tmux 3.2 or later)") }
            usleep(20_000)
        }
        // gzq runs under a shell that prints its exit status when it ends (the shell's own
        // SIGINT trap is a no-op, reset to the default for gzq by exec, so Ctrl-C reaches
        // gzq alone). tmux's own `pane_dead` proved unreliable for a server run with -D.
        let command = "trap : INT; HOME='\(home)' INPUTRC=/dev/null LANG=\(locale) '\(binary)'; echo \"[gzq exited with status $?]\""
        let (status, output) = run(["new-session", "-d", "-s", "gzq", "-x", "160", "-y", "50", command,
                                    ";", "set-option", "-t", "gzq", "remain-on-exit", "on"])
        guard status == 0 else { throw Failure("tmux new-session failed (\(status)): \(output)") }
    }

    private func stopServer() {
        guard let server else { return }
        _ = run(["kill-server"])
        let deadline = Date().addingTimeInterval(5)
        while server.isRunning, Date() < deadline { usleep(20_000) }
        if server.isRunning { kill(server.processIdentifier, SIGKILL) }
        server.waitUntilExit()
        self.server = nil
        try? FileManager.default.removeItem(atPath: socket)
    }

    func close() {
        stopServer()
        try? FileManager.default.removeItem(atPath: home)
    }

    /// Types `text` literally, then Enter.
    func type(_ text: String, enter: Bool = true) {
        _ = run(["send-keys", "-t", "gzq", "-l", text])
        if enter { keys("Enter") }
    }

    /// Pastes `text` as a terminal does: with the bracketed-paste markers (when the program
    /// asked for them) or as plain typed characters, a newline being Enter.
    func paste(_ text: String, bracketed: Bool) {
        _ = run(["set-buffer", "-b", "gzqpaste", text])
        _ = run(["paste-buffer", "-d", "-b", "gzqpaste", "-t", "gzq"] + (bracketed ? ["-p"] : []))
    }

    /// Sends tmux key names (`Enter`, `Tab`, `C-c`, `C-d`, `Up`).
    func keys(_ names: String...) {
        _ = run(["send-keys", "-t", "gzq"] + names)
    }

    /// The pane's text with its scroll-back, trailing blanks of each line removed.
    func capture() -> String {
        let (_, output) = run(["capture-pane", "-p", "-t", "gzq", "-S", "-1000"])
        return output.split(separator: "\n", omittingEmptySubsequences: false)
            .map { String($0.reversed().drop { $0 == " " }.reversed()) }
            .joined(separator: "\n")
    }

    func waitForPrompt() throws {
        try waitFor(after: "leave", contains: "gzq> ")
    }

    /// Waits until the text after the last occurrence of `marker` contains `expected`.
    @discardableResult
    func waitFor(after marker: String, contains expected: String, timeout: Double = 15) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = ""
        repeat {
            // A trailing prompt has its blank trimmed by `capture`; put it back.
            screen = capture().replacingOccurrences(of: "gzq>\n", with: "gzq> \n").replacingOccurrences(of: "...>\n", with: "...> \n")
            if screen.hasSuffix("gzq>") || screen.hasSuffix("...>") { screen += " " }
            if let range = screen.range(of: marker, options: .backwards), screen[range.upperBound...].contains(expected) {
                return screen
            }
            usleep(50_000)
        } while Date() < deadline
        throw Failure("timed out waiting for \(expected.debugDescription) after \(marker.debugDescription); the screen:\n\(screen)")
    }

    /// Waits for gzq to exit and returns its status.
    func waitForExit(timeout: Double = 15) throws -> Int {
        let screen = try waitFor(after: "gzq>", contains: "[gzq exited with status ", timeout: timeout)
        guard let range = screen.range(of: "[gzq exited with status ", options: .backwards),
              let status = Int(screen[range.upperBound...].prefix { $0.isNumber }) else {
            throw Failure("no exit status on the screen:\n\(screen)")
        }
        return status
    }

    /// tmux's environment: UTF-8 (wide characters), a usable TERM, not nested in a tmux.
    private static let environment: [String: String] = {
        var environment = ProcessInfo.processInfo.environment
        environment["TMUX"] = nil
        environment["LANG"] = "C.UTF-8"
        environment["LC_ALL"] = nil
        environment["TERM"] = environment["TERM"].flatMap { $0.isEmpty || $0 == "dumb" ? nil : $0 } ?? "xterm"
        return environment
    }()

    /// Runs a tmux client command; its output goes through a file.
    private func run(_ arguments: [String]) -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tmux)
        process.arguments = ["-u", "-S", socket, "-f", "/dev/null"] + arguments
        process.environment = Self.environment
        let outputPath = home + "/tmux.out"
        _ = FileManager.default.createFile(atPath: outputPath, contents: nil)
        guard let output = FileHandle(forWritingAtPath: outputPath) else { return (-1, "cannot write \(outputPath)") }
        defer { try? output.close() }
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return (-1, "\(error)")
        }
        process.waitUntilExit()
        let data = FileManager.default.contents(atPath: outputPath) ?? Data()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}

import Foundation
import GZQ
import Synchronization

// The terminal REPL (REFERENCE §11): a line reader around a `Session`, which holds all the
// REPL's logic. This file adds what only a terminal has: the prompt loop, history, the
// terminal width, and Ctrl-C.

/// Runs the REPL until `:quit` or the end of input; returns the exit status.
/// - interactive: standard input is a terminal (readline, prompts, history, banner).
func runREPL(interpreter: Interpreter, format: OutputFormat, interactive: Bool) -> Int32 {
    let session = Session(interpreter: interpreter,
                          output: { FileHandle.standardOutput.write(Data($0.utf8)) },
                          errorOutput: { text in
                              // The terminal echoed ^C while the entry ran; end that line first.
                              let prefix = interactive && SignalHandling.takeInterrupt() ? "\n" : ""
                              FileHandle.standardError.write(Data((prefix + text).utf8))
                          })
    session.format = format
    SignalHandling.install(interpreter: interpreter)
    let reader: LineReader
    if interactive {
        useUTF8Locale()
        reader = ReadlineLineReader(historyPath: historyPath(), session: session)
        print(interpreter.host.language == .zh ? "gzq 0.1.0 — 输入 :help 查看帮助，Ctrl-D 退出" : "gzq 0.1.0 — :help for help, Ctrl-D to leave")
    } else {
        reader = PlainLineReader()
    }
    var entry: [String] = []
    while true {
        session.maxWidth = isatty(STDOUT_FILENO) != 0 ? terminalWidth() : nil
        switch reader.readLine(prompt: session.currentPrompt) {
        case .end:
            // An unfinished entry at the end of a pipe still runs (and reports what is missing).
            if !interactive, session.isContinuing { session.finish() }
            return 0
        case .interrupted:
            session.cancel()
            entry.removeAll()
        case .line(let line):
            entry.append(line)
            SignalHandling.reset()
            let outcome = session.feed(line)
            if outcome != .needsMore {
                reader.remember(entry.joined(separator: "\n"))
                entry.removeAll()
            }
            if outcome == .quit { return 0 }
        }
    }
}

/// `$HOME/.gzq_history` (the home directory from the password database when HOME is unset).
private func historyPath() -> String {
    let home = ProcessInfo.processInfo.environment["HOME"].flatMap { $0.isEmpty ? nil : $0 }
        ?? getpwuid(getuid()).flatMap { $0.pointee.pw_dir.map { String(cString: $0) } }
        ?? "."
    return home + "/.gzq_history"
}

/// Readline reads multibyte input (贵阳) only under a UTF-8 character type; with LANG
/// unset the locale is "C", so fall back to C.UTF-8 (built into glibc ≥ 2.35).
private func useUTF8Locale() {
    let name = setlocale(LC_CTYPE, "").map { String(cString: $0) } ?? "C"
    if name == "C" || name == "POSIX" { _ = setlocale(LC_CTYPE, "C.UTF-8") }
}

/// Columns of the terminal on standard output, or nil when it is not a terminal.
func terminalWidth() -> Int? {
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
    return Int(size.ws_col)
}

/// Ctrl-C. The handler does only async-signal-safe work: it sets a flag, asks the
/// interpreter to stop (an atomic store, `Interpreter.interrupt()`), and writes a byte to a
/// pipe that wakes the line reader's `poll`. While an entry runs the main thread waits for
/// the interpreter's thread; the interrupted run ends with the error `interrupted` and the
/// main thread returns to the prompt. Nothing here takes a lock, so nothing can deadlock.
enum SignalHandling {
    // These are globals because a C signal handler cannot capture context. `received` is
    // atomic; the other two are written once, before the handler is installed, and only
    // read afterwards (by the handler and the main thread).
    private static let received = Atomic<Bool>(false)
    nonisolated(unsafe) private static var target: Unmanaged<Interpreter>?
    nonisolated(unsafe) private static var pipeFDs: (read: Int32, write: Int32) = (-1, -1)

    /// The end of the wake-up pipe the line reader polls.
    static var wakeFD: Int32 { pipeFDs.read }

    static func install(interpreter: Interpreter) {
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        pipeFDs = (fds[0], fds[1])
        // The interpreter outlives the REPL loop (it is a global of main.swift).
        target = Unmanaged.passUnretained(interpreter)
        _ = received.load(ordering: .relaxed)  // initialize the lazy global before any signal
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            let savedErrno = errno
            SignalHandling.received.store(true, ordering: .relaxed)
            SignalHandling.target?._withUnsafeGuaranteedRef { $0.interrupt() }
            var byte: UInt8 = 1
            _ = write(SignalHandling.pipeFDs.write, &byte, 1)
            errno = savedErrno
        }
        sigemptyset(&action.sa_mask)
        // SA_RESTART spares the interpreter's file reads an EINTR; the line reader's `poll`
        // is never restarted, and the pipe wakes it anyway.
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
    }

    /// Whether Ctrl-C was pressed since the last call or `reset()`; clears the flag.
    static func takeInterrupt() -> Bool {
        received.exchange(false, ordering: .relaxed)
    }

    /// Forgets Ctrl-C presses that were already handled (e.g. by interrupting an entry).
    static func reset() {
        received.store(false, ordering: .relaxed)
        drainWakePipe()
    }

    /// Empties the wake-up pipe (it is non-blocking).
    static func drainWakePipe() {
        var buffer = [UInt8](repeating: 0, count: 64)
        while pipeFDs.read >= 0, read(pipeFDs.read, &buffer, buffer.count) > 0 {}
    }
}

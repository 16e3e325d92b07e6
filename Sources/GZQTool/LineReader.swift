import Foundation
@preconcurrency import CReadline
import GZQ

// How the REPL reads lines: GNU readline when standard input is a terminal, a plain reader
// otherwise (readline would echo the prompt and the input into stdout, docs/BUILDING.md §1.5).
//
// Readline is driven through its callback interface (`rl_callback_read_char`) with our own
// `poll` loop, not through `readline()`, so that Ctrl-C needs nothing but an atomic flag and
// a byte written to a pipe inside the signal handler (both async-signal-safe): the loop
// wakes on the pipe and cancels the line in ordinary code. With `readline()` the handler
// would have to call back into readline, which is only safe because readline defers it.

/// One read: a line, Ctrl-C while typing, or the end of input (Ctrl-D, end of a pipe).
enum LineInput: Equatable {
    case line(String)
    case interrupted
    case end
}

protocol LineReader: AnyObject {
    func readLine(prompt: String) -> LineInput
    /// Records a complete entry (possibly several lines) in the history.
    func remember(_ entry: String)
}

/// Lines from a pipe or file: no prompt, no echo, no history.
final class PlainLineReader: LineReader {
    func readLine(prompt: String) -> LineInput {
        guard let line = Swift.readLine(strippingNewline: true) else { return .end }
        return .line(line)
    }

    func remember(_ entry: String) {}
}

// MARK: - Readline

// Readline reports a finished line through a C function pointer, which cannot capture
// context, so the line lands in this global. Only the main thread touches it, inside
// `ReadlineLineReader.readLine` (which is not re-entrant).
nonisolated(unsafe) private var finishedLine: LineInput?

/// GNU readline: editing, history in `~/.gzq_history`, Tab completion from a `Session`.
final class ReadlineLineReader: LineReader {
    private let historyPath: String
    static let historyLimit: Int32 = 1000

    init(historyPath: String, session: Session) {
        self.historyPath = historyPath
        TabCompletion.install(session: session)
        rl_readline_name = UnsafePointer(strdup("gzq"))
        // We handle SIGINT ourselves (see top of file); readline still tracks resizes.
        rl_catch_signals = 0
        rl_catch_sigwinch = 1
        rl_change_environment = 0
        // A paste arrives as one buffer (newlines included) that Enter runs as one block
        // (REFERENCE §11); readline 8.1+ does this by default, a user's inputrc may still turn it off.
        _ = rl_variable_bind("enable-bracketed-paste", "on")
        using_history()
        stifle_history(Self.historyLimit)
        // A multi-line entry stays one history entry across runs: timestamp lines delimit entries.
        history_comment_char = CChar(UInt8(ascii: "#"))
        history_write_timestamps = 1
        history_multiline_entries = 1
        if access(historyPath, F_OK) != 0 {
            let fd = open(historyPath, O_WRONLY | O_CREAT, 0o600)
            if fd >= 0 { close(fd) }
        } else {
            _ = history_truncate_file(historyPath, Self.historyLimit)
        }
        _ = read_history(historyPath)
    }

    func readLine(prompt: String) -> LineInput {
        SignalHandling.reset()
        finishedLine = nil
        rl_callback_handler_install(prompt) { line in
            if let line {
                finishedLine = .line(String(cString: line))
                free(line)
            } else {
                finishedLine = .end
            }
            rl_callback_handler_remove()
        }
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: SignalHandling.wakeFD, events: Int16(POLLIN), revents: 0)]
        while finishedLine == nil {
            if SignalHandling.takeInterrupt() {
                cancelLine()
                return .interrupted
            }
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                rl_callback_handler_remove()
                return .end
            }
            if fds[1].revents != 0 {
                // Ctrl-C: the top of the loop sees the flag. Drained so that a byte whose flag
                // was already taken cannot keep `poll` returning at once.
                SignalHandling.drainWakePipe()
                continue
            }
            if fds[0].revents & Int16(POLLIN | POLLHUP | POLLERR) != 0 {
                rl_callback_read_char()
            }
        }
        return finishedLine ?? .end
    }

    /// Ctrl-C while typing: show `^C`, drop the line, leave the terminal as readline found it.
    private func cancelLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_echo_signal_char(SIGINT)
        rl_replace_line("", 0)
        rl_cleanup_after_signal()
        rl_callback_handler_remove()
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    func remember(_ entry: String) {
        guard !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        _ = append_history(1, historyPath)
    }
}

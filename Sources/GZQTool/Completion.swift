import Foundation
@preconcurrency import CReadline
import GZQ

/// Readline's Tab key, answered by `Session.completions(before:)` (the logic lives in the
/// library, where it is tested; this is only the C glue).
enum TabCompletion {
    // Readline calls plain C function pointers, which cannot capture context, so the
    // session they ask is kept here. Set once before the first `readline` call; read only
    // on the main thread, from inside `rl_callback_read_char`.
    nonisolated(unsafe) private static var session: Session?

    /// Word boundaries for names: every character that cannot be part of an identifier.
    /// `.` is one, so `cases.re` completes `re` among the columns of `cases`.
    nonisolated(unsafe) private static let nameBreaks = UnsafeMutablePointer(strdup(" \t\n\"'`@$><=;|&{}()[],+-*/^:!?%#."))!
    /// After `:load`, the whole path is the word.
    nonisolated(unsafe) private static let pathBreaks = UnsafeMutablePointer(strdup(" \t\n"))!
    nonisolated(unsafe) private static let quotes = UnsafePointer(strdup("\""))!

    static func install(session: Session) {
        Self.session = session
        rl_attempted_completion_function = { text, start, end in TabCompletion.complete(text, Int(start), Int(end)) }
        rl_completion_word_break_hook = {
            let line = rl_line_buffer.map { String(cString: $0) } ?? ""
            return line.drop(while: { $0 == " " }).hasPrefix(":load") ? TabCompletion.pathBreaks : TabCompletion.nameBreaks
        }
        rl_completer_word_break_characters = UnsafePointer(nameBreaks)
        // Inside "…" the word is everything after the quote, and is completed as a file name.
        rl_completer_quote_characters = quotes
    }

    /// The matches array readline wants: the common prefix first, then every candidate,
    /// then NULL, all malloc'ed (readline frees them). Nil means no match, or "complete a
    /// file name" when `rl_attempted_completion_over` is left at 0.
    private static func complete(_ text: UnsafePointer<CChar>?, _ start: Int, _ end: Int) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1
        guard let session, let text else { return nil }
        if rl_completion_quote_character != 0 {
            rl_attempted_completion_over = 0
            return nil
        }
        let word = String(cString: text)
        let lineBytes = rl_line_buffer.map { Array(UnsafeBufferPointer(start: UnsafeRawPointer($0).assumingMemoryBound(to: UInt8.self), count: strlen($0))) } ?? []
        let before = String(decoding: lineBytes.prefix(max(0, min(end, lineBytes.count))), as: UTF8.self)
        let completion = session.completions(before: before)
        if completion.wantsFileName {
            rl_attempted_completion_over = 0
            return nil
        }
        let candidates = completion.candidates.filter { $0.hasPrefix(word) }
        guard !candidates.isEmpty else { return nil }
        let array = malloc(MemoryLayout<UnsafeMutablePointer<CChar>?>.stride * (candidates.count + 2))!
            .bindMemory(to: UnsafeMutablePointer<CChar>?.self, capacity: candidates.count + 2)
        array[0] = strdup(commonPrefix(candidates))
        if candidates.count == 1 {
            array[1] = nil
            return array
        }
        for (i, candidate) in candidates.enumerated() { array[i + 1] = strdup(candidate) }
        array[candidates.count + 1] = nil
        return array
    }

    private static func commonPrefix(_ words: [String]) -> String {
        guard var prefix = words.first.map(Array.init) else { return "" }
        for word in words.dropFirst() {
            let characters = Array(word)
            var n = 0
            while n < prefix.count, n < characters.count, prefix[n] == characters[n] { n += 1 }
            prefix.removeLast(prefix.count - n)
        }
        return String(prefix)
    }
}

/// Call traces (an error inside a function shows where it was called from) and errors of the
/// standard library written in gzq (reported at the user's call, under the library
/// function's name). Everything here runs only while an error unwinds through a call, so the
/// traces cost a call nothing: the call-site span is the call node's own.
enum CallTrace {
    /// How many call sites a trace shows; deeper ones are counted, not listed.
    static let maxCallers = 10

    /// The error as it leaves a call of `bound` made at `callSite`.
    @inline(never)
    static func unwinding(_ error: Error, from bound: BoundFunction, calledAt callSite: Span, _ ctx: Context) -> Error {
        guard var e = error as? RuntimeError else { return error }
        let callSiteInLibrary = isLibrary(callSite, ctx)
        if isLibrary(bound.span, ctx) {
            // Inside the library the error keeps unwinding; at the user's call it moves there,
            // under the name the user called. (Errors raised in user code a library function
            // called back keep their own place.)
            guard !callSiteInLibrary, isLibrary(e.span, ctx) else { return e }
            e.content.functionName = bound.name
            e.span = callSite
            e.callers = []
            e.moreCallers = 0
            return e
        }
        if !callSiteInLibrary {
            if let last = e.callers.last, last.site == callSite, e.moreCallers == 0 {
                e.callers[e.callers.count - 1].times += 1
            } else if e.callers.count < maxCallers {
                e.callers.append((callSite, 1))
            } else {
                e.moreCallers += 1
            }
        }
        return e
    }

    /// Whether `span` lies in a file of the embedded standard library.
    static func isLibrary(_ span: Span, _ ctx: Context) -> Bool {
        ctx.sources[span.file]?.name.hasPrefix(libraryPrefix) ?? false
    }

    /// File names of the embedded standard library begin so (`Prelude`).
    static let libraryPrefix = "<stdlib>/"

    /// `scale10(): 'x' must be a number` → `'x' must be a number` (the inner function's name
    /// means nothing to the user, who called the outer one).
    static func withoutFunctionPrefix(_ message: String) -> String {
        guard let open = message.firstIndex(of: "("),
              message[open...].hasPrefix("(): "),
              message[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }),
              open > message.startIndex
        else { return message }
        return String(message[message.index(open, offsetBy: 4)...])
    }
}

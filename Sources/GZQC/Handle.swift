import Foundation
import GZQ

// The objects behind the C API's opaque pointers. A `gzq_interp *` is an `Interpreter`
// plus what C needs around it: the last error kept as C strings (the API hands out
// `const char *` into them), the granted folders, and the output callback.

/// `gzq_output_fn`
public typealias OutputCallback = @convention(c) (UnsafePointer<CChar>?, Int, UnsafeMutableRawPointer?) -> Void
/// `gzq_host_fn`
public typealias HostCallback = @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void

final class Handle {
    let host: HostConfiguration
    let interpreter: Interpreter
    private var folders: [String] = []

    /// The last error, and its fields as C strings owned here.
    private(set) var error: Diagnostic?
    private(set) var errorMessage: CString?
    private(set) var errorID: CString?
    private(set) var errorFile: CString?
    private(set) var errorText: CString?

    init() {
        host = HostConfiguration(output: Handle.writeToStdout)
        interpreter = Interpreter(host: host)
    }

    /// The default output: C stdio's stdout, so the text lands in the same buffer as the
    /// host's `printf` and keeps its order.
    private static func writeToStdout(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            _ = fwrite(bytes.baseAddress, 1, bytes.count, stdout)
        }
    }

    func setOutput(_ callback: OutputCallback?, _ userData: UnsafeMutableRawPointer?) {
        guard let callback else {
            host.output = { _ in }
            return
        }
        host.output = Handle.deliver(to: callback, userData)
    }

    /// Warnings (`check … warn`) go to the callback in their rendered caret form.
    func setWarnings(_ callback: OutputCallback?, _ userData: UnsafeMutableRawPointer?) {
        guard let callback else {
            host.diagnostics = nil
            return
        }
        let deliver = Handle.deliver(to: callback, userData)
        host.diagnostics = { deliver(DiagnosticRenderer.render($0)) }
    }

    /// Hands text to a `gzq_output_fn` as NUL-terminated UTF-8.
    private static func deliver(to callback: @escaping OutputCallback, _ userData: UnsafeMutableRawPointer?) -> (String) -> Void {
        { text in
            var text = text
            text.withUTF8 { bytes in
                // withUTF8 gives contiguous bytes; copy to add the promised NUL terminator.
                var copy = [CChar](repeating: 0, count: bytes.count + 1)
                for (i, b) in bytes.enumerated() { copy[i] = CChar(bitPattern: b) }
                copy.withUnsafeBufferPointer { callback($0.baseAddress, bytes.count, userData) }
            }
        }
    }

    func grant(_ folder: String) {
        folders.append(folder)
        host.fileAccess = .folders(folders)
    }

    // MARK: - Errors

    func clearError() {
        error = nil
        errorMessage = nil
        errorID = nil
        errorFile = nil
        errorText = nil
    }

    func fail(_ diagnostics: [Diagnostic]) {
        guard let first = diagnostics.first else { return clearError() }
        error = first
        errorMessage = CString(first.message)
        // The C API keeps the coarse ids it always returned (gzq.h); the catalogue id is in the text.
        errorID = CString(first.category)
        errorFile = CString(first.file)
        errorText = CString(diagnostics.map(DiagnosticRenderer.render).joined(separator: "\n"))
    }

    func fail(id: String, _ message: String, line: Int = 0, column: Int = 0, file: String = "") {
        fail([Diagnostic(kind: .runtime, id: Msg.hostInput.rawValue, category: id, message: message, file: file, line: line, column: column)])
    }

    /// Records any error thrown through the API as the last error.
    func fail(_ error: Error) {
        switch error {
        case let error as GZQError:
            fail(error.diagnostics)
        case let error as TableReadError:
            fail(id: "E-input", error.message, line: error.line, column: error.column, file: error.file)
        case let error as HostError:
            fail(id: "E-usage", error.message)
        default:
            fail(id: "E-internal", String(describing: error))
        }
    }
}

/// A NUL-terminated copy of a Swift string, freed with its owner (nil only when out of memory).
final class CString {
    let pointer: UnsafeMutablePointer<CChar>?

    init(_ string: String) {
        pointer = strdup(string)
    }

    deinit { free(pointer) }
}

/// What a `gzq_call *` points at while a host function runs.
final class CallState {
    let name: String
    let arguments: [CString]
    var resultJSON: String?
    var errorMessage: String?

    init(name: String, arguments: [String]) {
        self.name = name
        self.arguments = arguments.map(CString.init)
    }
}

/// A string the library hands to C through `char **` (freed with `gzq_string_free`).
func mallocString(_ string: String) -> UnsafeMutablePointer<CChar>? {
    strdup(string)
}

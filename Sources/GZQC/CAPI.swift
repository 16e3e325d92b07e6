import Foundation
import GZQ

// The C API (include/gzq.h documents every function; keep the two in step).
//
// Rules for every function here, because a Swift trap or error would kill the host:
// - check every pointer for NULL before use; never force-unwrap;
// - catch every error and turn it into a status plus the handle's last error;
// - convert C integers with clamping or range checks, never with trapping initializers;
// - decode C strings with `String(decoding:as:)`, which repairs invalid UTF-8.
//
// `@c` (SE-0495, Swift 6.3) exports each function under its C name with C types.

private let statusOK: CInt = 0
private let statusError: CInt = 1
private let statusMisuse: CInt = 2

/// The handle behind a `gzq_interp *` (not retained: the pointer owns one reference).
private func handle(_ pointer: OpaquePointer?) -> Handle? {
    guard let pointer else { return nil }
    return Unmanaged<Handle>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
}

/// A C string as Swift text (invalid UTF-8 replaced), or nil for NULL.
private func text(_ pointer: UnsafePointer<CChar>?) -> String? {
    guard let pointer else { return nil }
    return String(decoding: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)), as: UTF8.self)
}

private let version = strdup("0.1.0")

/// `gzq_version` (include/gzq.h): The library version (static storage).
@c(gzq_version)
public func gzqVersion() -> UnsafePointer<CChar>? {
    UnsafePointer(version)
}

/// `gzq_new` (include/gzq.h): A new interpreter handle, retained once; released by `gzq_free`.
@c(gzq_new)
public func gzqNew() -> OpaquePointer? {
    OpaquePointer(Unmanaged.passRetained(Handle()).toOpaque())
}

/// `gzq_free` (include/gzq.h): Drops the handle's reference (the interpreter frees its state on its own thread).
@c(gzq_free)
public func gzqFree(_ gzq: OpaquePointer?) {
    guard let gzq else { return }
    Unmanaged<Handle>.fromOpaque(UnsafeRawPointer(gzq)).release()
}

/// `gzq_set_output` (include/gzq.h): Redirects program output to a C callback (NULL discards it).
@c(gzq_set_output)
public func gzqSetOutput(_ gzq: OpaquePointer?, _ callback: OutputCallback?, _ userData: UnsafeMutableRawPointer?) {
    handle(gzq)?.setOutput(callback, userData)
}

/// `gzq_set_warnings` (include/gzq.h): Sends warnings, rendered, to a C callback (NULL drops them).
@c(gzq_set_warnings)
public func gzqSetWarnings(_ gzq: OpaquePointer?, _ callback: OutputCallback?, _ userData: UnsafeMutableRawPointer?) {
    handle(gzq)?.setWarnings(callback, userData)
}

/// `gzq_grant_folder` (include/gzq.h): Adds a folder to the sandbox's granted folders.
@c(gzq_grant_folder)
public func gzqGrantFolder(_ gzq: OpaquePointer?, _ folder: UnsafePointer<CChar>?) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    guard let folder = text(folder), !folder.isEmpty else {
        h.fail(id: "E-usage", "gzq_grant_folder: the folder is NULL or empty")
        return statusMisuse
    }
    h.clearError()
    h.grant(folder)
    return statusOK
}

/// `gzq_set_limits` (include/gzq.h): Replaces the limits (values <= 0: no limit / default call depth).
@c(gzq_set_limits)
public func gzqSetLimits(_ gzq: OpaquePointer?, _ maxSteps: CLongLong, _ maxMemoryBytes: CLongLong,
                         _ timeoutSeconds: Double, _ maxCallDepth: CInt) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    h.clearError()
    h.host.limits = Limits(
        maxCallDepth: maxCallDepth > 0 ? Int(maxCallDepth) : Limits().maxCallDepth,
        maxSteps: maxSteps > 0 ? Int(maxSteps) : nil,
        maxMemoryBytes: maxMemoryBytes > 0 ? Int(maxMemoryBytes) : nil,
        timeout: timeoutSeconds > 0 && timeoutSeconds.isFinite ? timeoutSeconds : nil
    )
    return statusOK
}

/// `gzq_set_threads` (include/gzq.h): Threads for one table operation (<= 0: every core).
@c(gzq_set_threads)
public func gzqSetThreads(_ gzq: OpaquePointer?, _ threads: CInt) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    h.clearError()
    h.host.threads = threads > 0 ? Int(threads) : ProcessInfo.processInfo.activeProcessorCount
    return statusOK
}

/// `gzq_eval` (include/gzq.h): Runs source; the result as JSON in `*resultJSON` (malloc'd), or an error status.
@c(gzq_eval)
public func gzqEval(_ gzq: OpaquePointer?, _ source: UnsafePointer<CChar>?,
                    _ resultJSON: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    resultJSON?.pointee = nil
    guard let h = handle(gzq) else { return statusMisuse }
    guard let source = text(source) else {
        h.fail(id: "E-usage", "gzq_eval: the source is NULL")
        return statusMisuse
    }
    do {
        let value = try h.interpreter.run(source, name: "<eval>")
        h.clearError()
        if let resultJSON { resultJSON.pointee = strdup(OutputFormat.render(value, as: .json)) }
        return statusOK
    } catch {
        h.fail(error)
        return statusError
    }
}

/// Shared by the two `set_global` functions: checks, converts, binds.
private func setGlobal(_ gzq: OpaquePointer?, _ function: String, _ name: UnsafePointer<CChar>?,
                       _ data: UnsafePointer<CChar>?, convert: (String, String) throws -> Value) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    guard let name = text(name), Identifier.isValid(name) else {
        h.fail(id: "E-usage", "\(function): the name is NULL or not an identifier")
        return statusMisuse
    }
    guard let data = text(data) else {
        h.fail(id: "E-usage", "\(function): the data is NULL")
        return statusMisuse
    }
    do {
        let value = try convert(name, data)
        h.interpreter.setGlobal(name, value)
        h.clearError()
        return statusOK
    } catch {
        h.fail(error)
        return statusError
    }
}

/// `gzq_set_global_json` (include/gzq.h): Binds a global to a value read from JSON (an array of objects is a table).
@c(gzq_set_global_json)
public func gzqSetGlobalJSON(_ gzq: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ json: UnsafePointer<CChar>?) -> CInt {
    setGlobal(gzq, "gzq_set_global_json", name, json) { name, json in
        try JSONValues.parse(json, name: name)
    }
}

/// `gzq_set_global_csv` (include/gzq.h): Binds a global to a table read from CSV text, as read_csv reads a file.
@c(gzq_set_global_csv)
public func gzqSetGlobalCSV(_ gzq: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ csv: UnsafePointer<CChar>?) -> CInt {
    setGlobalCSV(gzq, "gzq_set_global_csv", name, csv, csv.map { strlen($0) } ?? 0, nil)
}

/// `gzq_set_global_csv_bytes` (include/gzq.h): As gzq_set_global_csv, for `length` bytes in `encoding`.
@c(gzq_set_global_csv_bytes)
public func gzqSetGlobalCSVBytes(_ gzq: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ data: UnsafePointer<CChar>?,
                                 _ length: Int, _ encoding: UnsafePointer<CChar>?) -> CInt {
    setGlobalCSV(gzq, "gzq_set_global_csv_bytes", name, data, length, encoding)
}

/// The CSV bytes themselves (not repaired as `text` repairs them), so invalid input is
/// reported exactly as read_csv reports it.
private func setGlobalCSV(_ gzq: OpaquePointer?, _ function: String, _ name: UnsafePointer<CChar>?,
                          _ data: UnsafePointer<CChar>?, _ length: Int, _ encoding: UnsafePointer<CChar>?) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    guard let name = text(name), Identifier.isValid(name) else {
        h.fail(id: "E-usage", "\(function): the name is NULL or not an identifier")
        return statusMisuse
    }
    guard let data, length >= 0 else {
        h.fail(id: "E-usage", "\(function): the data is NULL")
        return statusMisuse
    }
    var options = CSVOptions()
    let encodingName = text(encoding) ?? "auto"
    guard options.setEncoding(encodingName) else {
        h.fail(id: "E-usage", "\(function): the encoding must be \"auto\", \"utf-8\", \"gb18030\" (or \"gbk\", \"gb2312\") or \"utf-16\", not \"\(encodingName)\"")
        return statusMisuse
    }
    let bytes = UnsafeRawPointer(data).bindMemory(to: UInt8.self, capacity: length)
    do {
        let table = try CSVReader.read(buffer: UnsafeBufferPointer(start: bytes, count: length), name: name, options: options)
        h.interpreter.setGlobal(name, .table(table))
        h.clearError()
        return statusOK
    } catch {
        h.fail(error)
        return statusError
    }
}

/// `gzq_register` (include/gzq.h): Registers a C callback as a gzq function of fixed arity.
@c(gzq_register)
public func gzqRegister(_ gzq: OpaquePointer?, _ name: UnsafePointer<CChar>?, _ arity: CInt,
                        _ callback: HostCallback?, _ userData: UnsafeMutableRawPointer?) -> CInt {
    guard let h = handle(gzq) else { return statusMisuse }
    guard let name = text(name), Identifier.isValid(name) else {
        h.fail(id: "E-usage", "gzq_register: the name is NULL or not an identifier")
        return statusMisuse
    }
    guard let callback else {
        h.fail(id: "E-usage", "gzq_register: the callback for '\(name)' is NULL")
        return statusMisuse
    }
    guard (0...64).contains(arity) else {
        h.fail(id: "E-usage", "gzq_register: arity \(arity) for '\(name)' is not between 0 and 64")
        return statusMisuse
    }
    let parameters = (0..<Int(arity)).map { "arg\($0 + 1)" }
    do {
        try h.interpreter.register(name: name, parameters: parameters) { arguments in
            let call = CallState(name: name, arguments: arguments.map { OutputFormat.render($0, as: .json) })
            withExtendedLifetime(call) {
                callback(OpaquePointer(Unmanaged.passUnretained(call).toOpaque()), userData)
            }
            if let message = call.errorMessage { throw HostError(message) }
            guard let json = call.resultJSON else { return .null }
            do {
                return try JSONValues.parse(json, name: "result")
            } catch let error as TableReadError {
                throw HostError("returned invalid JSON: \(error.message) (column \(error.column))")
            }
        }
    } catch {
        h.fail(error)
        return statusMisuse
    }
    h.clearError()
    return statusOK
}

/// The call state behind a `gzq_call *` (valid only during the callback).
private func call(_ pointer: OpaquePointer?) -> CallState? {
    guard let pointer else { return nil }
    return Unmanaged<CallState>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
}

/// `gzq_call_argc` (include/gzq.h): The argument count of a host-function call.
@c(gzq_call_argc)
public func gzqCallArgc(_ pointer: OpaquePointer?) -> CInt {
    guard let state = call(pointer) else { return 0 }
    return CInt(clamping: state.arguments.count)
}

/// `gzq_call_arg` (include/gzq.h): One argument as JSON, owned by the call.
@c(gzq_call_arg)
public func gzqCallArg(_ pointer: OpaquePointer?, _ index: CInt) -> UnsafePointer<CChar>? {
    guard let state = call(pointer), index >= 0, Int(index) < state.arguments.count else { return nil }
    return UnsafePointer(state.arguments[Int(index)].pointer)
}

/// `gzq_call_return` (include/gzq.h): Sets the call's result from JSON (copied; parsed after the callback returns).
@c(gzq_call_return)
public func gzqCallReturn(_ pointer: OpaquePointer?, _ json: UnsafePointer<CChar>?) {
    guard let state = call(pointer) else { return }
    state.resultJSON = text(json) ?? "null"
}

/// `gzq_call_error` (include/gzq.h): Fails the call with a message (becomes `name(): message` at the call).
@c(gzq_call_error)
public func gzqCallError(_ pointer: OpaquePointer?, _ message: UnsafePointer<CChar>?) {
    guard let state = call(pointer) else { return }
    state.errorMessage = text(message) ?? "failed"
}

/// `gzq_last_error` (include/gzq.h): The last error's message, line and column (owned by the handle).
@c(gzq_last_error)
public func gzqLastError(_ gzq: OpaquePointer?, _ line: UnsafeMutablePointer<CInt>?,
                         _ column: UnsafeMutablePointer<CInt>?) -> UnsafePointer<CChar>? {
    let error = handle(gzq)?.error
    line?.pointee = CInt(clamping: error?.line ?? 0)
    column?.pointee = CInt(clamping: error?.column ?? 0)
    return UnsafePointer(handle(gzq)?.errorMessage?.pointer)
}

/// `gzq_last_error_id` (include/gzq.h): The last error's stable id.
@c(gzq_last_error_id)
public func gzqLastErrorID(_ gzq: OpaquePointer?) -> UnsafePointer<CChar>? {
    UnsafePointer(handle(gzq)?.errorID?.pointer)
}

/// `gzq_last_error_file` (include/gzq.h): The last error's file name.
@c(gzq_last_error_file)
public func gzqLastErrorFile(_ gzq: OpaquePointer?) -> UnsafePointer<CChar>? {
    UnsafePointer(handle(gzq)?.errorFile?.pointer)
}

/// `gzq_last_error_text` (include/gzq.h): The last error in the caret form.
@c(gzq_last_error_text)
public func gzqLastErrorText(_ gzq: OpaquePointer?) -> UnsafePointer<CChar>? {
    UnsafePointer(handle(gzq)?.errorText?.pointer)
}

/// `gzq_interrupt` (include/gzq.h): Asks a running evaluation to stop (any thread; lock-free).
@c(gzq_interrupt)
public func gzqInterrupt(_ gzq: OpaquePointer?) {
    handle(gzq)?.interpreter.interrupt()
}

/// `gzq_string_free` (include/gzq.h): Frees a string returned through `char **`.
@c(gzq_string_free)
public func gzqStringFree(_ s: UnsafeMutablePointer<CChar>?) {
    free(s)
}

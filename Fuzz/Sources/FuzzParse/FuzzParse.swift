// Lexer and parser on arbitrary bytes (not necessarily UTF-8): no crash, no hang, and every
// syntax error inside the source (checked by `FuzzingEntryPoints.parse`).
import GZQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzParse(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzingEntryPoints.parse(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

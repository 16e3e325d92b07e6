// `read_csv`'s parser on arbitrary bytes: a table or a clean error, never a crash; a table
// also renders, and its CSV form reads back with the same shape (`FuzzingEntryPoints.readCSV`).
import GZQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCSV(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzingEntryPoints.readCSV(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

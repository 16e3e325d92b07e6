// The .xlsx reader on arbitrary bytes, as a whole workbook (bytes starting with PK) or as the
// XML of one worksheet: a table or a clean error, never a crash; a sheet's table also
// round-trips through write_xlsx (`FuzzingEntryPoints.readXLSX`).
import GZQ

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXLSX(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzingEntryPoints.readXLSX(Array(UnsafeBufferPointer(start: data, count: size)))
    return 0
}

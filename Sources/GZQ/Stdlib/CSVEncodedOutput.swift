import Foundation

/// `write_csv`'s `bom` and `encoding` options around the CSV writer's UTF-8 bytes.
enum CSVEncodedOutput {
    static let writeEncodings = "\"utf-8\", \"gb18030\", \"gbk\" or \"gb2312\""

    static func bytes(_ t: Table, separator: Unicode.Scalar, _ call: NativeCall) throws -> [UInt8] {
        guard case .bool(let bom) = call[3] else {
            throw call.error(.writeCsvBomNotBool, ValueFormatter.literal(call[3]))
        }
        let name = try call.string(4)
        guard let encoding = TextEncoding.named(name), encoding != .auto, encoding != .utf16 else {
            throw call.error(.writeCsvEncodingInvalid, writeEncodings, ValueFormatter.quoted(name))
        }
        if bom && encoding != .utf8 {
            throw call.error(.writeCsvBomNotUTF8, encoding.displayName)
        }
        if let empty = t.schema.names.firstIndex(of: "") {
            throw call.error(.writeCsvEmptyColumnName, empty + 1)
        }
        let utf8 = CSVWriter.bytes(t, separator: separator)
        if bom { return [0xEF, 0xBB, 0xBF] + utf8 }
        do {
            return try TextDecoding.encode(utf8, as: encoding)
        } catch let failure as TextDecoding.EncodingFailure {
            throw call.error(.writeCsvFailed, failure.message)
        }
    }
}

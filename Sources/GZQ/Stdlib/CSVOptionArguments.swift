import Foundation

/// `read_csv`'s and `write_csv`'s option arguments, checked: a bad value is an error naming
/// the option and what it accepts.
extension CSVOptions {
    static let readEncodings = "\"auto\", \"utf-8\", \"gb18030\" (or \"gbk\", \"gb2312\") or \"utf-16\""

    /// From `read_csv(path, sep, encoding, skip, nulls, trim, numbers)`.
    init(_ call: NativeCall) throws {
        self.init()
        let name = call.function.name
        separator = try Self.separator(call, 1)
        let encodingName = try call.string(2)
        guard setEncoding(encodingName) else {
            throw call.error(.readEncoding, name, Self.readEncodings, ValueFormatter.quoted(encodingName))
        }
        guard case .int(let skip) = call[3], skip >= 0 else {
            throw call.error(.skipNotANonNegativeInt, name, ValueFormatter.literal(call[3]))
        }
        self.skip = skip
        guard case .list(let list) = call[4] else {
            throw call.error(.nullsNotAList, name, call[4].typeName)
        }
        for item in list.items {
            guard case .string(let s) = item else {
                throw call.error(.nullsItemNotString, name, ValueFormatter.literal(item))
            }
            if !s.value.isEmpty { nulls.append(Array(s.value.utf8)) }
        }
        guard case .bool(let trim) = call[5] else {
            throw call.error(.trimNotBool, name, ValueFormatter.literal(call[5]))
        }
        self.trim = trim
        let numbers = try call.string(6)
        switch numbers {
        case "plain": reportNumbers = false
        case "report": reportNumbers = true
        default:
            throw call.error(.numbersOptionInvalid, name, ValueFormatter.quoted(numbers))
        }
    }

    static func separator(_ call: NativeCall, _ i: Int) throws -> UInt8 {
        let sep = try call.string(i)
        guard sep.utf8.count == 1, let separator = sep.utf8.first, separator != UInt8(ascii: "\""),
              separator != UInt8(ascii: "\n"), separator != UInt8(ascii: "\r") else {
            throw call.error(.sepOptionInvalid, call.function.name, ValueFormatter.quoted(sep))
        }
        return separator
    }
}

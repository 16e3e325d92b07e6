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
            throw call.error("\(name)(): 'encoding' must be \(Self.readEncodings), not \(ValueFormatter.quoted(encodingName))")
        }
        guard case .int(let skip) = call[3], skip >= 0 else {
            throw call.error("\(name)(): 'skip' must be an int >= 0 (the lines above the header), not \(ValueFormatter.literal(call[3]))")
        }
        self.skip = skip
        guard case .list(let list) = call[4] else {
            throw call.error("\(name)(): 'nulls' must be a list of strings such as [\"\", \"—\"], not \(call[4].typeName)")
        }
        for item in list.items {
            guard case .string(let s) = item else {
                throw call.error("\(name)(): 'nulls' must be a list of strings such as [\"\", \"—\"], and \(ValueFormatter.literal(item)) is not one")
            }
            if !s.value.isEmpty { nulls.append(Array(s.value.utf8)) }
        }
        guard case .bool(let trim) = call[5] else {
            throw call.error("\(name)(): 'trim' must be true or false, not \(ValueFormatter.literal(call[5]))")
        }
        self.trim = trim
        let numbers = try call.string(6)
        switch numbers {
        case "plain": reportNumbers = false
        case "report": reportNumbers = true
        default:
            throw call.error("\(name)(): 'numbers' must be \"plain\" or \"report\", not \(ValueFormatter.quoted(numbers))")
        }
    }

    static func separator(_ call: NativeCall, _ i: Int) throws -> UInt8 {
        let sep = try call.string(i)
        guard sep.utf8.count == 1, let separator = sep.utf8.first, separator != UInt8(ascii: "\""),
              separator != UInt8(ascii: "\n"), separator != UInt8(ascii: "\r") else {
            throw call.error("\(call.function.name)(): 'sep' must be one ASCII character other than a quote or a line break, not \(ValueFormatter.quoted(sep))")
        }
        return separator
    }
}

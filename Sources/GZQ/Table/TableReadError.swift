/// A malformed data file: the file's name, a 1-based line and column (in characters), and
/// what is wrong. `description` is `file:line:column: message`.
public struct TableReadError: Error, CustomStringConvertible, Equatable {
    public let file: String
    /// The catalogue entry and its arguments (`content.id` is the stable id).
    public let content: Message
    /// The English text.
    public var message: String { content.text(.en) }
    public let line: Int
    public let column: Int

    public init(file: String, message: Message, line: Int, column: Int) {
        self.file = file
        self.content = message
        self.line = line
        self.column = column
    }

    public var description: String { located.text(.en) }

    /// `file:line:column: message` as a message (translated with its text).
    var located: Message { Message(.inFileAt, file, line, column, content) }

    /// The error at byte `offset` of `bytes`.
    static func at(_ offset: Int, in bytes: UnsafeBufferPointer<UInt8>, file: String, _ message: Message) -> TableReadError {
        let (line, column) = lineColumn(of: offset, in: bytes)
        return TableReadError(file: file, message: message, line: line, column: column)
    }

    /// 1-based line and column (counting Unicode scalars; a leading BOM is not counted).
    static func lineColumn(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int) {
        let limit = min(max(offset, 0), bytes.count)
        var line = 1
        var lineStart = UTF8Text.hasBOM(bytes) ? min(3, limit) : 0
        for i in 0..<limit where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        var column = 1
        for i in lineStart..<limit where bytes[i] & 0xC0 != 0x80 { column += 1 }
        return (line, column)
    }
}

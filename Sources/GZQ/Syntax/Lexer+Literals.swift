/// The lexer's literals: names (any script, or in backquotes), numbers with 万/亿/% and
/// decimal forms, `@` dates, and strings with escapes and `{…}` interpolation.
extension Lexer {
    // MARK: - Names

    func isASCIILetter(_ b: UInt8) -> Bool {
        (b >= UInt8(ascii: "a") && b <= UInt8(ascii: "z")) || (b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z"))
    }

    /// Decodes one scalar; nil for invalid UTF-8.
    func decodeScalar(at j: Int) -> (Unicode.Scalar?, Int) {
        UTF8Text.decodeScalar(bytes, at: j, end: end)
    }

    /// Returns false (consuming nothing) when the character cannot start a name.
    mutating func lexIdentifier() -> Bool {
        let start = i
        let (first, firstLength) = decodeScalar(at: i)
        guard let first, Identifier.isStart(first) else { return false }
        i += firstLength
        while i < end {
            let (s, length) = decodeScalar(at: i)
            guard let s, Identifier.isContinue(s) else { break }
            i += length
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if let keyword = Token.keywords[text] {
            add(keyword, from: start)
        } else {
            add(.identifier, from: start, value: .name(text))
        }
        return true
    }

    mutating func lexQuotedName() {
        let start = i
        i += 1
        while i < end, bytes[i] != UInt8(ascii: "`"), bytes[i] != UInt8(ascii: "\n") { i += 1 }
        guard i < end, bytes[i] == UInt8(ascii: "`") else {
            fail(.unterminatedQuotedName, from: start)
            return
        }
        let text = String(decoding: bytes[(start + 1)..<i], as: UTF8.self)
        i += 1
        if text.isEmpty {
            fail(.emptyQuotedName, from: start)
            return
        }
        add(.identifier, from: start, value: .name(text))
    }

    // MARK: - Numbers

    private static let wan: [UInt8] = Array("万".utf8)
    private static let yi: [UInt8] = Array("亿".utf8)

    func matches(_ word: [UInt8], at j: Int) -> Bool {
        guard j + word.count <= end else { return false }
        for k in 0..<word.count where bytes[j + k] != word[k] { return false }
        return true
    }

    mutating func digits() -> String {
        var s = ""
        while i < end {
            let b = bytes[i]
            if b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") {
                s.append(Character(Unicode.Scalar(b)))
                i += 1
            } else if b == UInt8(ascii: "_"), i + 1 < end, bytes[i + 1] >= UInt8(ascii: "0"), bytes[i + 1] <= UInt8(ascii: "9") {
                i += 1
            } else {
                break
            }
        }
        return s
    }

    mutating func lexNumber() {
        let start = i
        let whole = digits()
        var fraction = ""
        var exponent = 0
        var isFloat = false
        var hasExponent = false
        if peek() == UInt8(ascii: "."), peek(1) >= UInt8(ascii: "0"), peek(1) <= UInt8(ascii: "9") {
            i += 1
            fraction = digits()
            isFloat = true
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            var j = 1
            if peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-") { j = 2 }
            if peek(j) >= UInt8(ascii: "0"), peek(j) <= UInt8(ascii: "9") {
                let negative = peek(1) == UInt8(ascii: "-")
                i += j
                let e = digits()
                // Far beyond any double's range either way; clamping keeps the sum below from overflowing.
                exponent = min(Int(e) ?? 999_999, 999_999) * (negative ? -1 : 1)
                isFloat = true
                hasExponent = true
            }
        }
        // Suffixes scale exactly in decimal by moving the decimal point.
        var shift = 0
        var percent = false
        if peek() == UInt8(ascii: "%") {
            i += 1; shift = -2; percent = true
        } else if matches(Self.wan, at: i) {
            i += Self.wan.count; shift = 4
        } else if matches(Self.yi, at: i) {
            i += Self.yi.count; shift = 8
        }
        if shift == 0 && !isFloat {
            guard let value = Int(whole) else {
                if whole.drop(while: { $0 == "0" }) == "9223372036854775808" {
                    add(.int, from: start, value: .intMinMagnitude)
                    return
                }
                error(.integerLiteralTooLarge, from: start)
                add(.int, from: start, value: .int(0))
                return
            }
            add(.int, from: start, value: .int(value))
            return
        }
        switch DecimalNumber.scaled(whole: whole, fraction: fraction, exponent: exponent, shift: shift, percent: percent, hasExponent: hasExponent) {
        case .int(let value):
            add(.int, from: start, value: .int(value))
        case .tooLarge:
            error(.integerLiteralTooLarge, from: start)
            add(.int, from: start, value: .int(0))
        case .float(let value):
            add(.float, from: start, value: .float(value))
        }
    }

    // MARK: - Dates

    mutating func lexDate() {
        let start = i
        i += 1
        var parts: [Int] = []
        for index in 0..<3 {
            let count = index == 0 ? 4 : 2
            var value = 0
            for _ in 0..<count {
                let b = peek()
                guard b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") else {
                    fail(.dateLiteralForm, from: start)
                    return
                }
                value = value * 10 + Int(b - UInt8(ascii: "0"))
                i += 1
            }
            parts.append(value)
            if index < 2 {
                guard peek() == UInt8(ascii: "-") else {
                    fail(.dateLiteralForm, from: start)
                    return
                }
                i += 1
            }
        }
        guard let days = CivilDate.days(year: parts[0], month: parts[1], day: parts[2]) else {
            fail(.invalidDateLiteral, String(decoding: bytes[(start + 1)..<i], as: UTF8.self), from: start)
            return
        }
        add(.date, from: start, value: .date(days))
    }

    // MARK: - Strings

    mutating func lexString() {
        let start = i
        i += 1
        var pieces: [Token.StringPiece] = []
        var text = ""
        var segmentStart = i
        func flushBytes(_ lexer: Lexer, into text: inout String, from s: Int, to e: Int) {
            if s < e { text += String(decoding: lexer.bytes[s..<e], as: UTF8.self) }
        }
        while true {
            guard i < end, bytes[i] != UInt8(ascii: "\n") else {
                fail(.unterminatedString, from: start)
                // The string swallowed the rest of the line, closers included: end the line's
                // brackets here so the next line is read as a statement of its own.
                while let open = brackets.last, open != UInt8(ascii: "{") { brackets.removeLast() }
                return
            }
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                flushBytes(self, into: &text, from: segmentStart, to: i)
                i += 1
                break
            }
            guard b == UInt8(ascii: "\\") else { i += 1; continue }
            flushBytes(self, into: &text, from: segmentStart, to: i)
            let escapeStart = i
            i += 1
            // A backslash that ends the input: the string is unterminated (the loop says so);
            // stepping past the end would give that error a span beyond the source.
            guard i < end else { continue }
            let e = peek()
            i += 1
            switch e {
            case UInt8(ascii: "n"): text += "\n"
            case UInt8(ascii: "t"): text += "\t"
            case UInt8(ascii: "r"): text += "\r"
            case UInt8(ascii: "\\"): text += "\\"
            case UInt8(ascii: "\""): text += "\""
            case UInt8(ascii: "u"):
                if let scalar = lexUnicodeEscape(from: escapeStart) { text.unicodeScalars.append(scalar) }
            case UInt8(ascii: "("):
                if !text.isEmpty { pieces.append(.text(text)); text = "" }
                let exprStart = i
                var deepest = 1
                guard skipInterpolation(level: 1, deepest: &deepest), deepest <= Lexer.maxInterpolationNesting else {
                    if deepest > Lexer.maxInterpolationNesting {
                        error(.interpolationNestedTooDeeply, Lexer.maxInterpolationNesting, from: escapeStart)
                        // The rest of the line belongs to the string: skip it, as for an unterminated one.
                        while i < end, bytes[i] != UInt8(ascii: "\n") { i += 1 }
                        while let open = brackets.last, open != UInt8(ascii: "{") { brackets.removeLast() }
                    } else {
                        error(.unterminatedInterpolation, from: escapeStart)
                    }
                    add(.error, from: start)
                    return
                }
                pieces.append(.interpolation(start: Int32(exprStart), end: Int32(i - 1)))
            default:
                error(.unknownEscapeSequence, from: escapeStart)
            }
            segmentStart = i
        }
        if !text.isEmpty || pieces.isEmpty { pieces.append(.text(text)) }
        add(.string, from: start, value: .pieces(pieces))
    }

    mutating func lexUnicodeEscape(from escapeStart: Int) -> Unicode.Scalar? {
        guard peek() == UInt8(ascii: "{") else {
            error(.unicodeEscapeForm, from: escapeStart)
            return nil
        }
        i += 1
        var hex = ""
        while i < end, bytes[i] != UInt8(ascii: "}"), bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\n"), hex.count < 9 {
            hex.append(Character(Unicode.Scalar(bytes[i])))
            i += 1
        }
        guard peek() == UInt8(ascii: "}") else {
            error(.unicodeEscapeForm, from: escapeStart)
            return nil
        }
        i += 1
        guard hex.count <= 8, let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
            error(.invalidUnicodeScalar, hex, from: escapeStart)
            return nil
        }
        return scalar
    }

    /// Interpolations nested in strings inside interpolations, at most. Each level is lexed
    /// again by its own parser, so deeper nesting would make lexing quadratic (and recurse).
    static let maxInterpolationNesting = 32

    /// Skips to just past the `)` closing an interpolation, over nested parentheses and strings.
    /// `deepest` receives the deepest interpolation level met; past the limit the scan stops (false).
    mutating func skipInterpolation(level: Int, deepest: inout Int) -> Bool {
        deepest = max(deepest, level)
        if level > Lexer.maxInterpolationNesting { return false }
        var depth = 1
        while i < end, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "(") { depth += 1 }
            else if b == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return true } }
            else if b == UInt8(ascii: "\"") { if !skipNestedString(level: level, deepest: &deepest) { return false } }
        }
        return false
    }

    mutating func skipNestedString(level: Int, deepest: inout Int) -> Bool {
        while i < end, bytes[i] != UInt8(ascii: "\n") {
            let b = bytes[i]
            i += 1
            if b == UInt8(ascii: "\"") { return true }
            if b == UInt8(ascii: "\\") {
                if peek() == UInt8(ascii: "(") {
                    i += 1
                    if !skipInterpolation(level: level + 1, deepest: &deepest) { return false }
                } else if i < end {
                    i += 1
                }
            }
        }
        return false
    }
}

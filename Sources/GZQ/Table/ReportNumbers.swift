import Foundation

/// Numbers in CSV cells: the plain rules every column uses, and the report-table forms of
/// `numbers: "report"` and `parse_num` (`1,069`, `1，069`, `18.81%`, `5.5亿`, `+12`, `１２３`).
///
/// Plain: `[+-]?digits`, an int when it fits in 64 bits, and decimal floats (`NumberText`).
/// A number written with leading zeros (`007`, `08123`) and an integer beyond the int range
/// are not numbers at all, so identifiers keep their digits: such a cell makes its column a
/// string column.
enum CellNumber {
    /// `0` followed by another digit at the start of the digits (after a sign).
    @inline(__always)
    static func hasLeadingZero(_ p: UnsafePointer<UInt8>, _ n: Int) -> Bool {
        var i = 0
        if n > 0, p[0] == UInt8(ascii: "-") || p[0] == UInt8(ascii: "+") { i = 1 }
        return i + 1 < n && p[i] == UInt8(ascii: "0") && p[i + 1] &- 48 <= 9
    }

    @inline(__always)
    static func plainInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        guard case .value(let v) = NumberText.parseInt(p, n), !hasLeadingZero(p, n) else { return nil }
        return v
    }

    @inline(__always)
    static func plainFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        guard let d = NumberText.parseFloat(p, n), !hasLeadingZero(p, n) else { return nil }
        // Nineteen characters or more may be an integer too large for an int: a string.
        if n >= 19, case .overflow = NumberText.parseInt(p, n) { return nil }
        return d
    }

    @inline(__always)
    static func reportInt(_ p: UnsafePointer<UInt8>, _ n: Int) -> Int? {
        if let v = plainInt(p, n) { return v }
        if case .success(.int(let v)) = ReportNumber.scan(p, n) { return v }
        return nil
    }

    @inline(__always)
    static func reportFloat(_ p: UnsafePointer<UInt8>, _ n: Int) -> Double? {
        if let d = plainFloat(p, n) { return d }
        switch ReportNumber.scan(p, n) {
        case .success(.int(let v)): return Double(v)
        case .success(.float(let d)): return d
        case .failure: return nil
        }
    }
}

/// The report-table number forms, one scanner for `read_csv(numbers: "report")` and `parse_num`.
///
///     [sign] digits [ (,|，) ddd ]… [ (.|．) digits ] [ e[sign]digits ] [ % | ％ | 万 | 亿 ]
///
/// Digits, signs, separators, the point and the percent sign may be full-width. Separators
/// group exactly three digits after a first group of one to three. The value is scaled in
/// decimal as a number literal is (`DecimalNumber`): `18.81%` is 0.1881, `5.5亿` the int
/// 550000000, a percent is always a float.
enum ReportNumber {
    enum Parsed: Equatable { case int(Int), float(Double) }

    enum Failure: Error, Equatable {
        case notANumber, grouping, leadingZeros, tooLarge

        var reason: Message {
            switch self {
            case .notANumber: return Message(.reportNotANumber)
            case .grouping: return Message(.reportGrouping)
            case .leadingZeros: return Message(.reportLeadingZeros)
            case .tooLarge: return Message(.reportTooLarge)
            }
        }
    }

    private static let wan: (UInt8, UInt8, UInt8) = (0xE4, 0xB8, 0x87)   // 万 U+4E07
    private static let yi: (UInt8, UInt8, UInt8) = (0xE4, 0xBA, 0xBF)    // 亿 U+4EBF

    /// The character at `i` as ASCII (full-width forms U+FF01…U+FF3F folded) and its byte length.
    @inline(__always)
    private static func char(_ p: UnsafePointer<UInt8>, _ n: Int, _ i: Int) -> (UInt8, Int) {
        let b = p[i]
        if b < 0x80 { return (b, 1) }
        if b == 0xEF, i + 2 < n, p[i + 1] == 0xBC, p[i + 2] >= 0x81, p[i + 2] <= 0xBF { return (0x20 + (p[i + 2] - 0x80), 3) }
        if i + 2 < n, b == wan.0, p[i + 1] == wan.1, p[i + 2] == wan.2 { return (UInt8(ascii: "W"), 3) }
        if i + 2 < n, b == yi.0, p[i + 1] == yi.1, p[i + 2] == yi.2 { return (UInt8(ascii: "Y"), 3) }
        return (0, 1)
    }

    static func scan(_ p: UnsafePointer<UInt8>, _ n: Int) -> Result<Parsed, Failure> {
        guard n > 0 else { return .failure(.notANumber) }
        var i = 0
        var (c, w) = char(p, n, 0)
        var negative = false
        if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
            negative = c == UInt8(ascii: "-")
            i += w
        }
        func peek() -> UInt8 {
            guard i < n else { return 0 }
            (c, w) = char(p, n, i)
            return c
        }
        func isDigit(_ c: UInt8) -> Bool { c &- 48 <= 9 }

        var whole = ""
        var groups: [Int] = [0]
        while true {
            let c = peek()
            if isDigit(c) {
                whole.unicodeScalars.append(Unicode.Scalar(c))
                groups[groups.count - 1] += 1
            } else if c == UInt8(ascii: ",") {
                groups.append(0)
            } else {
                break
            }
            i += w
        }
        if groups.count > 1 {
            guard !whole.isEmpty else { return .failure(.notANumber) }
            guard (1...3).contains(groups[0]), groups.dropFirst().allSatisfy({ $0 == 3 }) else { return .failure(.grouping) }
        }
        var fraction = ""
        var hasPoint = false
        if peek() == UInt8(ascii: ".") {
            hasPoint = true
            i += w
            while isDigit(peek()) {
                fraction.unicodeScalars.append(Unicode.Scalar(c))
                i += w
            }
        }
        guard !whole.isEmpty || !fraction.isEmpty else { return .failure(.notANumber) }
        var exponent = 0
        var hasExponent = false
        if peek() | 0x20 == UInt8(ascii: "e"), w == 1 {
            i += 1
            var expNegative = false
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") {
                expNegative = c == UInt8(ascii: "-")
                i += w
            }
            var digits = 0
            while isDigit(peek()) {
                exponent = min(exponent * 10 + Int(c - 48), 999_999)
                digits += 1
                i += w
            }
            guard digits > 0 else { return .failure(.notANumber) }
            if expNegative { exponent = -exponent }
            hasExponent = true
        }
        var shift = 0
        var percent = false
        switch peek() {
        case UInt8(ascii: "%"): shift = -2; percent = true; i += w
        case UInt8(ascii: "W") where w == 3: shift = 4; i += w
        case UInt8(ascii: "Y") where w == 3: shift = 8; i += w
        default: break
        }
        guard i == n else { return .failure(.notANumber) }
        if whole.count > 1, whole.hasPrefix("0") { return .failure(.leadingZeros) }
        if shift == 0, !hasPoint, !hasExponent {
            guard let v = Int((negative ? "-" : "") + whole) else { return .failure(.tooLarge) }
            return .success(.int(v))
        }
        switch DecimalNumber.scaled(whole: whole, fraction: fraction, exponent: exponent, shift: shift, percent: percent, hasExponent: hasExponent) {
        case .int(let v): return .success(.int(negative ? -v : v))
        case .float(let d): return .success(.float(negative ? -d : d))
        case .tooLarge: return .failure(.tooLarge)
        }
    }

    /// `parse_num`'s reading of a string: spaces and U+3000 around it are ignored.
    static func parse(_ text: String) -> Result<Parsed, Failure> {
        var bytes = Array(text.utf8)
        CSVTrim.trim(&bytes)
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress, !b.isEmpty else { return .failure(.notANumber) }
            if let v = CellNumber.plainInt(base, b.count) { return .success(.int(v)) }
            // Not the words nan and inf, which the CSV writer uses for non-finite floats.
            if let d = CellNumber.plainFloat(base, b.count), d.isFinite { return .success(.float(d)) }
            return scan(base, b.count)
        }
    }
}

import Foundation

/// Decimal digits with a fraction, an exponent and a scaling suffix (`%` → ×10⁻², `万` → ×10⁴,
/// `亿` → ×10⁸) as a gzq number, scaled exactly in decimal by moving the decimal point, so
/// `18.81%` is the double nearest 0.1881. One rule for number literals (the lexer) and for
/// report-style numbers in data (`read_csv(numbers: "report")`, `parse_num`).
enum DecimalNumber {
    enum Result: Equatable { case int(Int), float(Double), tooLarge }

    /// `whole` and `fraction` are ASCII digit strings; `shift` is the suffix's power of ten.
    /// 万 and 亿 give an int when the scaled value is whole (and fits); `%`, a fraction or an
    /// exponent otherwise give a float.
    static func scaled(whole: String, fraction: String, exponent: Int, shift: Int, percent: Bool, hasExponent: Bool) -> Result {
        var mantissa = whole + fraction
        var power = exponent - fraction.count + shift
        if !percent && !hasExponent && shift > 0 {
            // 万 / 亿: an int when the scaled value is whole.
            while power < 0, mantissa.count > 1, mantissa.hasSuffix("0") { mantissa.removeLast(); power += 1 }
            let trimmed = mantissa.drop { $0 == "0" }
            if power >= 0 && trimmed.count + power <= 19 {
                if let value = Int(String(trimmed.isEmpty ? "0" : trimmed) + String(repeating: "0", count: trimmed.isEmpty ? 0 : power)) {
                    return .int(value)
                }
            }
            if power >= 0 { return .tooLarge }
        }
        if mantissa.isEmpty { mantissa = "0" }
        return .float(Double("\(mantissa)e\(power)") ?? .nan)
    }
}

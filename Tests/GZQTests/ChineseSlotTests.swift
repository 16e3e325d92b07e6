import Foundation
import XCTest
import GZQ

/// Chinese diagnostics whose slots receive phrases built by the code (parser contexts, value
/// kinds, the check rows' heading, call traces): the phrase must be translated with the message,
/// so no English word shows inside the Chinese text (the Chinese review, section 2).
final class ChineseSlotTests: XCTestCase {
    private func rendered(_ source: String, limits: Limits = Limits(), file: StaticString = #filePath, line: UInt = #line) -> String {
        var host = HostConfiguration(output: { _ in }, limits: limits)
        host.language = .zh
        do {
            let value = try Interpreter(host: host).run(source, name: "report.gzq")
            XCTFail("expected an error, got \(value)", file: file, line: line)
        } catch let error as GZQError {
            return error.rendered
        } catch {
            XCTFail("unexpected error type \(error)", file: file, line: line)
        }
        return ""
    }

    func testParserContextAndTokenAreChinese() {
        XCTAssertTrue(rendered("let = 1").hasPrefix("错误[E0211]：应有 名称（在 let 后面），实际是 '='\n"), rendered("let = 1"))
        XCTAssertTrue(rendered("if true 1").hasPrefix("错误[E0213]：应有 '{'（在 if 条件后面），实际是 '1'\n"), rendered("if true 1"))
    }

    func testCheckHeadingIsChinese() {
        let one = rendered("table({n: [1, -2]}) | check n > 0")
        XCTAssertTrue(one.contains("这一行：\n"), one)
        let many = rendered("table({n: [-1, -2]}) | check n > 0")
        XCTAssertTrue(many.contains("这些行：\n"), many)
        let first = rendered("table({n: [-1, -2, -3, -4, -5, -6, -7, -8, -9, -10, -11, -12]}) | check n > 0")
        XCTAssertTrue(first.contains("其中前 "), first)
        XCTAssertFalse(first.contains("of them") || many.contains("rows:"), first)
    }

    func testCallTraceIsChinese() {
        let text = rendered("fn pct(x) { round(x * 100, 1) }\nprint(pct(\"0.6\"))")
        XCTAssertTrue(text.contains(" = 调用位置：report.gzq:2:7\n"), text)
        XCTAssertTrue(rendered("fn f(n) { 1 / \"a\" }\nf(1)").contains(" = 调用位置：report.gzq:2:1\n"))
        let deep = rendered("fn f(n) { if n == 0 { 1 / \"a\" } else { f(n - 1) } }\nf(3)")
        XCTAssertTrue(deep.contains("（共 3 次）"), deep)
        XCTAssertFalse(deep.contains("called from") || deep.contains("times)"), deep)
    }

    func testMemoryLimitNamesTheValueInChinese() {
        // 60 000 items fit in the list (0.9 MB); their 27-byte texts joined (1.5 MB) do not.
        let text = rendered("let s = concat(1..60000 | map(fn(i) { \"贵阳市贵阳市贵阳市\" }))", limits: Limits(maxMemoryBytes: 1_048_576))
        XCTAssertTrue(text.contains("超过了内存上限（字符串有 1.5 MB，上限 1 MB）"), text)
    }

    func testTotalLabelKindsAreChinese() {
        let text = rendered("table({region: [1, 2], n: [3, 4]}) | summarize n = sum(n) by region total \"全省\"")
        XCTAssertTrue(text.contains("合计行的标签是字符串，但第一个键列 'region' 存放的是 int（请改用整数作标签"), text)
    }
}

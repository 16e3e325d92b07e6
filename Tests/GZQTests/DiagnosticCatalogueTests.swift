import Foundation
import XCTest
@testable import GZQ

/// The message catalogue (Sources/GZQ/Messages/MessageCatalogue.swift): no id twice, Chinese
/// for every entry, no raise site with a bare string, every example raises its own id, and the
/// error documents (docs/zh/错误.md, docs/ERRORS.md) are generated from it
/// (`GZQ_UPDATE_DOCS=1`, as `make docs` sets, rewrites them).
final class DiagnosticCatalogueTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testNoIdIsDefinedTwice() throws {
        let ids = Msg.allCases.map(\.rawValue)
        XCTAssertEqual(ids.count, Set(ids).count)
        // The source too: an id written twice under two names would be caught by Swift, but a
        // copy in another file would not.
        let text = try String(contentsOf: Self.root.appendingPathComponent("Sources/GZQ/Messages/MessageCatalogue.swift"), encoding: .utf8)
        let regex = try NSRegularExpression(pattern: #"case \w+ = "([EWN]\d{4})""#)
        let found = regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { (text as NSString).substring(with: $0.range(at: 1)) }
        XCTAssertEqual(found.count, Set(found).count, "an id is defined twice")
        XCTAssertEqual(found.count, ids.count)
        for id in ids { XCTAssertNotNil(id.range(of: #"^[EWN]\d{4}$"#, options: .regularExpression), id) }
    }

    func testEveryEntryHasChineseTextWithOnlyItsSlots() {
        let slot = try! NSRegularExpression(pattern: #"\{(\d+)\}"#)
        func slots(_ s: String) -> Set<String> {
            Set(slot.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { (s as NSString).substring(with: $0.range(at: 1)) })
        }
        for m in Msg.allCases {
            let e = m.entry
            XCTAssertFalse(e.chinese.isEmpty, "\(m.rawValue) \(m) has no Chinese text")
            XCTAssertTrue(slots(e.chinese).isSubset(of: slots(e.english)), "\(m.rawValue): Chinese uses a slot English does not have")
            // A Chinese text that is the English one is a missing translation, unless the
            // template is only slots and code.
            if e.chinese == e.english {
                XCTAssertNil(e.english.range(of: "[a-z]{3,} [a-z]{3,}", options: .regularExpression), "\(m.rawValue) is not translated")
            }
            if e.severity != .fragment, e.chinese.contains(where: { $0.unicodeScalars.first!.value >= 0x4E00 }) {
                XCTAssertFalse(e.chinese.contains("(did you mean"), m.rawValue)
            }
        }
    }

    /// Every diagnostic names a catalogue entry where it is raised. Lists each site that still
    /// passes a bare string (code merged from elsewhere: convert it as docs/DECISIONS.md says).
    func testNoRaiseSiteHasABareString() throws {
        let patterns = [#"RuntimeError\(""#, #"SyntaxError\(message:"#, #"\berror\(""#, #"\bunexpected\(""#, #"\breport\(""#,
                        #"\bfail\(""#, #"WorkbookError\(""#, #"(ZIPError|Failure|ColumnTypeError|EncodingFailure|FileAccessError)\(message: ""#,
                        #"TableReadError\(file: [^,]+, message: ""#, #"expected: ""#, #"Message\(\.uncatalogued"#, #"errorOutput\("error: [^\\]"#]
        let regexes = try patterns.map { try NSRegularExpression(pattern: $0) }
        var sites: [String] = []
        let sources = Self.root.appendingPathComponent("Sources")
        let walker = FileManager.default.enumerator(atPath: sources.path)!
        for case let path as String in walker where path.hasSuffix(".swift") && !path.hasPrefix("GZQ/Messages/") && !path.hasSuffix("HelpTopics.swift") {
            let text = try String(contentsOf: sources.appendingPathComponent(path), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                if l.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                if l.contains("example:") || l.hasSuffix("// uncatalogued fallback") { continue }  // builtin docs show gzq code such as error("bad")
                if regexes.contains(where: { $0.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil }) {
                    sites.append("Sources/\(path):\(n + 1): \(l.trimmingCharacters(in: .whitespaces))")
                }
            }
        }
        XCTAssertEqual(sites, [], "raise sites without a catalogue entry (add an entry to MessageCatalogue.swift and name it)")
    }

    /// Every example program raises the id of its entry.
    func testEveryExampleRaisesItsId() {
        var checked = 0
        for m in Msg.allCases where !m.entry.example.isEmpty {
            let id = ErrorDocs.run(m.entry.example, language: .en).id
            XCTAssertEqual(id, m.rawValue, "\(m.rawValue): the example raised \(id ?? "no error")")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 60)
    }

    func testChineseAndEnglishRenderingOfOneError() throws {
        for (language, header) in [(Language.zh, "错误[E0526]：找不到列 'corected'（你是不是想写 'corrected'？）\n"),
                                   (.en, "error[E0526]: unknown column 'corected' (did you mean 'corrected'?)\n")] {
            let host = HostConfiguration()
            host.language = language
            let i = Interpreter(host: host)
            XCTAssertThrowsError(try i.run("let t = table({corrected: [1]})\nt | where corected > 1", name: "r.gzq")) { error in
                let rendered = (error as? GZQError)?.rendered ?? ""
                XCTAssertTrue(rendered.hasPrefix(header), rendered)
                XCTAssertTrue(rendered.contains("  --> r.gzq:2:11\n"), rendered)
                XCTAssertEqual((error as? GZQError)?.diagnostics.first?.category, "E-runtime")
            }
        }
    }

    func testErrorDocumentsAreGeneratedFromTheCatalogue() throws {
        for (path, language) in [("docs/zh/错误.md", Language.zh), ("docs/ERRORS.md", .en)] {
            let text = ErrorDocs.markdown(language)
            let url = Self.root.appendingPathComponent(path)
            if ProcessInfo.processInfo.environment["GZQ_UPDATE_DOCS"] == "1" {
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let committed = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            XCTAssertEqual(committed, text, "\(path) is stale: run make docs")
        }
    }
}

/// docs/zh/错误.md and docs/ERRORS.md, made from the catalogue; each example is run here and
/// its rendered error shown (as DocsExamplesTests runs the examples of docs/zh/, which checks
/// them a second time).
enum ErrorDocs {
    /// What an example prints, as DocsExamplesTests shows it, and the id of the error it raised.
    static func run(_ source: String, language: Language) -> (shown: String, id: String?) {
        guard let folder = try? StdlibDocsTests.scratchFolder() else { return ("(no scratch folder)", nil) }
        defer { try? FileManager.default.removeItem(at: folder) }
        let shown = DocsExamplesTests.run(source, in: folder, engine: .tree, language: language)
        let header = try? NSRegularExpression(pattern: #"^(?:error|错误|warning|警告)\[([EW]\d{4})\]"#, options: .anchorsMatchLines)
        let match = header?.firstMatch(in: shown, range: NSRange(shown.startIndex..., in: shown))
        return (shown, match.map { (shown as NSString).substring(with: $0.range(at: 1)) })
    }

    static func markdown(_ language: Language) -> String {
        let zh = language == .zh
        var out = zh ? """
            # gzq 错误编号

            每条错误和警告都有一个固定的编号（`E0501` 这样），写在消息前面：`错误[E0526]：找不到列 'corected'`。\
            消息的文字以后可能改写，编号不变。编号按领域分组：E01xx 词法，E02xx 语法和习惯提示，E03xx 名称，\
            E04xx 类型和运算符，E05xx 表、列和步骤，E06xx 函数和参数，E07xx 文件、CSV/JSON 和编码，\
            E08xx 限制和沙盒，E09xx 宿主程序、嵌入和命令行，E10xx 工作簿（.xlsx）和 ZIP，W01xx 警告。\
            中文消息在 `LANG`、`LC_ALL` 或 `LC_MESSAGES` 以 `zh` 开头、或用 `--lang zh` 时显示\
            （嵌入时用 `HostConfiguration.language`）。本文件由 `make docs` 从消息目录生成，示例都由测试实际运行。


            """ : """
            # gzq error ids

            Every error and warning has a stable id (such as `E0501`), shown before the message:
            `error[E0526]: unknown column 'corected'`. The text may be reworded; the id does not
            change. Ids are grouped by area: E01xx lexing, E02xx parsing and habit hints, E03xx
            names, E04xx types and operators, E05xx tables, columns and stages, E06xx functions and
            arguments, E07xx files, CSV/JSON and encodings, E08xx limits and the sandbox, E09xx host,
            embedding and command line, E10xx workbooks (.xlsx) and ZIP, W01xx warnings. Chinese
            messages are shown when `LANG`, `LC_ALL` or `LC_MESSAGES` starts with `zh`, or with
            `--lang zh` (embedding: `HostConfiguration.language`). Generated by `make docs` from the
            message catalogue; every example is run by the tests. The Chinese edition is
            [zh/错误.md](zh/错误.md).


            """
        for m in Msg.allCases where m.entry.severity != .fragment && m != .uncatalogued {
            let e = m.entry
            let title = (zh ? e.chinese : e.english).replacingOccurrences(of: #"\{\d+\}"#, with: "…", options: .regularExpression)
            out += "## \(m.rawValue) \(title.replacingOccurrences(of: "\n", with: " "))\n\n"
            if zh { out += "英文原文：`\(e.english.replacingOccurrences(of: "`", with: "'"))`\n\n" }
            if Message.contexts.contains(m) {
                out += zh ? "这是外层格式：它给另一条消息加上函数名、文件、列或位置，显示的编号是里面那条消息的。\n\n"
                          : "A context form: it puts another message in a function, file, column or position; the id shown is the inner message's.\n\n"
            } else if !e.example.isEmpty {
                out += zh ? "示例：\n\n" : "Example:\n\n"
                out += "```gzq\n\(e.example)\n```\n\n```output\n\(run(e.example, language: language).shown)\n```\n\n"
            } else if !e.host.isEmpty {
                out += (zh ? "在哪里遇到：" : "Where it is met (in Chinese): ") + e.host + "\n\n"
            } else {
                out += (zh ? "在哪里遇到：" : "Where it is met: ") + area(m.rawValue, zh) + "\n\n"
            }
            if zh, !e.fix.isEmpty { out += "怎么改：\(e.fix)\n\n" }
        }
        return out
    }

    /// Where the errors of an area are met, for entries without an example (a damaged file,
    /// a limit the host sets…).
    static func area(_ id: String, _ zh: Bool) -> String {
        switch id.prefix(3) {
        case "E01", "E02", "E03": return zh ? "写程序时的语法或名称错误；按消息修改脚本（插入符 ^ 指出位置）。" : "a syntax or name error in the script; the caret shows where."
        case "E04", "E05", "E06": return zh ? "程序运行到这一步时的值、列或参数不对；按消息修改脚本或数据。" : "a value, column or argument that is wrong when the program reaches this point."
        case "E07": return zh ? "读写 CSV/JSON 文件时：文件内容或编码有问题（消息前面带文件名、第几行第几列），或者读写选项不对。示例需要一个有问题的文件。" : "reading or writing a CSV/JSON file: its content or encoding is wrong (the message starts with the file, line and column), or an option is."
        case "E08": return zh ? "超过了宿主设置的限制（步数、内存、时间、嵌套深度、文件夹范围）；简化程序，或请宿主放宽限制。" : "a limit set by the host (steps, memory, time, nesting, folders) was exceeded."
        case "E10": return zh ? "读写 .xlsx 工作簿时：文件损坏、不是 .xlsx，或工作表、单元格有问题（消息前面带文件名、工作表和单元格）。示例需要一个有问题的工作簿。" : "reading or writing an .xlsx workbook: the file is damaged or not .xlsx, or a sheet or cell is wrong (the message names the file, sheet and cell)."
        default: return zh ? "嵌入 gzq 的宿主程序或命令行的用法问题。" : "a host program or command-line usage problem."
        }
    }
}

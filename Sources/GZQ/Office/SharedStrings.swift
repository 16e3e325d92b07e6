/// The shared-string table of a workbook (`xl/sharedStrings.xml`): cells of type `s` hold an
/// index into it. An item is plain (`<si><t>…</t></si>`) or rich text, whose runs are
/// concatenated (`<si><r><t>肠旺</t></r><r><t>面</t></r></si>`); phonetic runs (`<rPh>`)
/// are not part of the text and are skipped.
enum SharedStrings {
    static func parse(_ bytes: [UInt8]) -> [String] {
        bytes.withUnsafeBufferPointer { buffer in
            var scanner = XMLScanner(buffer)
            var strings: [String] = []
            var text = ScratchText()
            var inItem = false, phonetic = 0
            while let tag = scanner.next() {
                if scanner.isNamed(tag, "si") {
                    if tag.isEnd {
                        strings.append(text.string)
                        inItem = false
                    } else if tag.isEmpty {
                        strings.append("")
                    } else {
                        text.reset()
                        inItem = true
                        phonetic = 0
                    }
                } else if scanner.isNamed(tag, "rPh") {
                    if !tag.isEmpty { phonetic += tag.isEnd ? -1 : 1 }
                } else if inItem, phonetic == 0, !tag.isEnd, !tag.isEmpty, scanner.isNamed(tag, "t") {
                    scanner.appendText(scanner.textAfter(tag), to: &text)
                }
            }
            return strings
        }
    }
}

import XCTest
import GZQ

/// `pinyin(s)` on real place names: Guizhou's 9 prefecture-level and 88 county-level
/// divisions (as of the 2021 changes: 水城区, 黔西市), with readings reviewed by hand against
/// the official romanizations — not produced by the generator, so a wrong table entry or a
/// wrong phrase rule fails here. Polyphones that matter: 都匀/三都 dū, 长顺 cháng, 六枝/六盘水
/// liù, 兴仁/兴义 xīng, 仡佬 gē, 侗族 dòng, 台江 tái, 大方 dà, 石阡 shí, 万山 wàn.
final class PinyinTests: XCTestCase {
    static let prefectures: [(name: String, reading: String)] = [
        ("贵阳市", "gui yang shi"), ("遵义市", "zun yi shi"), ("六盘水市", "liu pan shui shi"),
        ("安顺市", "an shun shi"), ("毕节市", "bi jie shi"), ("铜仁市", "tong ren shi"),
        ("黔东南州", "qian dong nan zhou"), ("黔南州", "qian nan zhou"), ("黔西南州", "qian xi nan zhou"),
    ]

    /// County-level divisions by prefecture, in the official order.
    static let counties: [(prefecture: String, names: [(String, String)])] = [
        ("贵阳市", [("南明区", "nan ming qu"), ("云岩区", "yun yan qu"), ("花溪区", "hua xi qu"), ("乌当区", "wu dang qu"),
                  ("白云区", "bai yun qu"), ("观山湖区", "guan shan hu qu"), ("开阳县", "kai yang xian"),
                  ("息烽县", "xi feng xian"), ("修文县", "xiu wen xian"), ("清镇市", "qing zhen shi")]),
        ("遵义市", [("红花岗区", "hong hua gang qu"), ("汇川区", "hui chuan qu"), ("播州区", "bo zhou qu"),
                  ("桐梓县", "tong zi xian"), ("绥阳县", "sui yang xian"), ("正安县", "zheng an xian"),
                  ("道真仡佬族苗族自治县", "dao zhen ge lao zu miao zu zi zhi xian"),
                  ("务川仡佬族苗族自治县", "wu chuan ge lao zu miao zu zi zhi xian"), ("凤冈县", "feng gang xian"),
                  ("湄潭县", "mei tan xian"), ("余庆县", "yu qing xian"), ("习水县", "xi shui xian"),
                  ("赤水市", "chi shui shi"), ("仁怀市", "ren huai shi")]),
        ("六盘水市", [("钟山区", "zhong shan qu"), ("六枝特区", "liu zhi te qu"), ("水城区", "shui cheng qu"),
                    ("盘州市", "pan zhou shi")]),
        ("安顺市", [("西秀区", "xi xiu qu"), ("平坝区", "ping ba qu"), ("普定县", "pu ding xian"),
                  ("镇宁布依族苗族自治县", "zhen ning bu yi zu miao zu zi zhi xian"),
                  ("关岭布依族苗族自治县", "guan ling bu yi zu miao zu zi zhi xian"),
                  ("紫云苗族布依族自治县", "zi yun miao zu bu yi zu zi zhi xian")]),
        ("毕节市", [("七星关区", "qi xing guan qu"), ("大方县", "da fang xian"), ("黔西市", "qian xi shi"),
                  ("金沙县", "jin sha xian"), ("织金县", "zhi jin xian"), ("纳雍县", "na yong xian"),
                  ("威宁彝族回族苗族自治县", "wei ning yi zu hui zu miao zu zi zhi xian"), ("赫章县", "he zhang xian")]),
        ("铜仁市", [("碧江区", "bi jiang qu"), ("万山区", "wan shan qu"), ("江口县", "jiang kou xian"),
                  ("玉屏侗族自治县", "yu ping dong zu zi zhi xian"), ("石阡县", "shi qian xian"), ("思南县", "si nan xian"),
                  ("印江土家族苗族自治县", "yin jiang tu jia zu miao zu zi zhi xian"), ("德江县", "de jiang xian"),
                  ("沿河土家族自治县", "yan he tu jia zu zi zhi xian"), ("松桃苗族自治县", "song tao miao zu zi zhi xian")]),
        ("黔东南州", [("凯里市", "kai li shi"), ("黄平县", "huang ping xian"), ("施秉县", "shi bing xian"),
                    ("三穗县", "san sui xian"), ("镇远县", "zhen yuan xian"), ("岑巩县", "cen gong xian"),
                    ("天柱县", "tian zhu xian"), ("锦屏县", "jin ping xian"), ("剑河县", "jian he xian"),
                    ("台江县", "tai jiang xian"), ("黎平县", "li ping xian"), ("榕江县", "rong jiang xian"),
                    ("从江县", "cong jiang xian"), ("雷山县", "lei shan xian"), ("麻江县", "ma jiang xian"),
                    ("丹寨县", "dan zhai xian")]),
        ("黔南州", [("都匀市", "du yun shi"), ("福泉市", "fu quan shi"), ("荔波县", "li bo xian"), ("贵定县", "gui ding xian"),
                  ("瓮安县", "weng an xian"), ("独山县", "du shan xian"), ("平塘县", "ping tang xian"),
                  ("罗甸县", "luo dian xian"), ("长顺县", "chang shun xian"), ("龙里县", "long li xian"),
                  ("惠水县", "hui shui xian"), ("三都水族自治县", "san du shui zu zi zhi xian")]),
        ("黔西南州", [("兴义市", "xing yi shi"), ("兴仁市", "xing ren shi"), ("普安县", "pu an xian"),
                    ("晴隆县", "qing long xian"), ("贞丰县", "zhen feng xian"), ("望谟县", "wang mo xian"),
                    ("册亨县", "ce heng xian"), ("安龙县", "an long xian")]),
    ]

    private func pinyin(_ names: [String]) throws -> [String] {
        let gzq = Interpreter()
        gzq.setGlobal("names", .list(names.map { Value($0) }))
        return try XCTUnwrap(gzq.evaluate("map(names, pinyin)").asArray).map { $0.asString ?? "<not a string>" }
    }

    func testTheListIsGuizhousDivisions() {
        XCTAssertEqual(Self.prefectures.count, 9)
        XCTAssertEqual(Self.counties.map(\.prefecture), Self.prefectures.map(\.name))
        let names = Self.counties.flatMap { $0.names.map(\.0) }
        XCTAssertEqual(names.count, 88)
        XCTAssertEqual(Set(names).count, 88)
        XCTAssertEqual(Self.counties.map(\.names.count), [10, 14, 4, 6, 8, 10, 16, 12, 8])
    }

    func testPrefectures() throws {
        XCTAssertEqual(try pinyin(Self.prefectures.map(\.name)), Self.prefectures.map(\.reading))
    }

    func testCountyLevelDivisions() throws {
        let all = Self.counties.flatMap(\.names)
        let got = try pinyin(all.map(\.0))
        for ((name, reading), actual) in zip(all, got) {
            XCTAssertEqual(actual, reading, name)
        }
    }

    func testSortingPrefecturesByPinyin() throws {
        let gzq = Interpreter()
        gzq.setGlobal("names", .list(Self.prefectures.map { Value($0.name) }))
        let sorted = try gzq.evaluate("(table({region: names}) | sort pinyin(region)).region")
        XCTAssertEqual(sorted.asArray?.compactMap(\.asString),
                       ["安顺市", "毕节市", "贵阳市", "六盘水市", "黔东南州", "黔南州", "黔西南州", "铜仁市", "遵义市"])
    }

    /// Every character of the basic block U+4E00…U+9FA5 has a reading, except the two that
    /// have no Mandarin reading in Unihan (桛 U+685B, 烪 U+70EA, kept as they are).
    func testBasicBlockIsCovered() throws {
        let gzq = Interpreter()
        let text = String(String.UnicodeScalarView((0x4E00...0x9FA5).compactMap(Unicode.Scalar.init)))
        gzq.setGlobal("text", Value(text))
        let reading = try XCTUnwrap(gzq.evaluate("pinyin(text)").asString)
        let parts = reading.split(separator: " ")
        let kept = parts.filter { $0.unicodeScalars.contains { $0.value >= 0x4E00 } }
        XCTAssertEqual(kept, ["桛", "烪"])
        XCTAssertTrue(parts.allSatisfy { part in part.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || $0 == "ü" || $0.value >= 0x4E00 } })
    }
}

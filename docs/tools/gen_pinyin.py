#!/usr/bin/env python3
"""Generates Sources/GZQ/Stdlib/PinyinTable.swift, the data behind gzq's `pinyin(s)`.

Run from anywhere: `pip install pypinyin` (MIT licence; used here only, never at run time),
then `python3 docs/tools/gen_pinyin.py`. The output records the pypinyin version it came from.

What it contains:
- one toneless Hanyu Pinyin syllable for every code point of the CJK Unified Ideographs
  U+4E00..U+9FFF and Extension A U+3400..U+4DBF that pypinyin knows: the character's first
  (most common) reading, tone marks dropped, ü kept as ü (绿 -> lü);
- the phrases of pypinyin's phrase dictionary whose reading differs from those per-character
  readings (银行 yin hang, 长江 chang jiang, 重庆 chong qing, 六安 lu an), so that words with
  polyphonic characters read right;
- reviewed readings of Guizhou place names that pypinyin's dictionary lacks or reads wrong
  (PLACE_NAMES below: 都匀 du yun, 长顺 chang shun, 三都 san du, ...). These win over
  pypinyin's phrases.

Encoding (kept compact so the Swift file type-checks in about a second): the syllables as one
comma-separated string; per code point two characters of a 64-letter alphabet giving the
syllable's index (0 = no reading); the phrases as "word=reading" lines.
"""
import pathlib
import pypinyin
from pypinyin import lazy_pinyin, Style
from pypinyin.constants import PHRASES_DICT
from pypinyin.style import convert

ROOT = pathlib.Path(__file__).resolve().parents[2]
OUT = ROOT / "Sources/GZQ/Stdlib/PinyinTable.swift"
RANGES = [(0x3400, 0x4DBF), (0x4E00, 0x9FFF)]
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

# Guizhou place-name words whose reading pypinyin gets wrong or has no phrase for; reviewed by
# hand against the official romanizations (都匀 Duyun, 长顺 Changshun, 三都 Sandu, ...). Words
# that pypinyin already reads right by default are listed too, so that a future pypinyin
# release changing a per-character default cannot silently change a place name.
PLACE_NAMES = {
    "都匀": "du yun",
    "三都": "san du",
    "长顺": "chang shun",
    "六枝": "liu zhi",
    "六盘水": "liu pan shui",
    "兴仁": "xing ren",
    "兴义": "xing yi",
    "仡佬": "ge lao",
    "侗族": "dong zu",
    "台江": "tai jiang",
    "大方": "da fang",
    "石阡": "shi qian",
    "万山": "wan shan",
    "沿河": "yan he",
    "正安": "zheng an",
    "余庆": "yu qing",
    "观山湖": "guan shan hu",
    "乌当": "wu dang",
    "平坝": "ping ba",
    "岑巩": "cen gong",
    "册亨": "ce heng",
    "望谟": "wang mo",
    "荔波": "li bo",
    "罗甸": "luo dian",
    "思南": "si nan",
    "纳雍": "na yong",
    "赫章": "he zhang",
    "七星关": "qi xing guan",
    "水城": "shui cheng",
    "黔西": "qian xi",
}


# Unit characters of the basic block that pypinyin (Unihan) gives no reading: each is read as
# the two-character word it abbreviates (兙 = 十克 shi ke). 桛 (a Japanese-made character)
# and 烪 have no Mandarin reading in Unihan; they stay as they are in pinyin()'s output.
MULTI_SYLLABLE = {
    0x5159: "shi ke",   # 兙 decagram
    0x5161: "bai ke",   # 兡 hectogram
    0x55E7: "jia lun",  # 嗧 gallon
    0x74E7: "shi wa",   # 瓧 decawatt
    0x74F0: "fen wa",   # 瓰 deciwatt
    0x74F1: "hao wa",   # 瓱 milliwatt
    0x74FC: "bai wa",   # 瓼 hectowatt
    0x7505: "li wa",    # 甅 centiwatt
}
NO_READING = {0x685B, 0x70EA}


def syllable(reading):
    return convert(reading, Style.NORMAL, strict=True, v_to_u=True)


def default(ch):
    out = lazy_pinyin(ch, style=Style.NORMAL, v_to_u=True, errors=lambda x: [""])
    return out[0] if out else ""


def main():
    per_char = {}
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            s = default(chr(cp))
            if s and set(s) <= set("abcdefghijklmnopqrstuvwxyzü"):
                per_char[cp] = s
    per_char.update(MULTI_SYLLABLE)
    missing = [cp for cp in range(0x4E00, 0x9FA5 + 1) if cp not in per_char and cp not in NO_READING]
    assert not missing, f"no reading for {len(missing)} basic-block characters, e.g. U+{missing[0]:04X}"
    syllables = sorted(set(per_char.values()))
    index = {s: i + 1 for i, s in enumerate(syllables)}
    assert len(syllables) + 1 <= 64 * 64

    codes = []
    for lo, hi in RANGES:
        for cp in range(lo, hi + 1):
            i = index.get(per_char.get(cp, ""), 0)
            codes.append(ALPHABET[i // 64] + ALPHABET[i % 64])

    phrases = {}
    for word, readings in PHRASES_DICT.items():
        if len(word) < 2 or len(word) != len(readings):
            continue
        if not all(ord(c) in per_char for c in word):
            continue
        reading = [syllable(r[0]) for r in readings]
        if " ".join(reading) != " ".join(per_char[ord(c)] for c in word):
            phrases[word] = " ".join(reading)
    for word, reading in PLACE_NAMES.items():
        assert len(reading.split()) == len(word), word
        phrases[word] = reading
    for word in phrases:
        assert "=" not in word and "\n" not in word

    blob = "".join(codes)
    lines = [blob[i:i + 120] for i in range(0, len(blob), 120)]
    phrase_lines = [f"{w}={phrases[w]}" for w in sorted(phrases)]
    out = [
        f"// Generated by docs/tools/gen_pinyin.py from pypinyin {pypinyin.__version__} (MIT); do not edit.",
        f"// {len(per_char)} characters, {len(syllables)} syllables, {len(phrases)} phrases"
        f" ({len(PLACE_NAMES)} reviewed place names).",
        "",
        "extension Pinyin {",
        "    /// Code-point ranges covered by `codes`, in order: (first, last) inclusive.",
        "    static let ranges: [(UInt32, UInt32)] = [" + ", ".join(f"(0x{lo:04X}, 0x{hi:04X})" for lo, hi in RANGES) + "]",
        "",
        "    /// Toneless readings, comma-separated; index 1 is the first (0 means no reading).",
        '    static let syllableText = "' + ",".join(syllables) + '"',
        "",
        f"    /// Two letters of `{ALPHABET}` per code point: the syllable index (line breaks ignored).",
        '    static let codeText = """',
        *lines,
        '"""',
        "",
        "    /// `word=reading` per line: phrases whose reading differs from their characters' own.",
        '    static let phraseText = """',
        *phrase_lines,
        '"""',
        "}",
    ]
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: {len(per_char)} characters, {len(syllables)} syllables, {len(phrases)} phrases")


if __name__ == "__main__":
    main()

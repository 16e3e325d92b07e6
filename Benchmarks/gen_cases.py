#!/usr/bin/env python3
"""Deterministic synthetic administrative-reconsideration cases (docs/PERFORMANCE.md (targets)).

One row per case received, columns:

    id         1..N
    year       2015-2024 (case numbers grow over the decade)
    region     one of Guizhou's 9 prefecture-level divisions, skewed frequencies
    county     one of the 88 county-level divisions of that prefecture (autonomous
               counties under their usual short names, e.g. 威宁县)
    category   ~15 kinds of administrative action, 行政处罚 the most common
    received   1 when the application was accepted for review (受理), 0 when refused at intake
    concluded  1 when the review has concluded (0 for pending or refused cases)
    corrected  1 when the review corrected the agency (only concluded cases)
    days       days from receipt to conclusion (empty = null when not concluded)
    appeared   1 when the agency head appeared in person (rising over the years;
               a few empty cells = null)

The numbers are invented for benchmarking; they are not published figures.

    python3 Benchmarks/gen_cases.py --rows 1000000 --out /tmp/cases_1m.csv
"""
import argparse
import random
import sys

REGIONS = [  # (prefecture, weight, counties)
    ("贵阳市", 22, "南明区 云岩区 花溪区 乌当区 白云区 观山湖区 开阳县 息烽县 修文县 清镇市"),
    ("遵义市", 18, "红花岗区 汇川区 播州区 桐梓县 绥阳县 正安县 道真县 务川县 凤冈县 湄潭县 余庆县 习水县 赤水市 仁怀市"),
    ("毕节市", 14, "七星关区 大方县 黔西市 金沙县 织金县 纳雍县 威宁县 赫章县"),
    ("黔南州", 9, "都匀市 福泉市 荔波县 贵定县 瓮安县 独山县 平塘县 罗甸县 长顺县 龙里县 惠水县 三都县"),
    ("黔东南州", 9, "凯里市 黄平县 施秉县 三穗县 镇远县 岑巩县 天柱县 锦屏县 剑河县 台江县 黎平县 榕江县 从江县 雷山县 麻江县 丹寨县"),
    ("铜仁市", 8, "碧江区 万山区 江口县 玉屏县 石阡县 思南县 印江县 德江县 沿河县 松桃县"),
    ("六盘水市", 8, "钟山区 六枝特区 水城区 盘州市"),
    ("黔西南州", 7, "兴义市 兴仁市 普安县 晴隆县 贞丰县 望谟县 册亨县 安龙县"),
    ("安顺市", 5, "西秀区 平坝区 普定县 镇宁县 关岭县 紫云县"),
]

CATEGORIES = [  # (category, weight)
    ("行政处罚", 30), ("行政许可", 10), ("信息公开", 9), ("行政强制", 8), ("行政确认", 7),
    ("行政不作为", 6), ("行政征收", 5), ("工伤认定", 5), ("行政登记", 4), ("行政赔偿", 4),
    ("行政给付", 3), ("行政协议", 3), ("行政裁决", 2), ("举报投诉", 2), ("其他", 2),
]

YEARS = list(range(2015, 2025))
YEAR_WEIGHTS = [6, 7, 8, 9, 10, 11, 12, 12, 12, 13]


def cumulative(weights):
    total, out = 0, []
    for w in weights:
        total += w
        out.append(total)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--out", default="-", help="output file ('-' for stdout)")
    parser.add_argument("--seed", type=int, default=20210630)
    args = parser.parse_args()

    rng = random.Random(args.seed)
    regions = [(name, counties.split()) for name, _, counties in REGIONS]
    assert sum(len(c) for _, c in regions) == 88
    region_cum = cumulative([w for _, w, _ in REGIONS])
    # Within a prefecture, counties follow a Zipf-like skew (the first, the seat, is busiest).
    county_cum = [cumulative([1.0 / (k + 1) ** 0.8 for k in range(len(c))]) for _, c in regions]
    category_cum = cumulative([w for _, w in CATEGORIES])
    year_cum = cumulative(YEAR_WEIGHTS)
    choose = rng.choices

    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="")
    write = out.write
    write("id,year,region,county,category,received,concluded,corrected,days,appeared\n")
    batch = []
    for i in range(1, args.rows + 1):
        r = choose(range(len(regions)), cum_weights=region_cum)[0]
        region, counties = regions[r]
        county = counties[choose(range(len(counties)), cum_weights=county_cum[r])[0]]
        category = CATEGORIES[choose(range(len(CATEGORIES)), cum_weights=category_cum)[0]][0]
        y = choose(range(len(YEARS)), cum_weights=year_cum)[0]
        year = YEARS[y]
        received = 1 if rng.random() < 0.93 else 0
        # Older cases have all concluded; recent ones may still be pending.
        concluded = 1 if received and rng.random() < (0.99 if year < 2024 else 0.80) else 0
        # Correction rate differs by prefecture and drifts over the years.
        correct_p = 0.08 + 0.015 * ((r * 7) % 5) + 0.004 * (year - 2015)
        corrected = 1 if concluded and rng.random() < correct_p else 0
        if concluded:
            days = min(90, max(3, int(rng.gammavariate(4.0, 8.0))))
            days_text = str(days)
        else:
            days_text = ""
        appear_p = 0.20 + 0.05 * (year - 2015)
        if rng.random() < 0.001:
            appeared_text = ""
        else:
            appeared_text = "1" if rng.random() < appear_p else "0"
        batch.append(f"{i},{year},{region},{county},{category},{received},{concluded},{corrected},{days_text},{appeared_text}\n")
        if len(batch) >= 10000:
            write("".join(batch))
            batch.clear()
    write("".join(batch))
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

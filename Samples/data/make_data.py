#!/usr/bin/env python3
"""Builds the three sample datasets in Samples/data/ from the seed report's figures.

Deterministic (no random generator; small fixed CRC-32 "jitter" keeps neighbours from tying): every filled-in number comes from the profiles below,
scaled so that province totals reproduce the published figures, then rounded to
integers by the largest-remainder method.  Where a published figure constrains a
ratio (a rate, a change), the province totals are chosen by a small search so that
the ratio rounds to the published digits.  Run from the repository root:

    python3 Samples/data/make_data.py      # rewrites the three CSV files
    python3 Samples/data/check_published.py   # asserts every published figure holds

See Samples/README.md for which numbers are published and which are filled in.
"""
import csv
import os
import zlib
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))

PREFECTURES = ["贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州"]
# Counties (县级行政区) per prefecture; they add up to the report's 88.
COUNTIES = {"贵阳市": 10, "遵义市": 14, "六盘水市": 4, "安顺市": 6, "毕节市": 8,
            "铜仁市": 10, "黔东南州": 16, "黔南州": 12, "黔西南州": 8}
assert sum(COUNTIES.values()) == 88


def rnd(x, digits):
    """Half away from zero on the shortest decimal form, as gzq's round() does."""
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def apportion(total, weights):
    """Integers proportional to weights that add up to total exactly (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    base = [int(r) for r in raw]
    short = total - sum(base)
    order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - base[i]), i))
    for i in order[:short]:
        base[i] += 1
    return base


def jitter(*key, amp=0.03):
    """A fixed factor in [1 - amp, 1 + amp] for this key (CRC-32 based, so reruns agree)."""
    h = zlib.crc32("|".join(map(str, key)).encode("utf-8")) / 0xFFFFFFFF
    return 1 + amp * (2 * h - 1)


def interp(a, b, i, n):
    return a + (b - a) * i / (n - 1)


def write(name, header, rows):
    with open(os.path.join(HERE, name), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])


# ---------------------------------------------------------------------------
# 1. Administrative reconsideration (行政复议) cases, 2017–2021
# ---------------------------------------------------------------------------
YEARS_RC = [2017, 2018, 2019, 2020, 2021]
# Filled: yearly province totals.  Published: their sums 18088 / 17426.
RECEIVED = [3127, 3386, 3652, 3817, 4106]
CONCLUDED = [2961, 3258, 3534, 3697, 3976]
assert sum(RECEIVED) == 18088 and sum(CONCLUDED) == 17426
HEARINGS = [1447, 1623, 1781, 1900, 2059]

SHARE = {"贵阳市": 0.24, "遵义市": 0.16, "六盘水市": 0.07, "安顺市": 0.06, "毕节市": 0.14,
         "铜仁市": 0.08, "黔东南州": 0.09, "黔南州": 0.09, "黔西南州": 0.07}
# Share drift per year (Guiyang's share grows a little, Bijie's shrinks).
DRIFT = {"贵阳市": 0.004, "毕节市": -0.004}
CONCLUDE_BIAS = {"贵阳市": -0.010, "遵义市": 0.004, "六盘水市": 0.008, "安顺市": 0.002, "毕节市": 0.012,
                 "铜仁市": 0.000, "黔东南州": -0.006, "黔南州": 0.006, "黔西南州": -0.008}
# Correction-rate profile 2017 -> 2021 (before scaling to the province totals).
CORR = {"贵阳市": (0.22, 0.190), "遵义市": (0.21, 0.170), "六盘水市": (0.24, 0.210),
        "安顺市": (0.19, 0.180), "铜仁市": (0.20, 0.195), "黔东南州": (0.23, 0.200),
        "黔南州": (0.21, 0.165), "黔西南州": (0.17, 0.180)}
# Appearance-rate profile 2017 -> 2021.
APPEAR = {"贵阳市": (0.42, 0.70), "遵义市": (0.36, 0.66), "六盘水市": (0.28, 0.58),
          "安顺市": (0.30, 0.62), "铜仁市": (0.33, 0.60), "黔东南州": (0.25, 0.55),
          "黔南州": (0.35, 0.68), "黔西南州": (0.22, 0.57)}


def province_correction_totals():
    """Corrected cases per year: 2017→2021 rate change rounds to -18.38%, 2020→2021 to -14.7%,
    all five add up to 3412; the middle years stay near 21%."""
    best = None
    for c17 in range(580, 640):
        r17 = c17 / CONCLUDED[0]
        for c21 in range(620, 700):
            r21 = c21 / CONCLUDED[4]
            if rnd((r21 - r17) / r17 * 100, 2) != -18.38:
                continue
            for c20 in range(690, 760):
                r20 = c20 / CONCLUDED[3]
                if rnd((r21 - r20) / r20 * 100, 1) != -14.7:
                    continue
                rest = 3412 - c17 - c20 - c21
                c18 = round(rest * CONCLUDED[1] / (CONCLUDED[1] + CONCLUDED[2]) * 1.01)
                c19 = rest - c18
                score = abs(r17 - 0.205) + abs(c18 / CONCLUDED[1] - 0.21)
                if best is None or score < best[0]:
                    best = (score, [c17, c18, c19, c20, c21])
    return best[1]


def province_heads_totals():
    """Heads appeared per year: 2017 rounds to 33.10%, 2021 to 65.81%, the 2020→2021 change to
    +20.41%, rising every year (逐年上升)."""
    h17 = next(h for h in range(400, 560) if rnd(h / HEARINGS[0] * 100, 2) == 33.10)
    h21 = next(h for h in range(1200, 1500) if rnd(h / HEARINGS[4] * 100, 2) == 65.81)
    r21 = h21 / HEARINGS[4]
    # Few (hearings, heads) pairs give exactly +20.41%; take the 2020 hearings nearest 1900.
    h20 = None
    for d in sorted(range(1850, 1951), key=lambda d: (abs(d - 1900), d)):
        fit = [h for h in range(900, 1200) if rnd((r21 - h / d) / (h / d) * 100, 2) == 20.41]
        if fit:
            HEARINGS[3], h20 = d, fit[0]
            break
    h18 = round(HEARINGS[1] * 0.405)
    h19 = round(HEARINGS[2] * 0.478)
    return [h17, h18, h19, h20, h21]


def build_review_cases():
    n = len(YEARS_RC)
    received, concluded = {}, {}
    for yi, y in enumerate(YEARS_RC):
        w = [(SHARE[p] + DRIFT.get(p, 0) * yi) * jitter(p, "received") * jitter(p, y, "received", amp=0.01)
             for p in PREFECTURES]
        rec = apportion(RECEIVED[yi], w)
        conc_w = [rec[i] * (CONCLUDED[yi] / RECEIVED[yi] + CONCLUDE_BIAS[p]) for i, p in enumerate(PREFECTURES)]
        conc = apportion(CONCLUDED[yi], conc_w)
        for i, p in enumerate(PREFECTURES):
            received[p, y] = rec[i]
            concluded[p, y] = conc[i]
    heads_tot = province_heads_totals()
    hearings = {}
    for yi, y in enumerate(YEARS_RC):
        w = [(SHARE[p] + DRIFT.get(p, 0) * yi) * jitter(p, "hearings", amp=0.08) * jitter(p, y, "hearings", amp=0.01)
             for p in PREFECTURES]
        hr = apportion(HEARINGS[yi], w)
        for i, p in enumerate(PREFECTURES):
            hearings[p, y] = hr[i]

    # Bijie: pick corrected / heads in 2020 and 2021 that match its published rates (one
    # decimal: 7.7% and -20.8%; 83.2% and +12.1%).  Integer counts rarely fit both, so the
    # smallest shift of concluded cases (or hearings) between Bijie and Guiyang that admits
    # a fit is applied.
    bj, gy = "毕节市", "贵阳市"

    def fit_pair(table, level21, change):
        best = None
        for k21 in range(-20, 21):
            d21 = table[bj, 2021] + k21
            for c21 in range(1, d21 + 1):
                if rnd(c21 / d21 * 100, 1) != level21:
                    continue
                r21 = c21 / d21
                for k20 in range(-20, 21):
                    d20 = table[bj, 2020] + k20
                    for c20 in range(1, d20 + 1):
                        r20 = c20 / d20
                        if rnd((r21 - r20) / r20 * 100, 1) == change:
                            cost = abs(k21) + abs(k20)
                            if best is None or cost < best[0]:
                                best = (cost, k21, k20, c21, c20)
        _, k21, k20, c21, c20 = best
        for year, k in ((2021, k21), (2020, k20)):
            table[bj, year] += k
            table[gy, year] -= k
        return c21, c20

    c21, c20 = fit_pair(concluded, 7.7, -20.8)
    a21, a20 = fit_pair(hearings, 83.2, 12.1)
    bj_corr = {2017: round(concluded[bj, 2017] * 0.18), 2018: round(concluded[bj, 2018] * 0.15),
               2019: round(concluded[bj, 2019] * 0.125), 2020: c20, 2021: c21}
    bj_heads = {2017: round(hearings[bj, 2017] * 0.40), 2018: round(hearings[bj, 2018] * 0.52),
                2019: round(hearings[bj, 2019] * 0.63), 2020: a20, 2021: a21}

    corr_tot = province_correction_totals()
    corrected, heads = {}, {}
    others = [p for p in PREFECTURES if p != bj]
    for yi, y in enumerate(YEARS_RC):
        cw = [concluded[p, y] * interp(*CORR[p], yi, n) * jitter(p, y, "corrected") for p in others]
        cs = apportion(corr_tot[yi] - bj_corr[y], cw)
        hw = [hearings[p, y] * interp(*APPEAR[p], yi, n) * jitter(p, y, "heads") for p in others]
        hs = apportion(heads_tot[yi] - bj_heads[y], hw)
        for i, p in enumerate(others):
            corrected[p, y] = cs[i]
            heads[p, y] = hs[i]
        corrected[bj, y] = bj_corr[y]
        heads[bj, y] = bj_heads[y]

    rows = []
    for y in YEARS_RC:
        for p in PREFECTURES:
            assert corrected[p, y] <= concluded[p, y] <= received[p, y] + 40
            assert heads[p, y] <= hearings[p, y]
            rows.append([p, y, received[p, y], concluded[p, y], corrected[p, y], hearings[p, y], heads[p, y]])
    write("review_cases.csv", ["region", "year", "received", "concluded", "corrected", "hearings", "heads_appeared"], rows)


# ---------------------------------------------------------------------------
# 2. Government service items (政务服务事项) and cases handled, 2015–2021
# ---------------------------------------------------------------------------
YEARS_SI = list(range(2015, 2022))
# Items in each catalogue (filled).  One provincial catalogue, one per prefecture government,
# and the prefecture's counties summed.
PROV_ITEMS = [1320, 1380, 1450, 1520, 1580, 1630, 1662]
CITY_ITEMS = {"贵阳市": 1180, "遵义市": 1105, "六盘水市": 960, "安顺市": 940, "毕节市": 1050,
              "铜仁市": 990, "黔东南州": 1010, "黔南州": 1020, "黔西南州": 970}
COUNTY_ITEMS_EACH = {"贵阳市": 760, "遵义市": 720, "六盘水市": 700, "安顺市": 690, "毕节市": 710,
                     "铜仁市": 695, "黔东南州": 660, "黔南州": 680, "黔西南州": 685}
GROWTH = [0.86, 0.89, 0.92, 0.95, 0.97, 0.99, 1.00]           # catalogue size relative to 2021
ONLINE_AVAILABLE = [0.40, 0.55, 0.70, 0.85, 0.95, 0.99, 1.00]  # 网上可办; 2021 = 100% (published)
ONLINE_FULL = {"省级": [0.08, 0.14, 0.22, 0.31, 0.42, 0.53, 0.66],
               "市级": [0.06, 0.11, 0.18, 0.26, 0.35, 0.45, 0.55],
               "县级": [0.04, 0.08, 0.14, 0.21, 0.28, 0.37, 0.47]}
PROVINCE_WIDE_TOTAL = {2020: 671, 2021: 3635}                 # 全省通办 (published)
PROVINCE_WIDE_LEVEL = {2020: {"省级": 0.20, "市级": 0.22, "县级": 0.58},
                       2021: {"省级": 0.12, "市级": 0.20, "县级": 0.68}}
CASES_YEAR = [8_512_436, 14_027_915, 21_983_672, 30_041_208, 38_968_553, 47_019_874, 57_479_642]
ONLINE_SHARE_YEAR = [0.22, 0.36, 0.50, 0.61, 0.70, 0.746, 0.78]
PW_CASES = {2020: 1_213_876, 2021: 4_889_342}                 # 全省通办办件量, 610万余 (published)
XP_CASES = {2020: 148_613, 2021: 512_758}                     # 跨省通办办件量, 66万余 (published)
LEVEL_CASE_SHARE = {"省级": 0.07, "市级": 0.23, "县级": 0.70}
PREF_WEIGHT = {"贵阳市": 0.20, "遵义市": 0.16, "六盘水市": 0.08, "安顺市": 0.07, "毕节市": 0.14,
               "铜仁市": 0.09, "黔东南州": 0.10, "黔南州": 0.09, "黔西南州": 0.07}


def build_service_items():
    units = [("省级", "贵州省")] + [("市级", p) for p in PREFECTURES] + [("县级", p) for p in PREFECTURES]
    target_online_cases = 143_000_000 + 12_345  # 1.43亿 (published, rounded); filled last digits
    online_cases_year = apportion(target_online_cases, [c * s for c, s in zip(CASES_YEAR, ONLINE_SHARE_YEAR)])
    rows = []
    for yi, y in enumerate(YEARS_SI):
        items = []
        for level, region in units:
            if level == "省级":
                items.append(PROV_ITEMS[yi])
            elif level == "市级":
                items.append(round(CITY_ITEMS[region] * GROWTH[yi] * jitter(region, y, "city", amp=0.01)))
            else:
                items.append(round(COUNTY_ITEMS_EACH[region] * COUNTIES[region] * GROWTH[yi]
                                   * jitter(region, y, "county", amp=0.01)))
        if ONLINE_AVAILABLE[yi] == 1.0:
            avail = list(items)   # 100%网上可办 (published for 2021)
        else:
            avail = [min(n, round(n * ONLINE_AVAILABLE[yi] * jitter(u, y, "avail", amp=0.02))) for n, u in zip(items, units)]
        full_w = [n * ONLINE_FULL[level][yi] * jitter(region, level, "full", amp=0.12) * jitter(region, level, y, "full", amp=0.02)
                  for n, (level, region) in zip(items, units)]
        full = [round(v) for v in full_w]
        if y == 2021:
            # 全程网办率达49%: adjust so the province figure rounds to 49.0% (one decimal).
            total = sum(items)
            target = round(total * 0.49)
            full = apportion(target, full_w)
        pw = [None] * len(units)
        if y in PROVINCE_WIDE_TOTAL:
            lv = PROVINCE_WIDE_LEVEL[y]
            weights = []
            for (level, region), n in zip(units, items):
                if level == "省级":
                    weights.append(lv["省级"])
                else:
                    weights.append(lv[level] * n / sum(m for (l2, _), m in zip(units, items) if l2 == level)
                                   * jitter(level, region, y, "pw_items", amp=0.25))
            pw = apportion(PROVINCE_WIDE_TOTAL[y], weights)
        unit_w = []
        for level, region in units:
            if level == "省级":
                unit_w.append(LEVEL_CASE_SHARE["省级"])
            else:
                unit_w.append(LEVEL_CASE_SHARE[level] * PREF_WEIGHT[region] * jitter(level, region, "cases", amp=0.06)
                              * jitter(level, region, y, "cases", amp=0.01))
        cases = apportion(CASES_YEAR[yi], unit_w)
        online_w = [c * (1.08 if level == "省级" else 1.0 if level == "市级" else 0.97) * jitter(level, region, y, "online")
                    for c, (level, region) in zip(cases, units)]
        online = apportion(online_cases_year[yi], online_w)
        pwc = apportion(PW_CASES[y], [w * jitter(u, y, "pw", amp=0.2) for w, u in zip(unit_w, units)]) \
            if y in PW_CASES else [None] * len(units)
        xpc = apportion(XP_CASES[y], [w * jitter(u, y, "xp", amp=0.3) for w, u in zip(unit_w, units)]) \
            if y in XP_CASES else [None] * len(units)
        for i, (level, region) in enumerate(units):
            assert full[i] <= avail[i] <= items[i] and online[i] <= cases[i]
            rows.append([y, level, region, items[i], avail[i], full[i], pw[i], cases[i], online[i], pwc[i], xpc[i]])
    write("service_items.csv", ["year", "level", "region", "items", "online_available", "online_full",
                                "province_wide", "cases", "online_cases", "province_wide_cases",
                                "cross_province_cases"], rows)


# ---------------------------------------------------------------------------
# 3. Kindergartens (幼儿园), 2015–2021
# ---------------------------------------------------------------------------
YEARS_KG = list(range(2015, 2022))
KG_TOTAL = [8650, 9300, 9950, 10400, 10850, 11120, 11305]          # 2021 = 11305 (published)
KG_PUBLIC_SHARE = [0.44, 0.47, 0.51, 0.55, 0.58, 0.603, 0.61]
CHILDREN = [1_391_247, 1_452_583, 1_519_826, 1_581_354, 1_624_917, 1_647_731, 1_655_318]  # 2021 ≈ 165.53万 (published)
PUBLIC_CHILD_SHARE = [0.381, 0.412, 0.443, 0.481, 0.522, 0.561, 0.5882]   # 2021 58.82% (published)
ENROLMENT = [0.805, 0.830, 0.855, 0.875, 0.892, 0.905, 0.914]             # 2021 91.4% (published)
TEACHER_RATIO = [22.5, 21.3, 20.1, 19.0, 17.9, 16.9, 16.2]                # 2021 1:16.2 (published)
STAFF_RATIO = [11.6, 11.0, 10.4, 9.8, 9.3, 8.9, 8.6]                      # 2021 1:8.6 (published)
PUBLIC_TEACHERS = [30_412, 34_087, 38_351, 42_596, 46_938, 51_337, 55_216]  # +2万余 over 十三五 (published)
# Provincial funding for building public kindergartens, yuan.  2016–2020 sum to 28.5亿 (published).
FUNDING = [130_000_000, 420_000_000, 510_000_000, 600_000_000, 640_000_000, 680_000_000, 700_000_000]
assert sum(FUNDING[1:6]) == 2_850_000_000

CHILD_SHARE = {"贵阳市": 0.13, "遵义市": 0.16, "六盘水市": 0.08, "安顺市": 0.06, "毕节市": 0.19,
               "铜仁市": 0.09, "黔东南州": 0.11, "黔南州": 0.09, "黔西南州": 0.09}
KG_SHARE = {"贵阳市": 0.12, "遵义市": 0.17, "六盘水市": 0.07, "安顺市": 0.06, "毕节市": 0.18,
            "铜仁市": 0.10, "黔东南州": 0.12, "黔南州": 0.10, "黔西南州": 0.08}
# Relative level of each prefecture's rates (multiplied into the province profile, 2015 -> 2021).
ENROL_REL = {"贵阳市": (1.07, 1.05), "遵义市": (1.03, 1.025), "六盘水市": (0.97, 0.985), "安顺市": (1.00, 1.005),
             "毕节市": (0.93, 0.955), "铜仁市": (1.01, 1.02), "黔东南州": (0.99, 0.995), "黔南州": (1.02, 1.01),
             "黔西南州": (0.96, 0.975)}
PUBLIC_REL = {"贵阳市": (0.74, 0.80), "遵义市": (0.98, 0.97), "六盘水市": (1.02, 1.02), "安顺市": (1.06, 1.05),
              "毕节市": (1.05, 1.07), "铜仁市": (1.10, 1.12), "黔东南州": (1.08, 1.09), "黔南州": (1.00, 0.99),
              "黔西南州": (0.95, 0.95)}
TEACHER_REL = {"贵阳市": (0.78, 0.79), "遵义市": (0.96, 0.96), "六盘水市": (1.08, 1.08), "安顺市": (1.02, 1.01),
               "毕节市": (1.16, 1.18), "铜仁市": (0.99, 0.99), "黔东南州": (1.04, 1.04), "黔南州": (0.97, 0.96),
               "黔西南州": (1.10, 1.10)}
FUND_WEIGHT = {"贵阳市": 0.08, "遵义市": 0.15, "六盘水市": 0.08, "安顺市": 0.07, "毕节市": 0.20,
               "铜仁市": 0.11, "黔东南州": 0.13, "黔南州": 0.10, "黔西南州": 0.08}


def build_kindergartens():
    n = len(YEARS_KG)
    rows = []
    for yi, y in enumerate(YEARS_KG):
        kg = apportion(KG_TOTAL[yi], [KG_SHARE[p] * jitter(p, "kg") * jitter(p, y, "kg", amp=0.004) for p in PREFECTURES])
        pub_kg = apportion(round(KG_TOTAL[yi] * KG_PUBLIC_SHARE[yi]),
                           [k * interp(*PUBLIC_REL[p], yi, n) for k, p in zip(kg, PREFECTURES)])
        children = apportion(CHILDREN[yi], [CHILD_SHARE[p] * jitter(p, "children") * jitter(p, y, "children", amp=0.004) for p in PREFECTURES])
        pub_ch = apportion(round(CHILDREN[yi] * PUBLIC_CHILD_SHARE[yi]),
                           [c * interp(*PUBLIC_REL[p], yi, n) for c, p in zip(children, PREFECTURES)])
        # school-age population (3–5): children / enrolment, apportioned to hit the province rate.
        age = apportion(round(CHILDREN[yi] / ENROLMENT[yi]),
                        [c / interp(*ENROL_REL[p], yi, n) for c, p in zip(children, PREFECTURES)])
        teachers = apportion(round(CHILDREN[yi] / TEACHER_RATIO[yi]),
                             [c / interp(*TEACHER_REL[p], yi, n) * jitter(p, "teachers") * jitter(p, y, "teachers", amp=0.005) for c, p in zip(children, PREFECTURES)])
        staff = apportion(round(CHILDREN[yi] / STAFF_RATIO[yi]),
                          [c / interp(*TEACHER_REL[p], yi, n) * jitter(p, "staff", amp=0.06) * jitter(p, y, "staff", amp=0.005) for c, p in zip(children, PREFECTURES)])
        pub_t = apportion(PUBLIC_TEACHERS[yi], [t * interp(*PUBLIC_REL[p], yi, n) for t, p in zip(teachers, PREFECTURES)])
        fund = apportion(FUNDING[yi] // 10_000, [FUND_WEIGHT[p] * jitter(p, y, "funding", amp=0.15) for p in PREFECTURES])
        for i, p in enumerate(PREFECTURES):
            assert pub_kg[i] <= kg[i] and pub_ch[i] <= children[i] and pub_t[i] <= teachers[i] <= staff[i]
            rows.append([p, y, kg[i], pub_kg[i], children[i], pub_ch[i], age[i], teachers[i], pub_t[i],
                         staff[i], fund[i] * 10_000])
    write("kindergartens.csv", ["region", "year", "kindergartens", "public_kindergartens", "children",
                                "public_children", "school_age_children", "teachers", "public_teachers",
                                "staff", "funding"], rows)


if __name__ == "__main__":
    build_review_cases()
    build_service_items()
    build_kindergartens()
    print("wrote review_cases.csv, service_items.csv, kindergartens.csv")

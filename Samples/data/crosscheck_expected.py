#!/usr/bin/env python3
"""Independent check of Samples/expected/*.out: recomputes every number the sample scripts
print, in plain Python (csv module, no pandas), straight from the CSV files, and compares
them with the text and table cells of the expected output files.

    python3 Samples/data/crosscheck_expected.py

Table cells are compared as values (a float cell "20" equals 20.0), so the check does not
depend on the table layout; plain text lines are compared exactly.
"""
import csv
import math
import os
import re
import sys
from decimal import Decimal, ROUND_HALF_UP

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PREFS = ["贵阳市", "遵义市", "六盘水市", "安顺市", "毕节市", "铜仁市", "黔东南州", "黔南州", "黔西南州"]


def rnd(x, digits=0):
    """gzq's round(): half away from zero on the shortest decimal form."""
    if x is None:
        return None
    if isinstance(x, int):
        return x
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def rate(a, b):
    return None if a is None or b is None or b == 0 else a / b


def change(old, new):
    return None if old is None or new is None or old == 0 else (new - old) / old


def pp(old, new):
    return None if old is None or new is None else round((new - old) * 100, 12)


def mul(x, k):
    return None if x is None else x * k


def g(x):
    """A float as gzq's print and string interpolation show it (shortest round-trip form)."""
    return repr(x) if isinstance(x, float) else str(x)


def load(name):
    with open(os.path.join(ROOT, "Samples/data", name), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k, v in r.items():
            r[k] = None if v == "" else int(v) if v.lstrip("-").isdigit() else v
    return rows


def ssum(rows, col):
    return sum(r[col] for r in rows if r[col] is not None)


def group(rows, *keys):
    out = {}
    for r in rows:
        out.setdefault(tuple(r[k] for k in keys), []).append(r)
    return out


def parse_out(text):
    """Blocks of an output: ('line', text) or ('table', header, rows of cell strings)."""
    blocks, table, borders = [], None, 0
    for line in text.split("\n")[:-1]:
        if line.startswith("+"):
            borders += 1
            if borders == 3:          # top, under the header, bottom: the table is complete
                table, borders = None, 0
            continue
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if table is None:
                table = ("table", cells, [])
                blocks.append(table)
            else:
                table[2].append(cells)
            continue
        table = None
        blocks.append(("line", line))
    return blocks


def cell_matches(cell, value):
    if value is None:
        return cell == "null"
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        try:
            return float(cell) == float(value) and (not isinstance(value, int) or "." not in cell)
        except ValueError:
            return False
    return cell == value


failures = []


def compare(name, want):
    path = os.path.join(ROOT, "Samples/expected", name + ".out")
    with open(path, encoding="utf-8") as f:
        got = parse_out(f.read())
    problems = []
    if len(got) != len(want):
        problems.append("%d blocks, expected %d" % (len(got), len(want)))
    for i, (gb, wb) in enumerate(zip(got, want)):
        if gb[0] != wb[0] and not (gb[0] == "line" and wb[0] == "regex"):
            problems.append("block %d: %s, expected %s" % (i, gb[0], wb[0]))
        elif gb[0] == "line" and wb[0] == "regex":
            if not re.fullmatch(wb[1], gb[1]):
                problems.append("line %d:\n  got  %s\n  want /%s/" % (i, gb[1], wb[1]))
        elif gb[0] == "line":
            if gb[1] != wb[1]:
                problems.append("line %d:\n  got  %s\n  want %s" % (i, gb[1], wb[1]))
        else:
            if gb[1] != wb[1]:
                problems.append("table %d header %s, expected %s" % (i, gb[1], wb[1]))
            if len(gb[2]) != len(wb[2]):
                problems.append("table %d has %d rows, expected %d" % (i, len(gb[2]), len(wb[2])))
            for j, (grow, wrow) in enumerate(zip(gb[2], wb[2])):
                for c, v in zip(grow, wrow):
                    if not cell_matches(c, v):
                        problems.append("table %d row %d: %s, expected %s" % (i, j, grow, wrow))
                        break
    print(("ok   " if not problems else "FAIL ") + name)
    for p in problems:
        print("     " + p)
    if problems:
        failures.append(name)


rc = load("review_cases.csv")
si = load("service_items.csv")
kg = load("kindergartens.csv")


# --- correction_rate_fall ------------------------------------------------------------
def correction_rate_fall():
    by = group(rc, "region", "year")
    r = {(p, y): rate(ssum(by[p, y], "corrected"), ssum(by[p, y], "concluded")) for p in PREFS for y in (2017, 2021)}
    rows = []
    for p in PREFS:
        a, b = r[p, 2017], r[p, 2021]
        rows.append([p, rnd(a * 100, 2), rnd(b * 100, 2), rnd(pp(a, b), 2), rnd(change(a, b) * 100, 2)])
    rows.sort(key=lambda x: x[4])
    yr = group(rc, "year")
    p17 = rate(ssum(yr[2017,], "corrected"), ssum(yr[2017,], "concluded"))
    p21 = rate(ssum(yr[2021,], "corrected"), ssum(yr[2021,], "concluded"))
    fell = sum(1 for p in PREFS if r[p, 2021] < r[p, 2017])
    biggest = min(PREFS, key=lambda p: change(r[p, 2017], r[p, 2021]))
    return [("line", "纠错率 by prefecture, 2017 → 2021 (biggest fall first; rates in %)"),
            ("table", ["region", "rate_2017", "rate_2021", "points", "change_pct"], rows),
            ("line", "全省纠错率: %s%% (2017) → %s%% (2021)" % (g(rnd(p17 * 100, 2)), g(rnd(p21 * 100, 2)))),
            ("line", "change: %s%% (published: 下降18.38%%), i.e. %s percentage points"
             % (g(rnd(change(p17, p21) * 100, 2)), g(rnd(pp(p17, p21), 2)))),
            ("line", "%d of 9 prefectures lowered their correction rate; the biggest fall: %s" % (fell, biggest)),
            ("line", "prefecture-years without figures: %d" % sum(1 for p in PREFS for y in range(2017, 2022) if (p, y) not in by)),
            ("line", "2021 in the official order, with the province (纠错率 in %)"),
            ("table", ["region", "received", "concluded", "corrected", "rate_pct"], official_table(
                by, 2021, ["received", "concluded", "corrected"],
                lambda s: [rnd(rate(s["corrected"], s["concluded"]) * 100, 2)]))]


def official_table(by, year, columns, derived, shown=None):
    """Prefectures in the official order (PREFS), then the 全省 row summed over them: each row
    is [region, *sums of the shown columns (default all), *derived(sums)]; derived rates come
    from the sums."""
    shown = columns if shown is None else shown
    rows, total = [], {c: 0 for c in columns}
    for p in PREFS:
        sums = {c: ssum(by[p, year], c) for c in columns}
        for c in columns:
            total[c] += sums[c]
        rows.append([p] + [sums[c] for c in shown] + derived(sums))
    rows.append(["全省"] + [total[c] for c in shown] + derived(total))
    return rows


# --- appearance_rate -----------------------------------------------------------------
def appearance_rate():
    yr = group(rc, "year")
    rows, prev, rates = [], None, []
    for y in range(2017, 2022):
        h, a = ssum(yr[y,], "hearings"), ssum(yr[y,], "heads_appeared")
        r = rate(a, h)
        rows.append([y, h, a, rnd(r * 100, 2), rnd(pp(prev, r), 2) if prev is not None else None,
                     rnd(change(prev, r) * 100, 2) if prev is not None else None])
        rates.append(r)
        prev = r
    rises = sum(1 for x in rows if x[4] is not None and x[4] > 0)
    return [("line", "出庭应诉率 by year (rate in %, change on the previous year in points and in %)"),
            ("table", ["year", "hearings", "appeared", "rate_pct", "points_on_prev", "yoy_pct"], rows),
            ("line", "2017 → 2021: %s%% → %s%%, up %s percentage points"
             % (g(rnd(rates[0] * 100, 2)), g(rnd(rates[-1] * 100, 2)), g(rnd(pp(rates[0], rates[-1]), 2)))),
            ("line", "2021 on 2020: %s%% (published: 同比上升20.41%%)" % g(rows[-1][5])),
            ("line", "rose in %d of 4 year-on-year steps" % rises)]


# --- cases_by_year -------------------------------------------------------------------
def cases_by_year():
    yr = group(rc, "year")
    rows, cr, cc, prev = [], 0, 0, None
    for y in range(2017, 2022):
        rec, con, cor = (ssum(yr[y,], c) for c in ("received", "concluded", "corrected"))
        cr += rec
        cc += cor
        r = rate(cor, con)
        rows.append([y, rec, con, cor, cr, cc, rnd(r * 100, 2), rnd(change(prev, r) * 100, 1) if prev else None])
        prev = r
    rec, con, cor = (ssum(rc, c) for c in ("received", "concluded", "corrected"))
    return [("line", "行政复议 by year (correction rate in %, its change on the previous year in %)"),
            ("table", ["year", "received", "concluded", "corrected", "received_to_date", "corrected_to_date",
                       "rate_pct", "yoy_pct"], rows),
            ("line", "受理 %d, 审结 %d, 纠错 %d (published: 18088 / 17426 / 3412)" % (rec, con, cor)),
            ("line", "审结率 %s%%, overall 纠错率 %s%%" % (g(rnd(con / rec * 100, 2)), g(rnd(cor / con * 100, 2)))),
            ("line", "2021 correction rate on 2020: %s%% (published: 同比下降14.7%%)" % g(rows[-1][7]))]


# --- bijie_vs_province ---------------------------------------------------------------
def bijie_vs_province():
    by = group(rc, "region", "year")
    yr = group(rc, "year")
    rows, prev = [], None
    for y in (2020, 2021):
        b = by["毕节市", y][0]
        corr, app = rate(b["corrected"], b["concluded"]), rate(b["heads_appeared"], b["hearings"])
        pc = rate(ssum(yr[y,], "corrected"), ssum(yr[y,], "concluded"))
        pa = rate(ssum(yr[y,], "heads_appeared"), ssum(yr[y,], "hearings"))
        rows.append([y, rnd(corr * 100, 1), rnd(change(prev[0], corr) * 100, 1) if prev else None, rnd(pc * 100, 2),
                     rnd(app * 100, 1), rnd(change(prev[1], app) * 100, 1) if prev else None, rnd(pa * 100, 2),
                     corr < pc and app > pa])
        prev = (corr, app)
    rk = []
    for p in PREFS:
        b = by[p, 2021][0]
        rk.append([p, rate(b["corrected"], b["concluded"]), rate(b["heads_appeared"], b["hearings"])])
    ranked = []
    for p, c, a in rk:
        c_rank = 1 + sum(1 for _, c2, _ in rk if c2 < c)
        a_rank = 1 + sum(1 for _, _, a2 in rk if a2 > a)
        ranked.append([p, rnd(c * 100, 2), c_rank, rnd(a * 100, 2), a_rank])
    ranked.sort(key=lambda x: x[2])
    return [("line", "毕节市 against the province (rates in %, changes on the previous year in %)"),
            ("table", ["year", "corr_pct", "corr_change", "province_corr_pct", "appear_pct", "appear_change",
                       "province_appear_pct", "better"], rows),
            ("line", "2021 ranking: correction rate (lowest first) and appearance rate"),
            ("table", ["region", "corr_pct", "corr_rank", "appear_pct", "appear_rank"], ranked)]


# --- online_service ------------------------------------------------------------------
def online_service():
    yr = group(si, "year")
    rows, prev, rates = [], None, []
    for y in range(2015, 2022):
        n, a, f = (ssum(yr[y,], c) for c in ("items", "online_available", "online_full"))
        fr = rate(f, n)
        rows.append([y, n, a, f, rnd(a / n * 100, 1), rnd(fr * 100, 1),
                     rnd(pp(prev[0], fr), 1) if prev else None, rnd(change(prev[1], f) * 100, 1) if prev else None])
        rates.append((rate(a, n), fr))
        prev = (fr, f)
    lv = group([r for r in si if r["year"] == 2021], "level")
    total = ssum(yr[2021,], "items")
    levels = []
    for level in ("省级", "市级", "县级"):
        n, f = ssum(lv[level,], "items"), ssum(lv[level,], "online_full")
        levels.append([level, n, f, rnd(f / n * 100, 1), rnd(n / total * 100, 1)])
    return [("line", "政务服务事项 by year (rates in %; growth of fully-online items on the previous year in %)"),
            ("table", ["year", "items", "available", "full", "available_pct", "full_pct", "full_points",
                       "full_items_growth"], rows),
            ("line", "2021: 网上可办 %s%% (published 100%%), 全程网办率 %s%% (published 49%%)"
             % (g(rnd(rates[-1][0] * 100, 1)), g(rnd(rates[-1][1] * 100, 1)))),
            ("line", "全程网办率 2015 → 2021: up %s points" % g(rnd(pp(rates[0][1], rates[-1][1]), 1))),
            ("line", "全程网办率 by level, 2021"),
            ("table", ["level", "items", "full", "full_pct", "share_of_items"], levels)]


# --- tongban -------------------------------------------------------------------------
def tongban():
    lv = group([r for r in si if r["year"] >= 2020], "level", "year")
    levels = []
    for level in ("省级", "市级", "县级"):
        a, b = ssum(lv[level, 2020], "province_wide"), ssum(lv[level, 2021], "province_wide")
        levels.append([level, a, b, rnd(change(a, b) * 100, 1)])
    y20 = ssum([r for r in si if r["year"] == 2020], "province_wide")
    y21 = ssum([r for r in si if r["year"] == 2021], "province_wide")
    cases, online = ssum(si, "cases"), ssum(si, "online_cases")
    yr = group(si, "year")
    rows, acc = [], 0
    for y in range(2015, 2022):
        c, o = ssum(yr[y,], "cases"), ssum(yr[y,], "online_cases")
        acc += o
        rows.append([y, c, o, rnd(o / c * 100, 1), acc])
    return [("line", "全省通办 items by level"),
            ("table", ["level", "2020", "2021", "growth_pct"], levels),
            ("line", "全省通办: %d → %d items, growth %s%%, %s times"
             % (y20, y21, g(rnd(change(y20, y21) * 100, 1)), g(rnd(y21 / y20, 2)))),
            ("line", "办件 since 2015: %s亿, 网办件 %s亿, online share %s%%"
             % (g(rnd(cases / 1e8, 2)), g(rnd(online / 1e8, 2)), g(rnd(online / cases * 100, 1)))),
            ("line", "全省通办办件量 %d万余, 跨省通办办件量 %d万余"
             % (ssum(si, "province_wide_cases") // 10000, ssum(si, "cross_province_cases") // 10000)),
            ("line", "online share of cases by year (%)"),
            ("table", ["year", "cases", "online", "online_pct", "online_to_date"], rows)]


# --- enrolment_targets ---------------------------------------------------------------
def enrolment_targets():
    rows = []
    for r in kg:
        if r["year"] != 2021:
            continue
        e, s = rate(r["children"], r["school_age_children"]), rate(r["public_children"], r["children"])
        rows.append((e, [r["region"], rnd(e * 100, 1), rnd(pp(0.85, e), 1), rnd(s * 100, 2), rnd(pp(0.5, s), 2),
                         e >= 0.85 and s >= 0.5]))
    rows = [x[1] for x in sorted(rows, key=lambda x: -x[0])]
    k21 = [r for r in kg if r["year"] == 2021]
    e = ssum(k21, "children") / ssum(k21, "school_age_children")
    s = ssum(k21, "public_children") / ssum(k21, "children")
    by = group(kg, "year")
    years = []
    for y in range(2015, 2022):
        es = [rate(r["children"], r["school_age_children"]) for r in by[y,]]
        years.append([y, sum(1 for v in es if v >= 0.85), rnd(min(es) * 100, 1), rnd(max(es) * 100, 1)])
    return [("line", "2021 by prefecture (rates in %, gaps in points against the targets)"),
            ("table", ["region", "enrol_pct", "enrol_gap", "public_pct", "public_gap", "meets_both"], rows),
            ("line", "全省 2021: 毛入园率 %s%% (%s points above 85%%), 公办园在园儿童占比 %s%% (%s points above 50%%)"
             % (g(rnd(e * 100, 1)), g(rnd(pp(0.85, e), 1)), g(rnd(s * 100, 2)), g(rnd(pp(0.5, s), 2)))),
            ("line", "prefectures at or above the 85% enrolment target, by year"),
            ("table", ["year", "met", "lowest_pct", "highest_pct"], years),
            ("line", "prefecture-years without figures: %d" % sum(1 for p in PREFS for y in range(2015, 2022)
                                                             if not any(r["region"] == p and r["year"] == y for r in kg))),
            ("line", "2021 in the official order, with the province (rates in %)"),
            ("table", ["region", "children", "enrol_pct", "public_pct"], official_table(
                group(kg, "region", "year"), 2021, ["children", "school_age_children", "public_children"],
                lambda s: [rnd(rate(s["children"], s["school_age_children"]) * 100, 1),
                           rnd(rate(s["public_children"], s["children"]) * 100, 2)], shown=["children"]))]


# --- teacher_ratio -------------------------------------------------------------------
def teacher_ratio():
    rows = []
    for r in kg:
        if r["year"] == 2021:
            t, s = rnd(r["children"] / r["teachers"], 1), rnd(r["children"] / r["staff"], 1)
            rows.append([r["region"], r["children"], r["teachers"], r["staff"], t, "1:" + g(t), "1:" + g(s)])
    rows.sort(key=lambda x: x[4])
    by = group(kg, "year")
    years, prev = [], None
    for y in range(2015, 2022):
        c, t, s, pt = (ssum(by[y,], k) for k in ("children", "teachers", "staff", "public_teachers"))
        years.append([y, c, t, s, pt, rnd(c / t, 1), rnd(c / s, 1), None if prev is None else pt - prev])
        prev = pt
    added = ssum(by[2020,], "public_teachers") - ssum(by[2015,], "public_teachers")
    return [("line", "2021 by prefecture, fewest children per teacher first"),
            ("table", ["region", "children", "teachers", "staff", "per_teacher", "teacher_ratio", "staff_ratio"], rows),
            ("line", "province by year"),
            ("table", ["year", "children", "teachers", "staff", "public_teachers", "per_teacher", "per_staff",
                       "new_public_teachers"], years),
            ("line", "公办专任教师 added in 十三五 (2015 → 2020): %d (published: 2万余名)" % added)]


# --- preschool_funding ---------------------------------------------------------------
def preschool_funding():
    p13 = [r for r in kg if 2016 <= r["year"] <= 2020]
    total = ssum(p13, "funding")
    plan12 = 550000000
    by = group(p13, "year")
    years, acc = [], 0
    for y in range(2016, 2021):
        f = ssum(by[y,], "funding")
        acc += f
        years.append([y, f, f / 1e8, acc / 1e8])
    reg = group(p13, "region")
    pub = {(r["region"], r["year"]): r["public_kindergartens"] for r in kg}
    prefs = []
    for p in PREFS:
        f = ssum(reg[p,], "funding")
        prefs.append([p, f, rnd(f / 1e8, 2), rnd(f / total * 100, 1), pub[p, 2020] - pub[p, 2015]])
    prefs.sort(key=lambda x: -x[1])
    return [("line", "十三五 省级投入 %s亿元; 十二五 %s亿元" % (g(total / 1e8), g(plan12 / 1e8))),
            ("line", "increase %s亿元, growth %d%% (published: 增加了23亿元,增长418%%)"
             % (g((total - plan12) / 1e8), int(rnd(change(plan12, total) * 100)))),
            ("line", "by year (亿元)"),
            ("table", ["year", "funding", "yi", "to_date"], years),
            ("line", "by prefecture over 2016–2020, with public kindergartens added 2015 → 2020"),
            ("table", ["region", "funding", "yi", "share_pct", "added"], prefs)]


# --- seed_figures --------------------------------------------------------------------
def dec(x, digits, shift=0):
    """x (shortest decimal form) × 10^shift, rounded half away from zero to `digits` places."""
    return Decimal(repr(x) if isinstance(x, float) else str(x)).scaleb(shift).quantize(
        Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP)


def pct(x, digits=2):
    return "%s%%" % dec(x, digits, 2)


def cn(x, digits=2):
    def trim(d):
        t = str(d)
        return t.rstrip("0").rstrip(".") if "." in t else t
    plain, wan, yi = dec(x, digits), dec(x, digits, -4), dec(x, digits, -8)
    if x < 10000 and plain < 10000:
        return trim(plain)
    if x < 100000000 and wan < 10000:
        return trim(wan) + "万"
    return trim(yi) + "亿"


def say_change(old, new, digits=1):
    f = dec(change(old, new), digits, 2)
    return "持平" if f == 0 else ("增长%s%%" % f if f > 0 else "下降%s%%" % -f)


def say_pp(old, new, digits=2):
    f = dec(pp(old, new), digits)
    return "持平" if f == 0 else ("上升%s个百分点" % f if f > 0 else "下降%s个百分点" % -f)


def seed_figures():
    yr = {y: {k: ssum(rows, k) for k in ["received", "concluded", "corrected", "hearings", "heads_appeared"]}
          for (y,), rows in group(rc, "year").items()}
    corr = {y: v["corrected"] / v["concluded"] for y, v in yr.items()}
    appr = {y: v["heads_appeared"] / v["hearings"] for y, v in yr.items()}
    bj = {r["year"]: r for r in rc if r["region"] == "毕节市"}
    bc = {y: bj[y]["corrected"] / bj[y]["concluded"] for y in (2020, 2021)}
    ba = {y: bj[y]["heads_appeared"] / bj[y]["hearings"] for y in (2020, 2021)}
    t20 = ssum([r for r in si if r["year"] == 2020], "province_wide")
    t21 = ssum([r for r in si if r["year"] == 2021], "province_wide")
    cases, online = ssum(si, "cases"), ssum(si, "online_cases")
    k21 = [r for r in kg if r["year"] == 2021]
    children = ssum(k21, "children")
    enrol, public = children / ssum(k21, "school_age_children"), ssum(k21, "public_children") / children
    teachers = {y: ssum([r for r in kg if r["year"] == y], "public_teachers") for y in (2015, 2020)}
    plan12, plan13 = 550000000, ssum([r for r in kg if 2016 <= r["year"] <= 2020], "funding")
    cagr = (plan13 / plan12) ** (1 / 5) - 1
    lines = [
        "毕节市共排查调处各类纠纷10714件,调处成功10185件,调处成功率%s" % pct(rate(10185, 10714)),
        "全省共受理行政复议案件%d件,审结%d件,纠错%d件" % tuple(sum(v[k] for v in yr.values()) for k in ["received", "concluded", "corrected"]),
        "2021年相比2017年,纠错率" + say_change(corr[2017], corr[2021], 2),
        "2021年全省行政机关行政复议纠错率同比" + say_change(corr[2020], corr[2021], 1),
        "出庭应诉率从2017年的%s上升到2021年的%s,%s" % (pct(appr[2017], 1), pct(appr[2021]), say_pp(appr[2017], appr[2021])),
        "按公布的两个数字: pp(33.1%%, 65.81%%) = %s,即%s" % (g(pp(0.331, 0.6581)), say_pp(0.331, 0.6581)),
        "行政机关负责人出庭应诉率同比上升" + pct(change(appr[2020], appr[2021])),
        "毕节市纠错率降至%s,同比%s;出庭应诉率为%s,同比上升%s" % (pct(bc[2021], 1), say_change(bc[2020], bc[2021], 1),
                                                   pct(ba[2021], 1), pct(change(ba[2020], ba[2021]), 1)),
        "全省通办事项从2020年的%d项增长至2021年的%d项,%s" % (t20, t21, say_change(t20, t21)),
        "累计办件%s件,其中网办件%s件,网上实际办理率达%s" % (cn(cases, 0), cn(online), pct(online / cases, 1)),
        "(按公布的约数: rate(1.43亿, 2亿) = %s;累计办件实为%s件)" % (pct(143000000 / 200000000, 1), cn(cases)),
        "全省通办办件量%s余件;全省“跨省通办”办件量%s余件" % (cn(ssum(si, "province_wide_cases"), 0), cn(ssum(si, "cross_province_cases"), 0)),
        "2021年全省幼儿园数达到%d所,在园幼儿数%s" % (ssum(k21, "kindergartens"), cn(children)),
        "学前三年毛入园率达%s,公办幼儿园在园儿童占比达%s,分别超过国家确定的发展目标%s和%s个百分点"
        % (pct(enrol, 1), pct(public), g(float(dec(pp(0.85, float(dec(enrol, 3))), 1))), g(float(dec(pp(0.5, float(dec(public, 4))), 2)))),
        "按公布的数字: gap(91.4%%, 85%%) = %s, gap(58.82%%, 50%%) = %s" % (g(pp(0.85, 0.914)), g(pp(0.5, 0.5882))),
        "幼儿园专任教师与幼儿比提升到2021年的1:%s;幼儿园教职工与幼儿比提升到1:%s"
        % (dec(children / ssum(k21, "teachers"), 1), dec(children / ssum(k21, "staff"), 1)),
        "“十三五”期间,全省新增公办幼儿园专任教师%s余名" % cn(teachers[2020] - teachers[2015], 0),
        "省级财政投入公办幼儿园建设资金总量比“十二五”期间(%s元)增加了%s元,%s" % (cn(plan12), cn(plan13 - plan12), say_change(plan12, plan13, 0)),
        "按公布的数字: change(5.5亿, 28.5亿) = %s,fmt_pct(_, 0) = %s;年均增长%s"
        % (g(change(550000000, 2850000000)), pct(change(550000000, 2850000000), 0), pct(cagr, 1)),
    ]
    return [("line", line) for line in lines]


# --- report --------------------------------------------------------------------------
def sparkline(values):
    """gzq's sparkline: ⣀⣤⣶⣿ from the smallest to the largest, rounded half up."""
    lo, hi = min(values), max(values)
    return "".join("⣤" if hi == lo else "⣀⣤⣶⣿"[int(math.floor((v - lo) / (hi - lo) * 3 + 0.5))] for v in values)


def report():
    years = [2017, 2018, 2019, 2020, 2021]
    by = group(rc, "region", "year")
    yr = {y: {k: ssum(rows, k) for k in ["received", "concluded", "corrected", "hearings", "heads_appeared"]}
          for (y,), rows in group(rc, "year").items()}
    r = {(p, y): rate(ssum(by[p, y], "corrected"), ssum(by[p, y], "concluded")) for p in PREFS for y in years}
    for y in years:
        r["全省", y] = yr[y]["corrected"] / yr[y]["concluded"]
    appr = {y: yr[y]["heads_appeared"] / yr[y]["hearings"] for y in years}
    rows = [[p] + [pct(r[p, y]) for y in years] + ["%s" % dec(pp(r[p, 2017], r[p, 2021]), 2), sparkline([r[p, y] for y in years])]
            for p in PREFS + ["全省"]]
    fell = [p for p in PREFS if r[p, 2021] < r[p, 2017]]
    most = min(PREFS, key=lambda p: pp(r[p, 2017], r[p, 2021]))
    totals = [sum(v[k] for v in yr.values()) for k in ["received", "concluded", "corrected"]]
    c = {y: r["全省", y] for y in years}
    lines = [
        "全省共受理行政复议案件%d件，审结%d件，纠错%d件，其中2021年相比2017年，纠错率%s。" % (*totals, say_change(c[2017], c[2021], 2)),
        "全省纠错率从2017年的%s降至2021年的%s，%s；2021年同比%s。" % (pct(c[2017]), pct(c[2021]), say_pp(c[2017], c[2021]), say_change(c[2020], c[2021])),
        "%d个市（州）中%d个纠错率下降，降幅最大的是%s（%s）。" % (len(PREFS), len(fell), most, say_pp(r[most, 2017], r[most, 2021])),
        "2021年，毕节市行政复议案件纠错率降至%s，同比%s。" % (pct(r["毕节市", 2021], 1), say_change(r["毕节市", 2020], r["毕节市", 2021])),
        "全省行政机关负责人出庭应诉率从2017年的%s上升到2021年的%s，%s。" % (pct(appr[2017], 1), pct(appr[2021]), say_pp(appr[2017], appr[2021])),
    ]
    # The bar chart as text: one row per prefecture ending in its change in points (the bars'
    # lengths are not recomputed here; the labels and figures are).
    bars = [("regex", r"%s *\|[ #|]*#[ #|]* +%s" % (p, re.escape("%s" % dec(pp(r[p, 2017], r[p, 2021]), 2)))) for p in PREFS]
    return ([("line", line) for line in lines]
            + [("table", ["地区"] + [str(y) for y in years] + ["变化", "趋势"], rows),
               ("line", "2021年比2017年纠错率变化（百分点）")] + bars
            + [("line", "报告已写入 report.html")])


# --- office (the workbook holds the figures of review_cases.csv) ---------------------
def office():
    by = group(rc, "region", "year")
    years = list(range(2017, 2022))
    corrected = [[p, y, ssum(by[p, y], "corrected")] for p in PREFS[:1] for y in years[:3]]
    r = {(p, y): rate(ssum(by[p, y], "corrected"), ssum(by[p, y], "concluded")) for p in PREFS for y in (2017, 2021)}
    rows = [[p, pct(r[p, 2017]), pct(r[p, 2021]), say_pp(r[p, 2017], r[p, 2021])] for p in PREFS]
    order = sorted(PREFS, key=lambda p: -(r[p, 2021] - r[p, 2017]))
    rows = [rows[PREFS.index(p)] for p in order]
    yr = group(rc, "year")
    province = [[y, "{:,}".format(ssum(yr[y,], "concluded")), "{:,}".format(ssum(yr[y,], "corrected")),
                 pct(rate(ssum(yr[y,], "corrected"), ssum(yr[y,], "concluded")))] for y in years]
    sheets = '["2017", "2018", "2019", "2020", "2021", "历年纠错"]'
    return [("line", sheets),
            ("line", '%d rows; ["地区", "受理", "审结", "纠错", "开庭", "负责人出庭", "受理同比", "year"]' % len(rc)),
            ("table", ["地区", "year", "纠错件数"], corrected),
            ("line", "CSV rows: %d differing from the workbook: 0" % len(rc)),
            ("line", "rows where the two sheets disagree: 0"),
            ("table", ["地区", "纠错率2017", "纠错率2021", "变化"], rows),
            ("table", ["year", "审结", "纠错", "纠错率"], province),
            ("line", '["纠错率", "全省", "明细"]'),
            ("line", "true"),
            ("line", "true")]


CHECKS = [correction_rate_fall, appearance_rate, cases_by_year, bijie_vs_province, online_service, tongban,
          enrolment_targets, teacher_ratio, preschool_funding, seed_figures, report, office]

if __name__ == "__main__":
    for fn in CHECKS:
        compare(fn.__name__, fn())
    print()
    print("%d expected file(s) differ from the Python computation" % len(failures) if failures
          else "every number in Samples/expected/ agrees with the Python computation")
    sys.exit(1 if failures else 0)

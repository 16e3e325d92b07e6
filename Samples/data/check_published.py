#!/usr/bin/env python3
"""Checks that the sample datasets reproduce every figure of the seed report that they
claim to reproduce (Samples/README.md lists them).  Plain Python, no pandas.

    python3 Samples/data/check_published.py

Rounding follows the report: a figure published with d decimals must come out the same
when the computed value is rounded half away from zero to d decimals.
"""
import csv
import os
import sys
from decimal import Decimal, ROUND_HALF_UP

HERE = os.path.dirname(os.path.abspath(__file__))
failures = []


def rnd(x, digits):
    q = Decimal(1).scaleb(-digits)
    return float(Decimal(repr(x)).quantize(q, rounding=ROUND_HALF_UP))


def load(name):
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for r in rows:
        for k, v in r.items():
            if v != "" and (v.isdigit() or (v[0] == "-" and v[1:].isdigit())):
                r[k] = int(v)
            elif v == "":
                r[k] = None
    return rows


def check(label, got, want):
    ok = got == want
    print(("ok   " if ok else "FAIL ") + label + ": " + repr(got) + (" " if ok else " != " + repr(want)))
    if not ok:
        failures.append(label)


def total(rows, col, **where):
    return sum(r[col] for r in rows if all(r[k] == v for k, v in where.items()) and r[col] is not None)


# --- review_cases.csv ---------------------------------------------------------------
rc = load("review_cases.csv")
check("9 prefectures x 2017-2021", (len(rc), len({r["region"] for r in rc}), sorted({r["year"] for r in rc})),
      (45, 9, [2017, 2018, 2019, 2020, 2021]))
check("受理行政复议案件18088件", total(rc, "received"), 18088)
check("审结17426件", total(rc, "concluded"), 17426)
check("纠错3412件", total(rc, "corrected"), 3412)
corr = {y: total(rc, "corrected", year=y) / total(rc, "concluded", year=y) for y in range(2017, 2022)}
check("2021年相比2017年,纠错率下降18.38%", rnd((corr[2021] - corr[2017]) / corr[2017] * 100, 2), -18.38)
check("2021年 纠错率同比下降14.7%", rnd((corr[2021] - corr[2020]) / corr[2020] * 100, 1), -14.7)
app = {y: total(rc, "heads_appeared", year=y) / total(rc, "hearings", year=y) for y in range(2017, 2022)}
check("出庭应诉率 2017年的33.1%", rnd(app[2017] * 100, 1), 33.1)
check("出庭应诉率 2021年的65.81%", rnd(app[2021] * 100, 2), 65.81)
check("出庭应诉率同比上升20.41%", rnd((app[2021] - app[2020]) / app[2020] * 100, 2), 20.41)
check("出庭应诉率逐年上升", all(app[y] < app[y + 1] for y in range(2017, 2021)), True)
bj = lambda col, y: total(rc, col, region="毕节市", year=y)
bc = {y: bj("corrected", y) / bj("concluded", y) for y in (2020, 2021)}
ba = {y: bj("heads_appeared", y) / bj("hearings", y) for y in (2020, 2021)}
check("毕节 纠错率降至7.7%", rnd(bc[2021] * 100, 1), 7.7)
check("毕节 纠错率同比下降20.8%", rnd((bc[2021] - bc[2020]) / bc[2020] * 100, 1), -20.8)
check("毕节 出庭应诉率为83.2%", rnd(ba[2021] * 100, 1), 83.2)
check("毕节 出庭应诉率同比上升12.1%", rnd((ba[2021] - ba[2020]) / ba[2020] * 100, 1), 12.1)
check("毕节 好于全省平均 (纠错率更低, 出庭率更高)", (bc[2021] < corr[2021], ba[2021] > app[2021]), (True, True))
check("counts consistent (corrected<=concluded, heads<=hearings)",
      all(r["corrected"] <= r["concluded"] and r["heads_appeared"] <= r["hearings"] for r in rc), True)

# --- service_items.csv --------------------------------------------------------------
si = load("service_items.csv")
check("units per year: 省级 + 9 市级 + 9 县级", {y: sum(1 for r in si if r["year"] == y) for y in range(2015, 2022)},
      {y: 19 for y in range(2015, 2022)})
items21 = total(si, "items", year=2021)
check("省市县三级政务服务事项已实现100%网上可办", total(si, "online_available", year=2021) == items21, True)
check("全程网办率达49%", rnd(total(si, "online_full", year=2021) / items21 * 100, 0), 49.0)
check("全省通办事项 2020年的671项", total(si, "province_wide", year=2020), 671)
check("全省通办事项 2021年的3635项", total(si, "province_wide", year=2021), 3635)
check("全省通办 none before 2020", all(r["province_wide"] is None for r in si if r["year"] < 2020), True)
cases = total(si, "cases")
online = total(si, "online_cases")
check("网办件1.43亿件", rnd(online / 1e8, 2), 1.43)
check("网上实际办理率达65.6% (网办件 / 办件)", rnd(online / cases * 100, 1), 65.6)
check("累计办件2亿件 (read as 2亿余: at least 2亿, below 2.5亿)", 2e8 <= cases < 2.5e8, True)
check("全省通办办件量610万余件", int(total(si, "province_wide_cases") // 10_000), 610)
check("跨省通办办件量66万余件", int(total(si, "cross_province_cases") // 10_000), 66)
check("service counts consistent",
      all(r["online_full"] <= r["online_available"] <= r["items"] and r["online_cases"] <= r["cases"] for r in si), True)

# --- kindergartens.csv --------------------------------------------------------------
kg = load("kindergartens.csv")
check("9 prefectures x 2015-2021", (len(kg), len({r["region"] for r in kg})), (63, 9))
k = lambda col, y: total(kg, col, year=y)
check("2021年全省幼儿园数达到11305所", k("kindergartens", 2021), 11305)
check("在园幼儿数165.53万", rnd(k("children", 2021) / 1e4, 2), 165.53)
check("全省学前三年毛入园率达91.4%", rnd(k("children", 2021) / k("school_age_children", 2021) * 100, 1), 91.4)
check("公办幼儿园在园儿童占比达58.82%", rnd(k("public_children", 2021) / k("children", 2021) * 100, 2), 58.82)
check("超过国家目标6.4个百分点 (85%)", rnd((k("children", 2021) / k("school_age_children", 2021) - 0.85) * 100, 1), 6.4)
check("超过国家目标8.82个百分点 (50%)", rnd((k("public_children", 2021) / k("children", 2021) - 0.50) * 100, 2), 8.82)
check("专任教师与幼儿比 1:16.2", rnd(k("children", 2021) / k("teachers", 2021), 1), 16.2)
check("教职工与幼儿比 1:8.6", rnd(k("children", 2021) / k("staff", 2021), 1), 8.6)
check("十三五 新增公办幼儿园专任教师2万余名 (2015→2020)",
      20_000 <= k("public_teachers", 2020) - k("public_teachers", 2015) < 30_000, True)
f135 = sum(k("funding", y) for y in range(2016, 2021))
check("十三五 省级投入 = 5.5亿 + 23亿 = 28.5亿", f135, 2_850_000_000)
check("增长418%", rnd((f135 - 5.5e8) / 5.5e8 * 100, 0), 418.0)
check("kindergarten counts consistent",
      all(r["public_kindergartens"] <= r["kindergartens"] and r["public_children"] <= r["children"]
          and r["public_teachers"] <= r["teachers"] <= r["staff"] and r["children"] <= r["school_age_children"]
          for r in kg), True)

print()
print("%d check(s) failed" % len(failures) if failures else "all published figures reproduced")
sys.exit(1 if failures else 0)

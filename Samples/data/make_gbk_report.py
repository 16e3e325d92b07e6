#!/usr/bin/env python3
"""Writes review_cases_gbk.csv: review_cases.csv laid out as a report table exported by Excel
on Chinese Windows (GBK bytes, CRLF line ends, a title row, Chinese headers, thousands
separators, percent cells, padded names, a 合计 row per year, "—" for "no value").

    python3 Samples/data/make_gbk_report.py

Every number comes from review_cases.csv; the percent cells are corrected / concluded rounded
to two decimals, as a report prints them.
"""
import csv
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def thousands(n):
    return f"{n:,}"


def main():
    with open(os.path.join(HERE, "review_cases.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    lines = [["2017—2021年各市州行政复议案件统计表", "", "", "", "", "", ""],
             ["地区", "年度", "受理", "审结", "纠错", "纠错率", "备注"]]
    for year in sorted({r["year"] for r in rows}):
        total = {"received": 0, "concluded": 0, "corrected": 0}
        for r in (r for r in rows if r["year"] == year):
            received, concluded, corrected = int(r["received"]), int(r["concluded"]), int(r["corrected"])
            for k, v in (("received", received), ("concluded", concluded), ("corrected", corrected)):
                total[k] += v
            # Excel users pad three-character names with an ideographic space to line them up.
            name = r["region"] if len(r["region"]) > 3 else r["region"] + "\u3000"
            lines.append([name, year, thousands(received), thousands(concluded), str(corrected),
                          f"{100 * corrected / concluded:.2f}%", "—"])
        lines.append(["合计", year, thousands(total["received"]), thousands(total["concluded"]),
                      thousands(total["corrected"]), f"{100 * total['corrected'] / total['concluded']:.2f}%", "全省"])
    with open(os.path.join(HERE, "review_cases_gbk.csv"), "w", encoding="gbk", newline="") as f:
        csv.writer(f, lineterminator="\r\n").writerows(lines)


if __name__ == "__main__":
    main()

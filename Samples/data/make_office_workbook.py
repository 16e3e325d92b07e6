"""Builds Samples/data/review_cases.xlsx from review_cases.csv, in the shape provincial offices
publish their tables: `python3 Samples/data/make_office_workbook.py` (needs openpyxl).

One sheet per year 2017–2021, each with a title row (merged across the table), a two-row
header (地区 and 受理同比 merged over both rows, 行政复议（件） and 行政应诉（次） over their
columns), the nine prefectures, and a 合计 row of SUM formulas; 受理同比 is the change of
cases received against the year before, a percent, and "—" in 2017 (no 2016 in the data).
A last sheet, 历年纠错, holds corrected cases in the wide layout (地区, 2017, …, 2021).
The figures are those of review_cases.csv (see Samples/README.md for which are published);
only the layout is new, and one region name is padded with spaces, as hand-typed tables often
are. The file is saved in Excel's own layout (shared strings, cached formula values) by
Tests/office/excel_layout.py; its bytes are the same on every run.
"""
import csv
import datetime
import os
import sys

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "Tests", "office"))
from excel_layout import to_excel_layout  # noqa: E402

YEARS = range(2017, 2022)
with open(os.path.join(HERE, "review_cases.csv"), encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
regions = list(dict.fromkeys(r["region"] for r in rows))
data = {(r["region"], int(r["year"])): r for r in rows}
FIELDS = ["received", "concluded", "corrected", "hearings", "heads_appeared"]


def shown(region):
    return " 安顺市" if region == "安顺市" else region


wb = Workbook()
wb.properties.created = wb.properties.modified = datetime.datetime(2022, 4, 1)
wb.remove(wb.active)
cached = {}
bold = Font(bold=True)
for year in YEARS:
    ws = wb.create_sheet(str(year))
    ws["A1"] = "%d年各市州行政复议和行政应诉情况统计表" % year
    ws["A1"].font = Font(bold=True, size=14)
    ws.merge_cells("A1:G1")
    ws["A2"], ws["B2"], ws["E2"], ws["G2"] = "地区", "行政复议（件）", "行政应诉（次）", "受理同比"
    for ref, label in zip(["B3", "C3", "D3", "E3", "F3"], ["受理", "审结", "纠错", "开庭", "负责人出庭"]):
        ws[ref] = label
    for merged in ["A2:A3", "B2:D2", "E2:F2", "G2:G3"]:
        ws.merge_cells(merged)
    for cell in ws[2] + ws[3]:
        cell.font = bold
        cell.alignment = Alignment(horizontal="center")
    for i, region in enumerate(regions, start=4):
        r = data[(region, year)]
        ws.cell(i, 1, shown(region))
        for c, field in enumerate(FIELDS, start=2):
            ws.cell(i, c, int(r[field]))
        if year == YEARS[0]:
            ws.cell(i, 7, "—")
        else:
            before = int(data[(region, year - 1)]["received"])
            ws.cell(i, 7, (int(r["received"]) - before) / before).number_format = "0.00%"
    total = 4 + len(regions)
    ws.cell(total, 1, "合计").font = bold
    for c, field in enumerate(FIELDS, start=2):
        letter = "BCDEF"[c - 2]
        ws.cell(total, c, "=SUM(%s4:%s%d)" % (letter, letter, total - 1)).font = bold
        cached[(str(year), "%s%d" % (letter, total))] = sum(int(data[(g, year)][field]) for g in regions)
    ws.cell(total, 7, "—")
    ws.freeze_panes = "B4"
    ws.column_dimensions["A"].width = 12

ws = wb.create_sheet("历年纠错")
ws["A1"] = "2017—2021年各市州行政复议纠错件数"
ws["A1"].font = Font(bold=True, size=14)
ws.merge_cells("A1:F1")
ws["A2"], ws["B2"] = "地区", "纠错（件）"
ws.merge_cells("A2:A3")
ws.merge_cells("B2:F2")
for c, year in enumerate(YEARS, start=2):
    ws.cell(3, c, year)
for i, region in enumerate(regions, start=4):
    ws.cell(i, 1, region)
    for c, year in enumerate(YEARS, start=2):
        ws.cell(i, c, int(data[(region, year)]["corrected"]))
total = 4 + len(regions)
ws.cell(total, 1, "合计")
for c, year in enumerate(YEARS, start=2):
    letter = "BCDEF"[c - 2]
    ws.cell(total, c, "=SUM(%s4:%s%d)" % (letter, letter, total - 1))
    cached[("历年纠错", "%s%d" % (letter, total))] = sum(int(data[(g, year)]["corrected"]) for g in regions)

out = os.path.join(HERE, "review_cases.xlsx")
wb.save(out)
to_excel_layout(out, cached=cached)
print("wrote", out)

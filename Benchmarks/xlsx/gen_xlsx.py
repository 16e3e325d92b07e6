"""A 100,000-row × 10-column workbook for the xlsx read benchmark (docs/PERFORMANCE.md):
`python3 Benchmarks/xlsx/gen_xlsx.py OUT.xlsx [ROWS]`. Deterministic. Columns: id, city and
item (Chinese text), qty (int), price (float), day (date, yyyy-mm-dd), share (0.00%), an often
empty column, a bool, an optional note. Written by openpyxl, then rewritten into Excel's
layout (shared strings) by Tests/office/excel_layout.py, as Excel would save it.
"""
import datetime
import os
import sys

from openpyxl import Workbook

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Tests", "office"))
from excel_layout import to_excel_layout  # noqa: E402

out = sys.argv[1]
rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
cities = ["贵阳", "遵义", "六盘水", "安顺", "毕节", "铜仁", "黔东南", "黔南", "黔西南", "贵安"]
items = ["香蕉", "苹果", "肠旺面", "酸汤鱼", "丝娃娃", "折耳根", "刺梨", "茅台"]
wb = Workbook(write_only=True)
wb.properties.created = wb.properties.modified = datetime.datetime(2021, 6, 30)
ws = wb.create_sheet("data")
ws.append(["id", "city", "item", "qty", "price", "day", "share", "sparse", "ok", "note"])
start = datetime.date(2024, 1, 1)
from openpyxl.cell import WriteOnlyCell  # noqa: E402
for i in range(1, rows + 1):
    day = WriteOnlyCell(ws, value=start + datetime.timedelta(days=i % 366))
    day.number_format = "yyyy-mm-dd"
    share = WriteOnlyCell(ws, value=(i % 100) / 100)
    share.number_format = "0.00%"
    ws.append([i, cities[i % len(cities)], items[(i * 7) % len(items)] + str(i % 13), i % 50, round(i % 997 / 7, 4),
               day, share, i if i % 3 == 0 else None, i % 2 == 0, "备注%d" % i if i % 5 == 0 else None])
wb.save(out)
to_excel_layout(out)

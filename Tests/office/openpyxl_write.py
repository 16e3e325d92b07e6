"""Writes the workbooks OfficeClientTests reads with gzq: `python3 openpyxl_write.py OUTDIR`.

cases.xlsx   openpyxl output rewritten into Excel's layout (excel_layout.py): shared strings
             (Chinese, rich text, a phonetic run, escapes), formulas with cached values
             (number, text, #DIV/0!), error cells, merged ranges, dates in several formats,
             a time format, booleans, an empty header cell, a report title row; three sheets.
mac1904.xlsx a workbook in the 1904 date system.
inline.xlsx  openpyxl's own layout, untouched (inline strings; a formula with no cached value).
"""
import datetime
import os
import sys

from openpyxl import Workbook
from openpyxl.cell.rich_text import CellRichText, TextBlock
from openpyxl.cell.text import InlineFont
from openpyxl.utils.datetime import CALENDAR_MAC_1904

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from excel_layout import to_excel_layout  # noqa: E402

FIXED = datetime.datetime(2021, 6, 30, 0, 0, 0)


def fixed_properties(wb):
    wb.properties.created = FIXED
    wb.properties.modified = FIXED


def cases(path):
    wb = Workbook()
    fixed_properties(wb)
    # Sheet 1: a report table. Title row merged over the table, header in row 2, a 合计 row of formulas.
    ws = wb.active
    ws.title = "2021"
    ws["A1"] = "2021年各市州行政复议案件统计表"
    ws.merge_cells("A1:F1")
    ws.append(["地区", "受理", "审结", "纠错", None, "纠错率"])
    rows = [("贵阳市", 755, 707, 151), (" 遵义市　", 498, 474, 100), ("六盘水市", "—", 203, 48)]
    for r, (region, received, concluded, corrected) in enumerate(rows, start=3):
        ws.append([region, received, concluded, corrected, None, "=D%d/C%d" % (r, r)])
    ws.append(["合计", "=SUM(B3:B5)", "=SUM(C3:C5)", "=SUM(D3:D5)", "=C6-C6", "=D6/E6"])
    cached = {("2021", "F3"): 151 / 707, ("2021", "F4"): 100 / 474, ("2021", "F5"): 48 / 203,
              ("2021", "B6"): 1253, ("2021", "C6"): 1384, ("2021", "D6"): 299, ("2021", "E6"): 0,
              ("2021", "F6"): "#DIV/0!"}

    # Sheet 2: one column per kind of cell.
    ws = wb.create_sheet("类型")
    ws.append(["整数", "小数", "日期", "中文日期", "短日期", "时间", "时刻", "布尔", "文本", "错误", "混合", "公式文本"])
    ws.append([1, 0.5, datetime.date(2021, 6, 30), datetime.date(2017, 4, 1), datetime.date(1900, 2, 28), 0.5,
               datetime.datetime(2021, 6, 30, 15, 30), True, CellRichText([TextBlock(InlineFont(b=True), "肠旺"), "面"]),
               "#N/A", 7, '=I2&"!"'])
    ws.append([-7, 2, datetime.date(1900, 3, 1), datetime.date(2021, 12, 31), datetime.date(1900, 1, 1), 0.75,
               datetime.datetime(1999, 12, 31, 23, 59), False, "A&B <x> \"q\"", 3, "七", '=I3&"!"'])
    ws.append([123456789012, 1e-7, None, None, None, None, None, None, "贵阳市", None, None, None])
    for row in ws.iter_rows(min_row=2):
        row[3].number_format = 'yyyy"年"m"月"d"日"'
        row[4].number_format = "mm-dd-yy"          # built-in id 14
        row[5].number_format = "h:mm"
        row[6].number_format = "yyyy-mm-dd hh:mm"
    cached.update({("类型", "L2"): "肠旺面!", ("类型", "L3"): "A&B <x> \"q\"!"})

    # Sheet 3: merged ranges in the data; the followers of a merge are empty.
    ws = wb.create_sheet("合并")
    ws.append(["地区", "县", "n"])
    ws.append(["黔南州", "都匀市", 1])
    ws.append([None, "福泉市", 2])
    ws.append(["黔东南州", "凯里市", 3])
    ws.merge_cells("A2:A3")
    ws.merge_cells("B4:C4")
    wb.save(path)
    to_excel_layout(path, cached=cached, phonetic={"贵阳市": "guiyang"})


def mac1904(path):
    wb = Workbook()
    fixed_properties(wb)
    wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "dates"
    ws.append(["day", "n"])
    ws.append([datetime.date(1904, 1, 1), 1])
    ws.append([datetime.date(2021, 6, 30), 2])
    wb.save(path)


def inline(path):
    wb = Workbook()
    fixed_properties(wb)
    ws = wb.active
    ws.title = "Sheet"
    ws.append(["名称", "数量", "两倍"])
    ws.append(["甲", 2, "=B2*2"])
    ws.append(["乙", 3, "=B3*2"])
    wb.save(path)


if __name__ == "__main__":
    out = sys.argv[1]
    cases(os.path.join(out, "cases.xlsx"))
    mac1904(os.path.join(out, "mac1904.xlsx"))
    inline(os.path.join(out, "inline.xlsx"))

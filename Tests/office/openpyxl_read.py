"""Prints what openpyxl reads from a workbook, one line per cell, for OfficeClientTests:
`python3 openpyxl_read.py FILE`. Per sheet: its title, the frozen pane and the column widths,
then every non-empty cell as `A2 'value' type format` (bold header cells marked `bold`).
"""
import sys

from openpyxl import load_workbook

wb = load_workbook(sys.argv[1])
for ws in wb.worksheets:
    widths = " ".join("%s=%g" % (k, v.width) for k, v in sorted(ws.column_dimensions.items()))
    print("sheet %r freeze=%s widths: %s" % (ws.title, ws.freeze_panes, widths))
    for row in ws.iter_rows():
        for c in row:
            if c.value is None:
                continue
            bold = " bold" if c.font is not None and c.font.b else ""
            print("%s %r %s %r%s" % (c.coordinate, c.value, c.data_type, c.number_format, bold))

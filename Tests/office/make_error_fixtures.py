"""Writes the damaged and unusual workbooks of Tests/conformance/office/data (committed):
`python3 Tests/office/make_error_fixtures.py`. Plain zipfile and hand-written XML, so every
byte is deterministic and each file has exactly the one fault its name says.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "conformance", "office", "data")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def parts(sheets, shared=None, styles=None, date1904=False):
    """The parts of a minimal workbook: sheets is [(name, sheetData xml, extra xml after sheetData)]."""
    out = {}
    types = ['<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>',
             '<Default Extension="xml" ContentType="application/xml"/>',
             '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>']
    rels, entries = [], []
    for i, (name, data, extra) in enumerate(sheets, start=1):
        types.append('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % i)
        rels.append('<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>' % (i, REL, i))
        entries.append('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (name, i, i))
        out["xl/worksheets/sheet%d.xml" % i] = HEAD + '<worksheet xmlns="%s"><sheetData>%s</sheetData>%s</worksheet>' % (MAIN, data, extra)
    if shared is not None:
        rels.append('<Relationship Id="rIdS" Type="%s/sharedStrings" Target="sharedStrings.xml"/>' % REL)
        out["xl/sharedStrings.xml"] = HEAD + '<sst xmlns="%s">%s</sst>' % (MAIN, "".join("<si><t>%s</t></si>" % s for s in shared))
    if styles is not None:
        rels.append('<Relationship Id="rIdY" Type="%s/styles" Target="styles.xml"/>' % REL)
        out["xl/styles.xml"] = HEAD + '<styleSheet xmlns="%s">%s</styleSheet>' % (MAIN, styles)
    out["[Content_Types].xml"] = HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">%s</Types>' % "".join(types)
    out["_rels/.rels"] = HEAD + '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="xl/workbook.xml"/></Relationships>' % (PKG, REL)
    pr = '<workbookPr date1904="1"/>' if date1904 else ""
    out["xl/workbook.xml"] = HEAD + '<workbook xmlns="%s" xmlns:r="%s">%s<sheets>%s</sheets></workbook>' % (MAIN, REL, pr, "".join(entries))
    out["xl/_rels/workbook.xml.rels"] = HEAD + '<Relationships xmlns="%s">%s</Relationships>' % (PKG, "".join(rels))
    return out


def save(name, files, method=zipfile.ZIP_DEFLATED):
    path = os.path.join(OUT, name)
    with zipfile.ZipFile(path, "w") as z:
        for part in ["[Content_Types].xml"] + sorted(p for p in files if p != "[Content_Types].xml"):
            info = zipfile.ZipInfo(part, date_time=(2021, 6, 30, 0, 0, 0))
            info.compress_type = method
            z.writestr(info, files[part])
    return path


def row(r, cells):
    return '<row r="%d">%s</row>' % (r, "".join(cells))


DATE_STYLES = '<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs>'

if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "not_a_workbook.xlsx"), "w") as f:
        f.write("region,n\n贵阳市,1\n")
    good = save("good.xlsx", parts([("报表", row(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>'])
                                     + row(2, ['<c r="A2" t="s"><v>0</v></c>', '<c r="B2"><v>1</v></c>']), "")],
                                   shared=["地区", "n"]))
    data = open(good, "rb").read()
    with open(os.path.join(OUT, "truncated.xlsx"), "wb") as f:
        f.write(data[: len(data) * 2 // 3])
    stored = save("bad_crc.xlsx", parts([("Sheet1", row(1, ['<c r="A1" t="inlineStr"><is><t>n</t></is></c>']) + row(2, ['<c r="A2"><v>12345</v></c>']), "")]),
                  method=zipfile.ZIP_STORED)
    raw = bytearray(open(stored, "rb").read())
    at = raw.find(b"<v>12345</v>")
    raw[at + 3] = ord("9")       # the bytes change, the recorded CRC does not
    open(stored, "wb").write(bytes(raw))
    docx = {"[Content_Types].xml": HEAD + "<Types/>",
            "_rels/.rels": HEAD + '<Relationships xmlns="%s"><Relationship Id="rId1" Type="%s/officeDocument" Target="word/document.xml"/></Relationships>' % (PKG, REL),
            "word/document.xml": HEAD + '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>'}
    save("document.xlsx", docx)
    save("bad_shared_index.xlsx", parts([("2021", row(1, ['<c r="A1" t="s"><v>0</v></c>', '<c r="B1" t="s"><v>1</v></c>'])
                                           + row(2, ['<c r="A2" t="s"><v>0</v></c>']) + row(3, ['<c r="B3" t="s"><v>99</v></c>']), "")],
                                         shared=["地区", "n"]))
    save("bad_number.xlsx", parts([("2021", row(1, ['<c r="C1" t="inlineStr"><is><t>n</t></is></c>']) + row(7, ['<c r="C7"><v>abc</v></c>']), "")]))
    save("duplicate_header.xlsx", parts([("Sheet1", row(1, ['<c r="A1" t="inlineStr"><is><t>n</t></is></c>', '<c r="B1" t="inlineStr"><is><t> n </t></is></c>'])
                                           + row(2, ['<c r="A2"><v>1</v></c>', '<c r="B2"><v>2</v></c>']), "")]))
    save("bad_date.xlsx", parts([("日期", row(1, ['<c r="A1" t="inlineStr"><is><t>d</t></is></c>']) + row(2, ['<c r="A2" s="1"><v>-5</v></c>']), "")],
                                styles=DATE_STYLES))
    save("empty_sheet.xlsx", parts([("空", "", "")]))
    save("bad_reference.xlsx", parts([("Sheet1", row(1, ['<c r="1A"><v>1</v></c>']), "")]))
    # A sparse sheet whose cells lie far apart: 16,384 columns × 100 rows of table from a
    # file of 2 KB (under a small memory limit, too big to read).
    save("sparse_far.xlsx", parts([("Sheet1", row(1, ['<c r="A1"><v>1</v></c>', '<c r="XFD1"><v>2</v></c>'])
                                     + "".join(row(r, ['<c r="A%d"><v>%d</v></c>' % (r, r)]) for r in range(2, 101))
                                     + row(1048576, ['<c r="B1048576"><v>4</v></c>']), "")]))
    # Not errors: cells without r attributes, a merged follower that still holds a value, a
    # 1904 workbook, a styled blank, prefixed element names.
    save("unusual.xlsx", parts([("Sheet1",
                                 '<row><c t="inlineStr"><is><t>a</t></is></c><c t="inlineStr"><is><t>b</t></is></c><c t="inlineStr"><is><t>d</t></is></c></row>'
                                 + '<row><c><v>1</v></c><c><v>2</v></c><c s="1"><v>0</v></c></row>'
                                 + '<row r="5"><c r="A5"><v>3</v></c><c r="B5"><v>99</v></c><c r="C5" s="1"/></row>',
                                 '<mergeCells><mergeCell ref="A5:B5"/></mergeCells>')],
                               styles=DATE_STYLES, date1904=True))

"""Rewrites a workbook saved by openpyxl into the layout Excel itself writes.

openpyxl writes every string inline (t="inlineStr") and formulas without a cached value.
Excel writes strings into a shared-string table (t="s", rich text as <r> runs, sometimes
phonetic <rPh> runs) and stores with every formula the value it last computed: a number in
<v>, a text result as t="str", an error as t="e". This module rewrites the parts of a saved
file into that shape, so gzq is tested against the XML Excel produces:

    to_excel_layout(path, cached={("2021", "C7"): 0.2136, ...}, phonetic={"贵阳市": "guiyang"})

`cached` maps (sheet title, cell) to the formula's value (a number, a str, or an error code
such as "#DIV/0!"); the caller computes it, as Excel would have.
"""
import re
import zipfile

ERRORS = {"#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"}
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
SST_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"
SST_CONTENT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def _sheet_parts(z):
    """Sheet title -> part name, from workbook.xml and its relationships."""
    workbook = z.read("xl/workbook.xml").decode()
    rels = z.read("xl/_rels/workbook.xml.rels").decode()
    targets = dict(re.findall(r'<Relationship[^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"', rels))
    targets.update({i: t for t, i in re.findall(r'<Relationship[^>]*?Target="([^"]+)"[^>]*?Id="([^"]+)"', rels)})
    out = {}
    for name, rid in re.findall(r'<sheet [^>]*?name="([^"]+)"[^>]*?r:id="([^"]+)"', workbook):
        target = targets[rid]
        out[name] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    return out


def to_excel_layout(path, cached=None, phonetic=None):
    cached = cached or {}
    phonetic = phonetic or {}
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
        sheets = _sheet_parts(z)
    items, index = [], {}

    def shared(inner):
        if inner not in index:
            index[inner] = len(items)
            items.append(inner)
        return index[inner]

    title_of = {part: title for title, part in sheets.items()}
    for part, title in title_of.items():
        xml = parts[part].decode()

        def inline(m):
            attrs, inner = m.group(1), m.group(2)
            text = "".join(re.findall(r"<t[^>]*>([^<]*)</t>", inner))
            if text in phonetic:
                inner += '<rPh sb="0" eb="%d"><t>%s</t></rPh>' % (len(text), phonetic[text])
            attrs = attrs.replace(' t="inlineStr"', ' t="s"')
            return "<c%s><v>%d</v></c>" % (attrs, shared(inner))

        xml = re.sub(r"<c([^>]*t=\"inlineStr\"[^>]*)><is>(.*?)</is></c>", inline, xml)

        def formula(m):
            attrs, f, ref = m.group(1), m.group(2), re.search(r' r="([A-Z]+[0-9]+)"', m.group(1)).group(1)
            if (title, ref) not in cached:
                return m.group(0)
            value = cached[(title, ref)]
            attrs = re.sub(r' t="[a-z]+"', "", attrs)
            if isinstance(value, str) and value in ERRORS:
                return '<c%s t="e">%s<v>%s</v></c>' % (attrs, f, value)
            if isinstance(value, str):
                return '<c%s t="str">%s<v>%s</v></c>' % (attrs, f, value.replace("&", "&amp;").replace("<", "&lt;"))
            return "<c%s>%s<v>%s</v></c>" % (attrs, f, repr(value))

        xml = re.sub(r"<c([^>]*)>(<f>[^<]*</f>)<v\s*/></c>", formula, xml)
        xml = re.sub(r"<c([^>]*)>(<f>[^<]*</f>)<v></v></c>", formula, xml)
        parts[part] = xml.encode()

    # openpyxl stamps the save time into docProps/core.xml; keep the created time instead,
    # so the same input gives the same bytes.
    if "docProps/core.xml" in parts:
        core = parts["docProps/core.xml"].decode()
        created = re.search(r"<dcterms:created[^>]*>([^<]*)</dcterms:created>", core)
        if created:
            core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", lambda m: m.group(1) + created.group(1) + m.group(2), core)
            parts["docProps/core.xml"] = core.encode()
    sst = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="%s" count="%d" uniqueCount="%d">%s</sst>' % (
        MAIN, len(items), len(items), "".join("<si>%s</si>" % i for i in items))
    parts["xl/sharedStrings.xml"] = sst.encode()
    rels = parts["xl/_rels/workbook.xml.rels"].decode()
    if "sharedStrings" not in rels:
        rels = rels.replace("</Relationships>", '<Relationship Id="rIdSst" Type="%s" Target="sharedStrings.xml"/></Relationships>' % SST_TYPE)
        parts["xl/_rels/workbook.xml.rels"] = rels.encode()
    types = parts["[Content_Types].xml"].decode()
    if "sharedStrings" not in types:
        types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="%s"/></Types>' % SST_CONTENT)
        parts["[Content_Types].xml"] = types.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name in ["[Content_Types].xml"] + [n for n in parts if n != "[Content_Types].xml"]:
            info = zipfile.ZipInfo(name, date_time=(2021, 6, 30, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, parts[name])

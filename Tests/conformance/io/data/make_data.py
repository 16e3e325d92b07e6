#!/usr/bin/env python3
"""Writes the data files of Tests/conformance/io (run from anywhere; the files are committed).

Each file is built from Python text with Python's own codecs, so the bytes the conformance
files expect gzq to decode are what Python (the oracle) encodes.
"""
import os
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# A report table as Excel on Chinese Windows exports it: GBK, a title row, padded names,
# thousands separators, percents and dashes for missing values.
REPORT = (
    "2021年各市州行政复议案件统计表,,,\r\n"
    "地区,受理,纠错率,备注\r\n"
    "贵阳市,\"1,069\",18.81%,—\r\n"
    "遵义市\u3000,902,12.5%,\r\n"
    "毕节市,\"1,234\",—,新设\r\n"
)
write("gbk_report.csv", REPORT.encode("gbk"))

# GB18030 four-byte sequences: characters outside GBK (an emoji, a CJK Extension B
# character, é, €'s two-byte A2 E3 form).
write("gb18030_four_byte.csv", "名称,说明\n😀,笑脸\n𠀀,扩展B\né,拉丁\n€,欧元\n".encode("gb18030"))

# A lone 0x80 byte: € in Windows code page 936 (glibc's GB18030 refuses it; gzq reads it as €).
write("gbk_euro_0x80.csv", "币种,符号\n欧元,".encode("gbk") + b"\x80" + "\n".encode("gbk"))

# Invalid GBK/GB18030: 0x81 0x20 (a lead byte followed by a space) on line 3.
write("bad_gb18030.csv", "地区,人数\n贵阳市,12\n遵义".encode("gbk") + b"\x81\x20" + ",9\n".encode("gbk"))

# GBK text cut inside a character (a lone lead byte at the end).
write("truncated_gbk.csv", "地区,人数\n贵阳市,12\n遵义市,9".encode("gbk") + b"\xb9")

# A GBK file whose first non-ASCII byte comes after 64 KiB of ASCII rows.
rows = "".join("r%05d,%d\n" % (i, i) for i in range(7000))
write("gbk_late.csv", ("code,n\n" + rows + "贵阳市,1\n").encode("gbk"))

# "Unicode text" from Excel: UTF-16 with a byte order mark, tab-separated.
UNICODE_TEXT = "地区\t人数\t备注\r\n贵阳市\t12\t😀\r\n遵义市\t9\t\r\n"
write("utf16le_bom.txt", b"\xff\xfe" + UNICODE_TEXT.encode("utf-16-le"))
write("utf16be_bom.txt", b"\xfe\xff" + UNICODE_TEXT.encode("utf-16-be"))
write("utf16be_no_bom.txt", "a\tb\n1\t2\n".encode("utf-16-be"))
write("utf16le_bad_surrogate.txt", b"\xff\xfe" + "a\n".encode("utf-16-le") + b"\x00\xdc" + "\n".encode("utf-16-le"))

# Lone CR line ends (old Mac exports), with a CR inside a quoted field kept as data.
write("lone_cr.csv", "地区,人数,备注\r贵阳市,12,\"两\r行\"\r遵义市,9,\r".encode("utf-8"))

# A workbook given to read_csv.
with zipfile.ZipFile(os.path.join(HERE, "workbook.csv"), "w") as z:
    z.writestr(zipfile.ZipInfo("xl/workbook.xml", date_time=(2021, 6, 30, 0, 0, 0)), "<workbook/>")

# Every form numbers: "report" reads, one per column, and texts it must not read as numbers.
write("report_numbers.csv", (
    "千分位,全角千分位,百分比,亿,万,加号,全角,负数,小数千分位,普通,不是数字,前导零,超范围\n"
    "\"1,069\",1，069,18.81%,5.5亿,3万,+12,１２３,\"-1,234\",\"12,345.5\",7,\"1,06\",007,9223372036854775808\n"
    "\"12,345,678\",２，０００,100%,1亿,0.5万,+5,４５．５,-2%,\"1,000.25\",8,12亿亿,08123,1\n"
    "\"999\",1，000，000,0.5％,2.25亿,12万,-3,－７,-1.5万,0.75,9,1e,0,2\n"
).encode("utf-8"))

# Leading zeros and integers beyond the int range stay strings (identifiers keep their digits).
write("identifiers.csv", (
    "code,zip,big,small,ok,neg_zero\n"
    "007,08123,9223372036854775808,-9223372036854775809,9223372036854775807,-0\n"
    "12,55000,1,2,-9223372036854775808,0\n"
).encode("utf-8"))

# trim: spaces and U+3000 around unquoted cells and header names; quoted cells keep theirs.
write("trim.csv", (
    " 地区 ,\u3000人数\u3000,备注\n"
    "\u3000贵阳市 , 12 ,\" 内有空格 \"\n"
    "遵义市\u3000\u3000, 9,\u3000\n"
).encode("utf-8"))

# nulls: the dashes and slashes reports write for "no value".
write("nulls.csv", (
    "地区,受理,纠错率\n"
    "贵阳市,12,—\n"
    "遵义市,-,0.5\n"
    "毕节市,/,\n"
    "六盘水市, — ,0.25\n"
).encode("utf-8"))

# Title rows only: skip runs past the end.
write("title_only.csv", "2021年统计表\n单位：件\n".encode("utf-8"))

# read_json's messages.
write("json_gbk_value.json", b'[{"a": \xb5\xd8}]')
write("json_bare_chinese.json", '[{"a": 中}]'.encode("utf-8"))
write("json_utf16le.json", '[{"地区": "贵阳市", "n": 12}]'.encode("utf-16"))
write("json_utf16be.json", b"\xfe\xff" + '[{"地区": "贵阳市", "n": 12}]'.encode("utf-16-be"))
write("json_empty_key.json", b'[{"": 1}]')
write("empty_header_cell.csv", b"a,,c\n1,2,3\n")

# Lone CR line ends and GBK text after 64 KiB of ASCII: both rules at once.
write("gbk_late_lone_cr.csv", ("code,n\r" + "".join("r%05d,%d\r" % (i, i) for i in range(7000)) + "贵阳市,1\r").encode("gbk"))

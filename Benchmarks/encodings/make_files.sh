#!/bin/bash
# The files of the encoding and wide-CSV measurements in docs/PERFORMANCE.md, in $1 (default /tmp):
#   cases_utf8.csv  1,750,000 rows of Benchmarks/gen_cases.py (100.2 MB, UTF-8)
#   cases_gbk.csv   the same rows in GB18030 by glibc iconv (82.1 MB; GBK bytes, as the text is all in GBK)
#   wide40000.csv, wide100000.csv  a header, two rows of ints, then a row of text in every column
set -e
D=${1:-/tmp}
HERE=$(cd "$(dirname "$0")" && pwd)
python3 "$HERE/../gen_cases.py" --rows 1750000 --out "$D/cases_utf8.csv"
iconv -f UTF-8 -t GB18030 "$D/cases_utf8.csv" > "$D/cases_gbk.csv"
python3 - "$D" <<'PY'
import sys
for cols in (40000, 100000):
    with open(f"{sys.argv[1]}/wide{cols}.csv", "w") as f:
        f.write(",".join(f"c{i}" for i in range(cols)) + "\n")
        for r in range(2):
            f.write(",".join(str((i + r) % 97) for i in range(cols)) + "\n")
        f.write(",".join(f"x{i}" for i in range(cols)) + "\n")
PY

#!/bin/sh
# Seeds the libFuzzer corpora under Fuzz/corpus/<target>/ (git-ignored) from the repository:
# conformance cases, samples and the standard library for the parser and the interpreter;
# sample CSV files (whole and cut short) plus hand-written edge cases for the CSV reader;
# deterministic pseudo-random byte strings for the parity target. Idempotent: seeds are
# named by their origin, and inputs the fuzzer added earlier are kept.
# Usage: Fuzz/seed.sh [corpus-root]   (run from anywhere; default Fuzz/corpus)
set -eu
cd "$(dirname "$0")/.."
root="${1:-Fuzz/corpus}"
mkdir -p "$root/FuzzParse" "$root/FuzzInterpreter" "$root/FuzzCSV" "$root/FuzzParity"

# gzq sources: every conformance case, sample and standard-library file.
n=0
for f in $(find Tests/conformance Samples Stdlib -name '*.gzq' | sort); do
    name="seed-$(echo "$f" | tr '/' '_')"
    cp "$f" "$root/FuzzParse/$name"
    cp "$f" "$root/FuzzInterpreter/$name"
    n=$((n + 1))
done

# Hostile patterns for the interpreter: values that grow exponentially, deep recursion,
# long loops, huge ranges, overflowing arithmetic, fast-path stages on odd tables.
gzq() { printf '%s\n' "$2" > "$root/FuzzInterpreter/seed-hostile-$1"; cp "$root/FuzzInterpreter/seed-hostile-$1" "$root/FuzzParse/seed-hostile-$1"; n=$((n + 1)); }
gzq double_string 'let s = "ab"
while true { s = s + s }'
gzq double_list 'let xs = [1]
for i in 1..100 { xs = xs + xs }'
gzq shared_list 'let x = [1]
for i in 1..64 { x = [x, x] }
print(x == x, str(x))'
gzq shared_record 'let r = {a: 1}
for i in 1..64 { r = {a: r, b: [r]} }
print(len(str(r)))'
gzq replace_grow 'let s = "aa"
while true { s = replace(s, "a", "aa") }'
gzq interpolate_grow 'let s = "x"
while true { s = "\(s)\(s)" }'
gzq concat_grow 'let s = "ab"
while true { s = concat([s, s, s], s) }'
gzq recursion 'fn f(n) { if n == 0 { 0 } else { 1 + f(n - 1) } }
print(try { f(100000) } catch e { e.message })'
gzq ranges 'print(try { len(1..10^12) } catch e { e.message })
for i in 9223372036854775800..9223372036854775807 { print(i) }'
gzq int_edges 'let m = -9223372036854775807 - 1
print(try { m // -1 } catch e { e.message }, m mod -1, try { -m } catch e { e.message })'
gzq stages 'let t = table({g: ["a", "b", "a", null], x: [9223372036854775807, 1, null, -1], y: [1.5, 0.0, -0.0, 2.5]})
t | derive r = x // 2 + y mod 3, c = rate(x, y), p = pp(y, x) | where x > 0 or y ?? 0 > 1 | summarize n = count(), s = sum(y), m = avg(x) by g | sort n desc | print
t | derive l = lag(x, 2), d = diff(y), cs = cumsum(y), rk = rank(x) by g | pivot g, y | print'

# CSV: sample files, their first lines, CSV data files of the conformance suite.
m=0
for f in $(find Samples/data Tests/conformance -name '*.csv' -size -256k | sort); do
    name="seed-$(echo "$f" | tr '/' '_')"
    cp "$f" "$root/FuzzCSV/$name"
    head -n 6 "$f" > "$root/FuzzCSV/$name.head"
    m=$((m + 2))
done
csv() { printf "$2" > "$root/FuzzCSV/seed-$1"; m=$((m + 1)); }
csv basic          'a,b,c\n1,2.5,x\n3,,y\n'
csv quoted         'name,note\n"a, b","say ""hi"""\n"multi\nline",2\n'
csv crlf           'a,b\r\n1,2\r\n3,4\r\n'
csv bom            '\357\273\277region,n\n贵阳市,12\n遵义市,9\n'
csv ragged         'a,b,c\n1,2\n3,4,5,6\n'
csv types          'i,f,b,d,s\n1,1.5,true,2021-06-30,x\n-9223372036854775808,nan,False,2020-02-29,""\n99999999999999999999,-inf,TRUE,2021-02-30,007\n'
csv onecolumn      'a\n1\n\n2\n'
csv header_only    'a,b\n'
csv empty_names    ',\n1,2\n'
csv bad_utf8       'a\n\377\376\n'
csv lone_cr        'a,b\n1\r2,3\n'
csv unterminated   'a\n"open\n'

# Parity: pseudo-random byte strings (fixed seeds, so the corpus is reproducible).
p=0
for s in $(seq 1 64); do
    awk -v s="$s" 'BEGIN { srand(s); n = 24 + int(rand() * 200); for (i = 0; i < n; i++) printf "%c", int(rand() * 256) }' \
        > "$root/FuzzParity/seed-random-$s"
    p=$((p + 1))
done

# Workbooks: the committed fixtures and the sample, whole, and each worksheet's XML alone.
mkdir -p "$root/FuzzXLSX"
x=0
for f in Tests/conformance/office/data/*.xlsx Samples/data/*.xlsx; do
    cp "$f" "$root/FuzzXLSX/seed-$(basename "$f")"
    x=$((x + 1))
done
x=$((x + $(python3 -c '
import sys, zipfile, glob
n = 0
for f in glob.glob("Tests/conformance/office/data/*.xlsx") + glob.glob("Samples/data/*.xlsx"):
    try:
        z = zipfile.ZipFile(f)
    except zipfile.BadZipFile:
        continue
    for name in z.namelist():
        if name.startswith("xl/worksheets/"):
            try:
                data = z.read(name)
            except Exception:
                continue
            open(sys.argv[1] + "/seed-" + f.split("/")[-1] + "-" + name.split("/")[-1], "wb").write(data[:65536])
            n += 1
print(n)' "$root/FuzzXLSX")))

echo "seeded $root: $n gzq sources (FuzzParse, FuzzInterpreter), $m CSV inputs (FuzzCSV), $p byte strings (FuzzParity), $x workbooks and sheets (FuzzXLSX)"

#!/bin/bash
# Usage: load_cpu.sh GZQ FILE ENCODING RUNS — one read_csv per process; prints the median CPU
# (user+sys) and wall seconds of RUNS processes, minus the median of `gzq -e 1` (startup).
G=$1; F=$2; E=$3; N=${4:-5}
med() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
run() { /usr/bin/time -f "%U %S %e" "$@" 2>&1 >/dev/null | tail -1; }
base_cpu=$(for i in $(seq $N); do run $G -e '1' | awk '{print $1+$2}'; done | med)
out=$(for i in $(seq $N); do run $G -e "let t = read_csv(\"$F\", encoding: \"$E\")"; done)
cpu=$(echo "$out" | awk '{print $1+$2}' | med)
wall=$(echo "$out" | awk '{print $3}' | med)
size=$(stat -c %s "$F")
echo "$F encoding=$E size=$size B: median cpu $(echo "$cpu - $base_cpu" | bc) s (startup $base_cpu s subtracted), median wall $wall s, $(echo "scale=1; $size / 1000000 / ($cpu - $base_cpu)" | bc) MB/s of cpu"

#!/usr/bin/env bash
# Q1 on a PostgreSQL table through gzq's pushdown against the same SQL typed into psql, in one
# run on one throwaway server (docs/PERFORMANCE.md, pushdown):
#
#   Benchmarks/pg_pushdown.sh --rows 10000000 --runs 5
#
# Loads the synthetic cases table (pg_load.sh, which also times its own Q1 forms), runs
# Benchmarks/workloads/q1_pg.gzq with the release gzq, and times the exact SQL text gzq sent
# (with its bound parameter, through PREPARE/EXECUTE) in psql. Needs `swift build -c release`.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
ROWS=1000000
RUNS=5
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) ROWS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        *) echo "usage: pg_pushdown.sh [--rows N] [--runs N]" >&2; exit 2 ;;
    esac
done
GZQ="$ROOT/.build/release/gzq"
[ -x "$GZQ" ] || { echo "build the release binary first: swift build -c release" >&2; exit 1; }

"$ROOT/Tests/pg/cluster.sh" install
exports=$("$ROOT/Tests/pg/cluster.sh" start)
eval "$exports"
trap '"$ROOT/Tests/pg/cluster.sh" stop "$GZQ_PG_DIR"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

"$HERE/pg_load.sh" --rows "$ROWS" --runs "$RUNS"

out=$("$GZQ" "$HERE/workloads/q1_pg.gzq" "$GZQ_TEST_PG" "$RUNS")
echo "$out"
kind=$(echo "$out" | sed -n 1p)
sql=$(echo "$out" | sed -n 2p)
rows=$(echo "$out" | sed -n 3p)
gzq_median=$(echo "$out" | sed -n 4p)
[ "$kind" = "remote_table" ] || { echo "the pipeline was not pushed down whole ($kind)" >&2; exit 1; }
[ "$rows" = "72" ] || { echo "expected 72 groups, got $rows" >&2; exit 1; }

# The same statement in psql: $1 is the only parameter (2017, a bigint).
[ "$(echo "$sql" | grep -o '\$[0-9]*' | sort -u | tr '\n' ' ')" = '$1 ' ] || { echo "expected exactly one parameter in: $sql" >&2; exit 1; }
timings=$( { echo "PREPARE q1(bigint) AS $sql;"; echo '\timing on'; for _ in $(seq "$RUNS"); do echo "EXECUTE q1(2017);"; done; } \
    | command psql -X -q -v ON_ERROR_STOP=1 -o /dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
python3 - "$gzq_median" $timings <<'PY'
import statistics, sys
gzq = float(sys.argv[1])
psql = statistics.median(float(t) for t in sys.argv[2:]) / 1000
print(f"gzq pushdown median {gzq:.3f} s; the same SQL in psql median {psql:.3f} s; ratio {gzq / psql:.2f} (target ≤ 1.5)")
PY
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"

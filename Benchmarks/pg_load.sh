#!/usr/bin/env bash
# Q1 in PostgreSQL itself (psql), the baseline of gzq's pushdown (docs/PERFORMANCE.md):
# loads the synthetic cases table (Benchmarks/gen_cases.py) with COPY into a throwaway
# server and times the Q1 SQL with \timing, median of --runs runs.
#
#   Benchmarks/pg_load.sh --rows 1000000 --runs 5
#   Benchmarks/pg_load.sh --rows 10000000 --runs 5 --keep    # leaves the server up (prints its exports)
#
# Without PGHOST in the environment it starts its own server (Tests/pg/cluster.sh) and stops
# it at the end unless --keep is given; with PGHOST it loads into that server.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
ROWS=1000000
RUNS=5
KEEP=0
while [ $# -gt 0 ]; do
    case "$1" in
        --rows) ROWS=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --keep) KEEP=1; shift ;;
        *) echo "usage: pg_load.sh [--rows N] [--runs N] [--keep]" >&2; exit 2 ;;
    esac
done

if [ -z "${PGHOST:-}" ]; then
    "$ROOT/Tests/pg/cluster.sh" install
    exports=$("$ROOT/Tests/pg/cluster.sh" start)
    eval "$exports"
    if [ "$KEEP" = 1 ]; then echo "server kept: $exports" >&2
    else trap '"$ROOT/Tests/pg/cluster.sh" stop "$GZQ_PG_DIR"' EXIT; fi
fi

DATA="$HERE/data/cases_$ROWS.csv"
if [ ! -f "$DATA" ]; then
    mkdir -p "$HERE/data"
    echo "generating $DATA …" >&2
    python3 "$HERE/gen_cases.py" --rows "$ROWS" --out "$DATA"
fi

psql() { command psql -X -q -v ON_ERROR_STOP=1 "$@"; }

echo "loading $ROWS rows with COPY …" >&2
start=$(date +%s.%N)
psql <<SQL
SET client_min_messages = warning;
DROP TABLE IF EXISTS cases;
CREATE TABLE cases (id bigint, year bigint, region text, county text, category text,
                    received bigint, concluded bigint, corrected bigint, days bigint, appeared bigint);
\copy cases FROM '$DATA' WITH (FORMAT csv, HEADER true)
VACUUM ANALYZE cases;
SQL
end=$(date +%s.%N)
echo "load (COPY + VACUUM ANALYZE): $(python3 -c "print(f'{$end - $start:.2f}')") s" >&2

# The Q1 of Benchmarks/run, as DuckDB and SQLite run it there.
Q1="SELECT region, year, count(*) AS n, sum(concluded) AS concluded, sum(corrected) AS corrected,
  avg(appeared) AS appear, sum(corrected) * 1.0 / sum(concluded) AS rate
  FROM cases WHERE year >= 2017 GROUP BY region, year"

# The same query in gzq's semantics, as the SQL compiler is to emit it (docs/DECISIONS.md,
# issue 14): integer sums cast back to bigint (overflow an error) with 0 for no rows, avg as
# double precision, rate() with NULLIF, groups ordered by their keys in code-point order.
Q1_GZQ="SELECT \"region\", \"year\", count(*) AS \"n\",
  COALESCE(CAST(sum(\"concluded\") AS bigint), 0) AS \"concluded\", COALESCE(CAST(sum(\"corrected\") AS bigint), 0) AS \"corrected\",
  CAST(avg(\"appeared\") AS double precision) AS \"appear\",
  CAST(COALESCE(CAST(sum(\"corrected\") AS bigint), 0) AS double precision) / NULLIF(COALESCE(CAST(sum(\"concluded\") AS bigint), 0), 0) AS \"rate\"
  FROM \"cases\" WHERE \"year\" >= 2017 GROUP BY \"region\", \"year\" ORDER BY \"region\" COLLATE \"C\", \"year\""

workers=$(psql -At -c "SHOW max_parallel_workers_per_gather")
time_query() {   # label, SQL: prints the median of $RUNS runs
    local groups timings
    groups=$(psql -At -c "SELECT count(*) FROM ($2) q")
    timings=$( { echo '\timing on'; for _ in $(seq "$RUNS"); do echo "$2;"; done; } | psql -o /dev/null | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p')
    python3 - "$1" "$ROWS" "$groups" "$workers" $timings <<'PY'
import statistics, sys
label, rows, groups, workers, *ms = sys.argv[1:]
ms = [float(t) for t in ms]
print(f"psql {label} on {int(rows):,} rows ({groups} groups, max_parallel_workers_per_gather={workers}): "
      f"median {statistics.median(ms):.0f} ms of {len(ms)} runs ({', '.join(f'{t:.0f}' for t in ms)})")
PY
}
time_query "Q1 (Benchmarks/run)" "$Q1"
time_query "Q1 in gzq's semantics" "$Q1_GZQ"

#!/usr/bin/env python3
"""Runs SQL queries in DuckDB for DuckDBComparisonTests (the test compares gzq's answers).

Reads JSON on stdin: {"tables": {"name": "file.csv", ...}, "queries": ["SELECT ...", ...]}.
Each CSV is loaded as a table of that name (empty fields are NULL). Writes JSON on stdout: one
{"columns": [...], "rows": [[...], ...]} per query, values as JSON numbers, strings or null.
Needs the duckdb package (`python3 -m pip install duckdb`; `make test` installs it).
"""
import decimal
import json
import sys

import duckdb


def cell(v):
    if isinstance(v, decimal.Decimal):
        return float(v)
    return v


def main():
    request = json.load(sys.stdin)
    con = duckdb.connect()
    for name, path in request["tables"].items():
        con.execute(f"CREATE TABLE {name} AS SELECT * FROM read_csv('{path}', header = true)")
    out = []
    for sql in request["queries"]:
        result = con.execute(sql)
        columns = [d[0] for d in result.description]
        out.append({"columns": columns, "rows": [[cell(v) for v in row] for row in result.fetchall()]})
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""The peer of `cati report` in bench/report.sh: DuckDB reads interviews.jsonl and
computes, over complete interviews, n, mean, SD and % dissatisfied (a mark <= 5) of
every cc_parma scale and grid item, by tipo and by motivo, in one query.

    bench/report_duckdb.py FILE.jsonl [OUT.json]
"""
import json
import sys

import duckdb

ITEMS = ["attesa", "cortesia", "competenza", "chiarezza", "risoluzione", "orari", "accesso", "voto"]


def main():
    path = sys.argv[1]
    marks = ",\n".join(f"TRY_CAST(json_extract(answers, '$.{i}') AS INTEGER) AS {i}" for i in ITEMS)
    aggregates = ",\n".join(
        f"count({i}) AS {i}_n, avg({i}) AS {i}_mean, stddev_samp({i}) AS {i}_sd, "
        f"100.0 * avg(CASE WHEN {i} <= 5 THEN 1.0 ELSE 0.0 END) FILTER (WHERE {i} IS NOT NULL) AS {i}_dis"
        for i in ITEMS)
    query = f"""
    WITH completes AS (
      SELECT CAST(json_extract(answers, '$.tipo') AS INTEGER) AS tipo,
             CAST(json_extract(answers, '$.motivo') AS INTEGER) AS motivo,
             {marks}
      FROM read_ndjson('{path}', columns = {{'status': 'VARCHAR', 'answers': 'JSON'}}, ignore_errors = true)
      WHERE status = 'complete')
    SELECT tipo, motivo, {aggregates}
    FROM completes GROUP BY GROUPING SETS ((tipo), (motivo)) ORDER BY tipo, motivo"""
    rows = duckdb.sql(query).fetchall()
    out = {}
    for row in rows:
        tipo, motivo = row[0], row[1]
        key = ("tipo", tipo) if tipo is not None else ("motivo", motivo)
        for k, item in enumerate(ITEMS):
            n, mean, sd, dis = row[2 + 4 * k: 6 + 4 * k]
            out.setdefault(item, {}).setdefault(key[0], {})[str(key[1])] = {"n": n, "mean": mean, "sd": sd, "dissatisfied_pct": dis}
    if len(sys.argv) > 2:
        json.dump(out, open(sys.argv[2], "w"))
    print("%d groups x %d items" % (len(rows), len(ITEMS)))


if __name__ == "__main__":
    main()

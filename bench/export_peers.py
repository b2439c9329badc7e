#!/usr/bin/env python3
"""The peers of `cati export --format csv` on the same interviews.jsonl, whole process:

    bench/export_peers.py duckdb IN.jsonl OUT.csv
    bench/export_peers.py pandas IN.jsonl OUT.csv

duckdb: read_json (newline-delimited) and COPY the record fields plus every answer
(answers.* unnested) to CSV. pandas: read_json(lines=True) + json_normalize + to_csv,
as a researcher would write it.
"""
import sys


def duckdb_export(src, out):
    import duckdb
    con = duckdb.connect()
    con.execute(f"""
        COPY (
          SELECT id, respondent, interviewer, status, started, finished, unnest(answers)
          FROM read_json('{src}', format='newline_delimited', maximum_object_size=16777216)
        ) TO '{out}' (HEADER, DELIMITER ',')
    """)


def pandas_export(src, out):
    import pandas as pd
    records = pd.read_json(src, lines=True)
    flat = pd.json_normalize(records.to_dict(orient="records"))
    flat.to_csv(out, index=False)


if __name__ == "__main__":
    tool, src, out = sys.argv[1:4]
    {"duckdb": duckdb_export, "pandas": pandas_export}[tool](src, out)

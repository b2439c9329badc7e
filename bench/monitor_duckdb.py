#!/usr/bin/env python3
"""The supervisor screen's counts computed by DuckDB from interviews.jsonl, as the peer
to beat: records by status, completes per quota cell, and per interviewer completes,
refusals, break-offs and the median interview length. Prints the counts (JSON) and the
time taken (stderr). Used by bench/monitor.sh.

    bench/monitor_duckdb.py INTERVIEWS.jsonl
"""
import json
import sys
import time

import duckdb

t0 = time.time()
path = sys.argv[1]
con = duckdb.connect()
con.execute(f"""
    CREATE TABLE r AS SELECT status, interviewer, started, finished,
        quota_cells.tipo_motivo AS tipo_motivo, quota_cells.per_tipo AS per_tipo
    FROM read_json('{path}', format='newline_delimited',
        columns={{'status': 'VARCHAR', 'interviewer': 'VARCHAR', 'started': 'TIMESTAMP', 'finished': 'TIMESTAMP',
                  'quota_cells': 'STRUCT(tipo_motivo VARCHAR, per_tipo VARCHAR)'}})
""")
out = {
    "by_status": dict(con.execute("SELECT status, count(*) FROM r GROUP BY 1 ORDER BY 1").fetchall()),
    "tipo_motivo": dict(con.execute(
        "SELECT tipo_motivo, count(*) FROM r WHERE status='complete' AND tipo_motivo IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()),
    "per_tipo": dict(con.execute(
        "SELECT per_tipo, count(*) FROM r WHERE status='complete' AND per_tipo IS NOT NULL GROUP BY 1 ORDER BY 1").fetchall()),
    "interviewers": {name: {"complete": c, "refused": rf, "break_off": b, "median_seconds": m}
                     for name, c, rf, b, m in con.execute("""
        SELECT interviewer, count(*) FILTER (status='complete'), count(*) FILTER (status='refused'),
               count(*) FILTER (status='break-off'),
               quantile_disc(epoch(finished) - epoch(started), 0.5)
        FROM r GROUP BY 1 ORDER BY 1""").fetchall()},
}
print(json.dumps(out, sort_keys=True))
print(f"duckdb: {time.time() - t0:.2f} s", file=sys.stderr)

#!/usr/bin/env bash
# bench/postgres.sh — the PostgreSQL store beside the data folder, in one run (release build):
#   1. commit latency p50/p99 and commits/s with 8 interviewer processes at once, each
#      making an interview's commits (10 durable answers, then the finish), on the data
#      folder and on PostgreSQL on loopback (goals for PostgreSQL: p99 < 10 ms,
#      >= 1,000 commits/s);
#   2. `cati quotas` on 1,000,000 cc_parma records in PostgreSQL (goal < 1 s).
# Usage: bench/postgres.sh [postgres://URL]   (default: a throwaway cluster from
#        .ci/pg-start, stopped at exit). SKIP_BUILD=1 reuses the release build;
#        RECORDS=N changes the 1,000,000; SKIP_QUOTAS=1 skips part 2.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [[ -z ${SKIP_BUILD:-} && -z ${BIN:-} ]]; then
  swift build -c release --scratch-path .build-release --product cati >/dev/null
  swift build -c release --scratch-path .build-release --product cati-bench >/dev/null
fi
bin=${BIN:-$root/.build-release/release}
out=$root/bench/out/postgres
mkdir -p "$out"
url=${1:-}
if [[ -z $url ]]; then
  pgdir=$(mktemp -d /tmp/cati-bench-pg.XXXXXX)
  trap 'bash .ci/pg-stop "$pgdir"' EXIT
  url=$(bash .ci/pg-start "$pgdir" | sed -n 's/^URL=//p')
fi
db() { # a new database of the server: its URL
  local name="cati_bench_$1_$$"
  psql -X -q "$url" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${url%/*}/$name"
}
echo "== $(nproc) cores, $(uname -r), $(date -u +%FT%TZ), server: $(psql -X -At "$url" -c 'SHOW server_version')"

commits() { # label store
  local label=$1 store=$2 per=${PER:-1100}
  rm -f "$out"/lat.*
  local start end
  start=$(date +%s.%N)
  for k in 1 2 3 4 5 6 7 8; do "$bin/cati-bench" commits "$store" "$per" "$out/lat.$k" & done
  wait
  end=$(date +%s.%N)
  python3 - "$label" "$start" "$end" "$out"/lat.* <<'PY'
import sys
label, start, end, files = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
xs = sorted(float(x) for f in files for x in open(f).read().split())
p = lambda q: xs[min(len(xs) - 1, int(len(xs) * q))]
print(f"{label:12s} 8 processes: {len(xs)} commits in {end - start:.2f} s = {len(xs) / (end - start):.0f} commits/s; "
      f"p50 {p(0.5):.2f} ms, p99 {p(0.99):.2f} ms, max {xs[-1]:.2f} ms")
PY
}
rm -rf "$out/folder"
commits "data folder" "$out/folder"
commits "PostgreSQL" "$(db commits)"
echo "   (goals for PostgreSQL: p99 < 10 ms, >= 1,000 commits/s; a commit = one durable answer or one finish)"

[[ -n ${SKIP_QUOTAS:-} ]] && exit 0
n=${RECORDS:-1000000}
records=${BENCH_DIR:-/tmp/cati-bench}/records-$n.jsonl
mkdir -p "$(dirname "$records")"
if [[ ! -f $records || $(wc -l <"$records") -ne $n ]]; then
  python3 bench/gen_records.py "$n" "$records" >/dev/null
fi
q=questionnaires/cc_parma.cati
store=$(db quotas)
"$bin/cati" simulate "$q" --store "$store" -n 0 -q   # the schema and the survey
echo "loading $n records into PostgreSQL..." >&2
load_start=$(date +%s.%N)
psql -X -q -v ON_ERROR_STOP=1 "$store" <<SQL
CREATE TEMP TABLE staging (line text);
\copy staging FROM '$records' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
INSERT INTO cati_interviews (survey, id, status, respondent, interviewer, quota_cells, record, line)
  SELECT 'cc_parma', r->>'id', r->>'status', r->>'respondent', r->>'interviewer', r->'quota_cells', r, line
  FROM (SELECT line, line::jsonb AS r FROM staging) s;
INSERT INTO cati_completes (survey, quota, cell, interview)
  SELECT 'cc_parma', c.key, c.value, i.id FROM cati_interviews i, jsonb_each_text(i.quota_cells) c
  WHERE i.survey = 'cc_parma' AND i.status = 'complete';
ANALYZE cati_interviews; ANALYZE cati_completes;
SQL
echo "loaded in $(python3 -c "import time; print(f'{time.time() - $load_start:.0f}')") s" >&2
quotas() { # label
  for run in 1 2 3; do
    /usr/bin/time -f "cati quotas, $n records in PostgreSQL, $1: %e s wall, %U+%S s cpu, %M KB max RSS (goal < 1 s)" \
      "$bin/cati" quotas "$q" --store "$store" --json >"$out/quotas.json"
  done
}
quotas "right after the bulk load"
# What autovacuum does on its own to an insert-only table (after inserts of 20% of its
# size): the visibility map set, so the counts become index-only scans.
psql -X -q "$store" -c "VACUUM (ANALYZE) cati_interviews" -c "VACUUM (ANALYZE) cati_completes"
quotas "vacuumed"

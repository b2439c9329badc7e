#!/usr/bin/env bash
# bench/monitor.sh — the supervisor screen on a large survey, by hand:
#   1. first screen: `cati monitor --json` on 1,000,000 cc_parma records (wall, CPU,
#      peak RSS), and DuckDB computing the same counts from the same file (the peer);
#      the two sets of counts are compared;
#   2. refresh: `cati monitor --plain` on those records, 100 records appended 20 times:
#      CPU per refresh and peak RSS (bench/monitor_refresh.py);
#   3. an interviewer's commit p50/p99 (cati-bench commit) alone, then with 3
#      monitors open on the same data folder.
# Goals (issue 12): first screen < 1.5 s, refresh < 50 ms CPU for 100 new records,
# RSS < 100 MB; commit p99 with 3 monitors within 10% of without.
#
#   bench/monitor.sh                # records in /tmp/cati-bench (shared with quotas.sh)
#   BENCH_DIR=/path N=200000 bench/monitor.sh
#   SKIP_BUILD=1 bench/monitor.sh
# The machine is shared: CPU time (user + sys) is printed next to wall-clock figures.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/cati-bench}
n=${N:-1000000}
questionnaire="$root/questionnaires/cc_parma.cati"
mkdir -p "$dir"
[ -x /usr/bin/time ] || apt-get install -y time >/dev/null
python3 -c 'import duckdb' 2>/dev/null || pip install duckdb >/dev/null

if [[ -z ${SKIP_BUILD:-} ]]; then
  echo "building cati and cati-bench (release)..." >&2
  (cd "$root" && swift build -c release --scratch-path .build-release --product cati >&2 \
     && swift build -c release --scratch-path .build-release --product cati-bench >&2)
fi
cati="$root/.build-release/release/cati"
bench="$root/.build-release/release/cati-bench"

records="$dir/monitor-$n/interviews.jsonl"
mkdir -p "$dir/monitor-$n"
lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }
if [ "$(lines "$records")" != "$n" ]; then
  if [ "$n" = 1000000 ] && [ "$(lines "$dir/1m/interviews.jsonl")" = 1000000 ]; then
    cp "$dir/1m/interviews.jsonl" "$records"
  else
    echo "generating $n records..." >&2
    python3 "$root/bench/gen_records.py" "$n" "$records" --seed 2026 > /dev/null
  fi
fi
extra="$dir/monitor-extra.jsonl"
[ "$(lines "$extra")" = 2000 ] || python3 "$root/bench/gen_records.py" 2000 "$extra" --seed 7 > /dev/null
size_mb=$(du -m "$records" | cut -f1)
echo "== machine: $(nproc) cores, $(uname -r), $(date -u +%FT%TZ); $n records, $size_mb MB"

# 1. First screen, best of 3, against DuckDB.
measure() {
  local log; log=$(mktemp)
  /usr/bin/time -v "$@" > "$dir/monitor-out.json" 2> "$log"
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.3f", s }' "$log")
  cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.3f", u + s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
  rm -f "$log"
}
best=""
for _ in 1 2 3; do
  measure "$cati" monitor "$questionnaire" --data "$dir/monitor-$n" --json
  if [ -z "$best" ] || awk "BEGIN { exit !($wall < $best) }"; then best=$wall; best_cpu=$cpu; best_rss=$rss; fi
done
cp "$dir/monitor-out.json" "$dir/monitor-cati.json"
echo "first screen (cati monitor --json, best of 3): ${best} s wall, ${best_cpu} s CPU, ${best_rss} MB RSS (goals < 1.5 s, < 100 MB)"
measure python3 "$root/bench/monitor_duckdb.py" "$records"
cp "$dir/monitor-out.json" "$dir/monitor-duckdb.json"
echo "duckdb, same counts (whole process):          ${wall} s wall, ${cpu} s CPU, ${rss} MB RSS"
python3 - "$dir/monitor-cati.json" "$dir/monitor-duckdb.json" <<'PY'
import json, sys
cati, duck = (json.load(open(p)) for p in sys.argv[1:3])
ok = True
def same(what, a, b):
    global ok
    if a != b:
        ok = False
        print(f"  DIFFERENT {what}: cati {a} duckdb {b}")
same("by status", {k: v for k, v in cati["survey_figures"]["by_status"].items() if v}, duck["by_status"])
for q in cati["quotas"]:
    same(q["name"], {c["cell"]: c["complete"] for c in q["cells"] if c["complete"]}, duck[q["name"]])
for i in cati["interviewers"]:
    d = duck["interviewers"][i["name"]]
    s = i["survey"]
    same(i["name"], (s["complete"], s["refused"], s["break_off"], s["median_seconds"]),
         (d["complete"], d["refused"], d["break_off"], d["median_seconds"]))
print("  counts: cati and duckdb agree" if ok else "  counts differ (see above)")
PY

# 2. Refresh cost.
python3 "$root/bench/monitor_refresh.py" "$cati" "$questionnaire" "$dir/monitor-$n" "$extra" 100 20
# Take the appended records back out, so that the next run starts from N again.
head -n "$n" "$records" > "$records.tmp" && mv "$records.tmp" "$records"

# 3. Commit latency with and without 3 monitors on the folder.
folder="$dir/monitor-commit"
rm -rf "$folder"; mkdir -p "$folder"
head -n 20000 "$records" > "$folder/interviews.jsonl"
run_commit() { "$bench" commit "$folder" 2000 | head -1 | sed 's/ (goal.*//'; }
# Alternated three times: the machine's other load moves these figures more than
# anything else, so each "with" run sits between two "without" runs.
for round in 1 2 3; do
  echo "commit, no monitor:  $(run_commit)"
  pids=()
  for _ in 1 2 3; do
    "$cati" monitor "$questionnaire" --data "$folder" --plain > /dev/null 2>&1 &
    pids+=($!)
  done
  sleep 2
  echo "commit, 3 monitors:  $(run_commit)"
  for p in "${pids[@]}"; do kill "$p"; done
  wait 2>/dev/null || true
done
echo "commit, no monitor:  $(run_commit)"

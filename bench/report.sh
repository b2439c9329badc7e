#!/usr/bin/env bash
# bench/report.sh — how fast `cati report --format json` reads a large interviews.jsonl
# (200,000 and 1,000,000 cc_parma records made by bench/gen_records.py), its peak
# memory, and DuckDB (PyPI duckdb) beside it computing n, means, SDs and % dissatisfied
# of every scale by tipo and by motivo on the same file (bench/report_duckdb.py). The
# figures of the two are compared: they must agree.
#
#   bench/report.sh            # 200k and 1M
#   RUNS=5 bench/report.sh     # best of 5 runs for each figure (default 3)
#   BENCH_DIR=/path bench/report.sh   # where the records go (default /tmp/cati-bench-report);
#                              # files already there with the right number of lines are reused
#
# Goal: 1M records in < 3 s and < 100 MB max RSS. Wall-clock figures depend on what
# else the machine runs: CPU time (user + sys) is printed next to them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/cati-bench-report}
runs=${RUNS:-3}
questionnaire="$root/questionnaires/cc_parma.cati"
mkdir -p "$dir/1m" "$dir/200k"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null
fi
python3 -c 'import duckdb' 2>/dev/null || { echo "installing duckdb (pip install duckdb)" >&2; pip install -q duckdb >&2; }

echo "building cati (release)..." >&2
(cd "$root" && swift build -c release --scratch-path .build-release --product cati >&2)
cati="$root/.build-release/release/cati"

lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }
big="$dir/1m/interviews.jsonl"
small="$dir/200k/interviews.jsonl"
if [ "$(lines "$big")" != 1000000 ]; then
    echo "generating 1,000,000 records..." >&2
    python3 "$root/bench/gen_records.py" 1000000 "$big" --seed 2026 > "$dir/1m.summary.json"
fi
if [ "$(lines "$small")" != 200000 ]; then head -n 200000 "$big" > "$small"; fi

# measure OUT CMD...: runs CMD under /usr/bin/time -v, stdout to OUT; sets wall, cpu, rss_mb.
measure() {
    local out=$1 log
    shift
    log=$(mktemp)
    /usr/bin/time -v "$@" > "$out" 2> "$log"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.3f", s }' "$log")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.3f", u + s }' "$log")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
    rm -f "$log"
}

# best RUNS runs of CMD: sets best_wall, best_cpu, best_rss (the largest RSS seen).
best() {
    local out=$1
    shift
    best_wall=""; best_cpu=""; best_rss=0
    for _ in $(seq "$runs"); do
        measure "$out" "$@"
        if [ -z "$best_wall" ] || awk "BEGIN { exit !($wall < $best_wall) }"; then best_wall=$wall; best_cpu=$cpu; fi
        best_rss=$(awk "BEGIN { print ($rss_mb > $best_rss) ? $rss_mb : $best_rss }")
    done
}

compare() {
    python3 - "$1" "$2" <<'PY'
import json, sys
cati = json.load(open(sys.argv[1]))
duck = json.load(open(sys.argv[2]))
bad = 0
checked = 0
for q in cati["questions"]:
    for by in ("tipo", "motivo"):
        for g in q["by"][by]:
            d = duck[q["name"]][by].get(str(g["code"]))
            if d is None or d["n"] == 0:
                continue
            checked += 1
            if g["n"] != d["n"] or abs(g["mean"] - d["mean"]) > 0.005 or abs(g["dissatisfied_pct"] - d["dissatisfied_pct"]) > 0.05:
                bad += 1
                print("MISMATCH %s by %s=%s: cati %s duckdb %s" % (q["name"], by, g["code"], g, d))
print("figures: cati == duckdb (%d groups: n, mean, %% dissatisfied)" % checked if bad == 0 else "%d mismatches" % bad)
sys.exit(1 if bad else 0)
PY
}

report() {
    local label=$1 folder=$2 file=$2/interviews.jsonl size_mb
    size_mb=$(awk "BEGIN { printf \"%.0f\", $(stat -c %s "$file") / 1048576 }")
    echo "== $label: $file ($size_mb MB)"
    cat "$file" > /dev/null   # in the page cache, for both
    best "$dir/cati.json" "$cati" report "$questionnaire" --data "$folder" --format json
    local c_wall=$best_wall c_cpu=$best_cpu c_rss=$best_rss
    best "$dir/duck.txt" python3 "$root/bench/report_duckdb.py" "$file" "$dir/duck.json"
    local d_wall=$best_wall d_cpu=$best_cpu d_rss=$best_rss
    compare "$dir/cati.json" "$dir/duck.json"
    echo "report $label: cati $c_wall s (cpu $c_cpu s, max RSS $c_rss MB); duckdb $d_wall s (cpu $d_cpu s, max RSS $d_rss MB);" \
         "ratio $(awk "BEGIN { printf \"%.2f\", $c_wall / $d_wall }")"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
report 200k "$dir/200k"
report 1M "$dir/1m"
echo "goal: 1M in < 3 s and < 100 MB"
echo "machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"

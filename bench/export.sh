#!/usr/bin/env bash
# bench/export.sh — `cati export --format csv` on generated cc_parma records, side by side
# with DuckDB (read_json + COPY … TO csv) and pandas (read_json(lines=True) +
# json_normalize + to_csv) on the same file, whole process each; peak memory too.
#
#   bench/export.sh              # 200,000 and 1,000,000 records
#   SIZES=200000 bench/export.sh # only 200k
#   PEERS=0 bench/export.sh      # cati only
#   PANDAS_MAX=1000000 bench/export.sh  # pandas on 1M too (default: only up to 200k: it
#                                # needs about 3 GB per 200k records, > 14 GB at 1M)
#   BENCH_DIR=/path bench/export.sh   # where records go (default /tmp/cati-bench-export);
#                                # files already there with the right number of lines are reused
#
# Goals: 1,000,000 records to CSV in < 5 s; at most 0.2 x pandas's time on the same data.
# Wall-clock figures depend on what else the machine runs: CPU time (user + sys) is
# printed next to them. Every export writes all statuses (--status all), as the peers do.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/cati-bench-export}
sizes=${SIZES:-"200000 1000000"}
peers=${PEERS:-1}
pandas_max=${PANDAS_MAX:-200000}
questionnaire="$root/questionnaires/cc_parma.cati"
mkdir -p "$dir"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null
fi
if [ "$peers" = 1 ] && ! python3 -c "import duckdb, pandas" 2>/dev/null; then
    echo "installing duckdb and pandas (PyPI)" >&2
    python3 -m pip install -q --disable-pip-version-check duckdb pandas >&2
fi

echo "building cati (release)..." >&2
(cd "$root" && swift build -c release --scratch-path .build-release --product cati >&2)
cati="$root/.build-release/release/cati"

lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }

# measure CMD...: runs it under /usr/bin/time -v; sets wall, cpu, rss_mb.
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || { cat "$log" >&2; rm -f "$log"; return 1; }
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.2f", s }' "$log")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.2f", u + s }' "$log")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$log")
    rm -f "$log"
}

echo "== machine: $(nproc) cores, $(date -u +%FT%TZ)"
for n in $sizes; do
    folder="$dir/$n"
    mkdir -p "$folder"
    if [ "$(lines "$folder/interviews.jsonl")" != "$n" ]; then
        echo "generating $n records..." >&2
        python3 "$root/bench/gen_records.py" "$n" "$folder/interviews.jsonl" --seed 2026 > /dev/null
    fi
    mb=$(( $(stat -c %s "$folder/interviews.jsonl") / 1000000 ))
    echo "== $n records ($mb MB)"
    measure "$cati" export "$questionnaire" --data "$folder" --status all --out "$folder/cati.csv" --force
    cati_wall=$wall
    printf '  %-32s wall %6s s  cpu %6s s  max RSS %5s MB  (%s rows)\n' "cati export --format csv" \
        "$wall" "$cpu" "$rss_mb" "$(( $(python3 -c "import csv,sys; print(sum(1 for _ in csv.reader(open(sys.argv[1], newline=''))))" "$folder/cati.csv") - 1 ))"
    if [ "$peers" = 1 ]; then
        measure python3 "$root/bench/export_peers.py" duckdb "$folder/interviews.jsonl" "$folder/duckdb.csv"
        printf '  %-32s wall %6s s  cpu %6s s  max RSS %5s MB\n' "duckdb read_json + COPY" "$wall" "$cpu" "$rss_mb"
        if [ "$n" -le "$pandas_max" ]; then
            measure python3 "$root/bench/export_peers.py" pandas "$folder/interviews.jsonl" "$folder/pandas.csv"
            printf '  %-32s wall %6s s  cpu %6s s  max RSS %5s MB\n' "pandas read_json+normalize+csv" "$wall" "$cpu" "$rss_mb"
            awk -v c="$cati_wall" -v p="$wall" 'BEGIN { printf "  cati / pandas: %.3f x (goal <= 0.2)\n", c / p }'
        else
            echo "  pandas skipped above PANDAS_MAX=$pandas_max records (memory)"
        fi
    fi
    if [ "$n" = 1000000 ]; then
        awk -v c="$cati_wall" 'BEGIN { printf "  1M to CSV: %.2f s (goal < 5 s): %s\n", c, (c < 5 ? "met" : "NOT met") }'
    fi
done

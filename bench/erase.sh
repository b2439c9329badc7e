#!/usr/bin/env bash
# bench/erase.sh — `cati erase` of 3 cases on a 200,000-record cc_parma folder: wall,
# CPU (user+sys) and peak RSS of the whole process (/usr/bin/time). A supervisor runs
# it on the interviewers' shared host during fieldwork: its memory must not grow with
# interviews.jsonl (the rewrite streams it, docs/privacy.md).
#
#   bench/erase.sh                        # .build/release/cati, 3 runs of each
#   bench/erase.sh OLD_CATI NEW_CATI      # the same runs for each binary, side by side
#   N=1000000 RUNS=1 bench/erase.sh
#   BENCH_DIR=/path bench/erase.sh        # where records go (default /tmp/cati-bench-erase)
#
# Each run starts from a fresh copy of the folder (interviews.jsonl, a calls.jsonl of one
# attempt per case) and times:
#   erase --answers            3 cases' records and attempts dropped (both files rewritten)
#   erase --answers --sample   the same, and their personal cells emptied in a 200,000-row sample
#   erase again                nothing left to change: both files read, none written
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-200000}
runs=${RUNS:-3}
dir=${BENCH_DIR:-/tmp/cati-bench-erase}
questionnaire="$root/questionnaires/cc_parma.cati"
if [ $# -eq 0 ]; then
    (cd "$root" && swift build -c release --product cati >/dev/null)
    set -- "$root/.build/release/cati"
fi
mkdir -p "$dir"
records="$dir/records-$n.jsonl"
[ -f "$records" ] || python3 "$root/bench/gen_records.py" "$n" "$records" --seed 2026 >/dev/null
# One call attempt per case, and a sample of every case with a name and a phone.
if [ ! -f "$dir/calls-$n.jsonl" ] || [ ! -f "$dir/sample-$n.csv" ]; then
    python3 - "$records" "$dir/calls-$n.jsonl" "$dir/sample-$n.csv" <<'PY'
import json, sys
ids = []
for line in open(sys.argv[1]):
    ids.append(json.loads(line)["respondent"])
with open(sys.argv[2], "w") as calls:
    for k, i in enumerate(ids):
        calls.write(json.dumps({"case": i, "attempt": 1, "interviewer": "maria", "at": "2026-11-18T11:06:40Z",
                                "outcome": "complete", "aapor": "1.1", "final": True, "appointment": None,
                                "interview": None, "contact": "%016x" % k}, separators=(",", ":")) + "\n")
with open(sys.argv[3], "w") as out:
    out.write("id,name,phone,tipo\n")
    for k, i in enumerate(sorted(set(ids))):
        out.write(f"{i},Persona {k},0521 {k:06d},privato\n")
PY
fi
cases=(R0000001 R0100000 R0199999)

fresh() {
    rm -rf "$dir/data" && mkdir -m 700 "$dir/data"
    cp "$records" "$dir/data/interviews.jsonl"
    cp "$dir/calls-$n.jsonl" "$dir/data/calls.jsonl"
    cp "$dir/sample-$n.csv" "$dir/sample.csv"
    sync
}

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e s wall, %U+%S s CPU, %M KB peak RSS" "$@" >"$dir/out.txt" 2>"$dir/time.txt" \
        || { cat "$dir/out.txt" "$dir/time.txt"; exit 1; }
    printf '  %-28s %s   (%s)\n' "$label" "$(tail -1 "$dir/time.txt")" "$(tail -1 "$dir/out.txt")"
}

echo "$n records: interviews.jsonl $(du -h "$records" | cut -f1), calls.jsonl $(du -h "$dir/calls-$n.jsonl" | cut -f1), sample $(du -h "$dir/sample-$n.csv" | cut -f1); load $(cut -d' ' -f1-3 /proc/loadavg)"
for cati in "$@"; do
    echo "$cati ($(cd "$(dirname "$cati")" && git rev-parse --short HEAD 2>/dev/null || echo '?'))"
    for run in $(seq "$runs"); do
        fresh
        measure "erase --answers" "$cati" erase "$questionnaire" "${cases[@]}" --answers --data "$dir/data"
        fresh
        measure "erase --answers --sample" "$cati" erase "$questionnaire" "${cases[@]}" --answers --data "$dir/data" --sample "$dir/sample.csv"
        measure "erase again (no change)" "$cati" erase "$questionnaire" "${cases[@]}" --answers --data "$dir/data"
    done
done
echo "lines left: $(wc -l < "$dir/data/interviews.jsonl") of $(wc -l < "$records")"

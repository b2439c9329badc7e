#!/usr/bin/env bash
# bench/privacy.sh — `cati erase` (a rewrite of interviews.jsonl) and `cati export
# --pseudonymise` / `--include-personal` on generated cc_parma records, beside a plain
# export of the same file. Whole process each, wall clock and CPU (user + sys).
#
#   bench/privacy.sh                 # 200,000 records
#   N=1000000 bench/privacy.sh
#   BENCH_DIR=/path bench/privacy.sh # where records go (default /tmp/cati-bench-privacy)
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
n=${N:-200000}
dir=${BENCH_DIR:-/tmp/cati-bench-privacy}
questionnaire="$root/questionnaires/cc_parma.cati"
cati="$root/.build/release/cati"
(cd "$root" && swift build -c release --product cati >/dev/null)
mkdir -p "$dir"
source_records="$dir/records-$n.jsonl"
[ -f "$source_records" ] || python3 "$root/bench/gen_records.py" "$n" "$source_records" --seed 2026 >/dev/null
folder="$dir/data"
rm -rf "$folder" && mkdir -m 700 "$folder" && cp "$source_records" "$folder/interviews.jsonl"
# A sample of every respondent (name, phone) for --include-personal.
python3 - "$source_records" "$dir/sample.csv" <<'PY'
import json, sys
ids = sorted({json.loads(l)["respondent"] for l in open(sys.argv[1])})
with open(sys.argv[2], "w") as out:
    out.write("id,name,phone\n")
    for k, i in enumerate(ids):
        out.write(f"{i},Persona {k},0521 {k:06d}\n")
PY

measure() {
    local label=$1; shift
    /usr/bin/time -f "$label: %e s wall, %U+%S s CPU, %M KB peak" "$@" >/dev/null 2>"$dir/time.txt" || { cat "$dir/time.txt"; exit 1; }
    tail -1 "$dir/time.txt"
}

echo "$n records, $(du -h "$folder/interviews.jsonl" | cut -f1)"
measure "export csv" "$cati" export "$questionnaire" --data "$folder" --status all --out "$dir/plain.csv" --force
measure "export csv --pseudonymise" "$cati" export "$questionnaire" --data "$folder" --status all --pseudonymise --out "$dir/p.csv" --force
measure "export csv --include-personal" "$cati" export "$questionnaire" --data "$folder" --status all --include-personal --sample "$dir/sample.csv" --out "$dir/i.csv" --force
measure "erase 3 cases --answers" "$cati" erase "$questionnaire" R0000001 R0100000 R0199999 --answers --data "$folder"
measure "erase of a case with nothing left (no rewrite)" "$cati" erase "$questionnaire" R0000001 --answers --data "$folder"
echo "lines left: $(wc -l < "$folder/interviews.jsonl")"

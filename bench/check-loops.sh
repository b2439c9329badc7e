#!/usr/bin/env bash
# Times `cati check` on a generated questionnaire with loops (bench/gen_loops.py: 5,000
# questions counted round by round, loops over multis and numbers) in two languages: the
# questionnaire and an English translation of every one of its texts (a loop's texts
# translated once, for every round), checked in one run (goal: < 100 ms).
#
#   bench/check-loops.sh [--no-build]     Environment: QUESTIONS (default 5000), RUNS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
questions=${QUESTIONS:-5000}
runs=${RUNS:-20}
[ "${1:-}" = "--no-build" ] || swift build -c release --scratch-path .build-release --product cati >&2
cati=$(swift build -c release --scratch-path .build-release --show-bin-path)/cati
mkdir -p bench/out
file=bench/out/loops$questions.cati
translation=bench/out/loops$questions.en.cati
python3 bench/gen_loops.py "$questions" > "$file"
# An empty translation makes `cati check` name every key it needs; translate each.
echo "translation en" > "$translation"
{ "$cati" check "$file" 2>&1 || true; } | python3 -c '
import re, sys
keys = re.findall(r"add .(.*?) \"…\". to ", sys.stdin.read())
print("translation en")
for k in keys:
    print(f"{k} \"EN: text of {k}\"")
' > "$translation.tmp"
mv "$translation.tmp" "$translation"
"$cati" check "$file" >&2   # the figures, and no error
total=0
for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$cati" check --quiet "$file"
    end=$(date +%s%N)
    total=$((total + end - start))
done
ms=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.1f", t / n / 1e6 }')
echo "check $questions questions with loops + English translation ($(($(wc -l < "$translation") - 1)) texts): $ms ms (goal < 100 ms)"

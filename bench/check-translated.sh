#!/usr/bin/env bash
# Times `cati check` on the generated 5,000-question questionnaire together with a
# German translation of every one of its texts (bench/out/q5000.de.cati, made from the
# keys `cati check` asks for): the questionnaire and its translation checked in one run
# (goal: < 100 ms). Run bench/check.sh first (it builds the release binary and the file).
#
#   bench/check-translated.sh     Environment: QUESTIONS (default 5000), RUNS (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
questions=${QUESTIONS:-5000}
runs=${RUNS:-20}
cati=$(swift build -c release --scratch-path .build-release --show-bin-path)/cati
file=bench/out/q$questions.cati
[ -x "$cati" ] && [ -f "$file" ] || { echo "run bench/check.sh first" >&2; exit 1; }
translation=bench/out/q$questions.de.cati
trap 'rm -f "$translation"' EXIT  # bench/check.sh times the questionnaire alone
# An empty translation makes `cati check` name every key it needs; translate each.
echo "translation de" > "$translation"
{ "$cati" check "$file" 2>&1 || true; } | python3 -c '
import re, sys
keys = re.findall(r"add .(.*?) \"…\". to ", sys.stdin.read())
print("translation de")
for k in keys:
    print(f"{k} \"DE: text of {k}\"")
' > "$translation.tmp"
mv "$translation.tmp" "$translation"
"$cati" check "$file" >&2
"$cati" check --quiet "$file"
total=0
for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$cati" check --quiet "$file"
    end=$(date +%s%N)
    total=$((total + end - start))
done
ms=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.1f", t / n / 1e6 }')
echo "check $questions questions + German translation ($(($(wc -l < "$translation") - 1)) texts): $ms ms (goal < 100 ms)"

#!/usr/bin/env bash
# Times `cati check` on a generated questionnaire of 5,000 questions (goal: < 100 ms).
#
#   bench/check.sh              build the release binary, generate, time
#   bench/check.sh --no-build   use the release binary already built
#
# Environment: QUESTIONS (default 5000), RUNS (default 20).
# Uses hyperfine when it is installed, else a bash loop timed with `date +%s%N`.
set -euo pipefail
cd "$(dirname "$0")/.."

questions=${QUESTIONS:-5000}
runs=${RUNS:-20}
build=1
for arg in "$@"; do
    case $arg in
        --no-build) build=0 ;;
        *) echo "usage: bench/check.sh [--no-build]" >&2; exit 2 ;;
    esac
done

if [ "$build" = 1 ]; then
    swift build -c release --scratch-path .build-release --product cati >&2
fi
cati=$(swift build -c release --scratch-path .build-release --show-bin-path)/cati
[ -x "$cati" ] || { echo "no release binary at $cati; run without --no-build" >&2; exit 1; }

mkdir -p bench/out
file=bench/out/q$questions.cati
python3 bench/gen_questionnaire.py "$questions" > "$file"
# The generated file must check clean: a benchmark of an error report is no benchmark.
"$cati" check "$file" >&2

if command -v hyperfine > /dev/null; then
    hyperfine --warmup 3 --runs "$runs" --export-json bench/out/check.json "$cati check --quiet $file" >&2
    ms=$(python3 -c 'import json, sys; print(f"{json.load(open(sys.argv[1]))["results"][0]["mean"] * 1000:.1f}")' \
        bench/out/check.json)
else
    "$cati" check --quiet "$file" # warm-up (page cache, dynamic loader)
    total=0
    best=
    for ((i = 0; i < runs; i++)); do
        start=$(date +%s%N)
        "$cati" check --quiet "$file"
        end=$(date +%s%N)
        elapsed=$((end - start))
        total=$((total + elapsed))
        if [ -z "$best" ] || [ "$elapsed" -lt "$best" ]; then best=$elapsed; fi
    done
    ms=$(awk -v t="$total" -v n="$runs" 'BEGIN { printf "%.1f", t / n / 1e6 }')
    echo "mean of $runs runs; fastest $(awk -v b="$best" 'BEGIN { printf "%.1f", b / 1e6 }') ms" >&2
fi
echo "check $questions questions: $ms ms (goal < 100 ms)"

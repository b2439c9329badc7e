#!/usr/bin/env bash
# Interviews/s and commits/s of `cati simulate` with 1 and with 8 processes at once on
# one data folder (release build). Usage: bench/simulate.sh [CATI_BINARY]
set -euo pipefail
cd "$(dirname "$0")/.."
cati=${1:-.build-release/release/cati}
q=questionnaires/cc_parma.cati
out=bench/out/simulate
# simulate --sample interviews each case once: 2,000 cases, the bundled 40 over and over
sample=bench/out/cc_parma-sample-2000.csv
mkdir -p bench/out
awk 'NR == 1 { print; next } { row[NR - 1] = $0; n = NR - 1 }
  END { for (k = 0; k < 2000; k++) { r = row[k % n + 1]; sub(/^[^,]*/, sprintf("S%05d", k + 1), r); print r } }' \
  questionnaires/cc_parma-sample.csv > "$sample"
run() { # processes interviews-per-process
  local p=$1 n=$2
  rm -rf "$out"; mkdir -p "$out"
  local start end
  start=$(date +%s.%N)
  for ((k = 1; k <= p; k++)); do "$cati" simulate "$q" --data "$out" -n "$n" --seed "$k" --sample "$sample" -q & done
  wait
  end=$(date +%s.%N)
  local records commits
  records=$(wc -l < "$out/interviews.jsonl")
  # every accepted action is one durable journal line; every record one durable append
  commits=$(jq -r '[.paradata.seconds | length] | add' "$out/interviews.jsonl" | awk '{s+=$1} END {print s}')
  commits=$((commits + records))
  awk -v p="$p" -v r="$records" -v c="$commits" -v s="$start" -v e="$end" 'BEGIN {
    t = e - s; printf "simulate %d process(es): %d interviews in %.2f s = %.0f interviews/s, ~%.0f commits/s%s\n",
    p, r, t, r / t, c / t, (p == 8 ? " (goal >= 1500 commits/s)" : "") }'
}
run 1 300
run 8 150

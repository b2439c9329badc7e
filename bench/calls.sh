#!/usr/bin/env bash
# Sample management figures (issue 13), release build:
#   replay of the case state at start-up, 100,000 cases + 50,000 attempts (goal < 1 s)
#   choosing the next case over them (goal p99 < 5 ms)
#   bench/calls.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ ${1:-} != --no-build ]]; then
  swift build -c release --scratch-path .build-release --product cati-bench >/dev/null
fi
mkdir -p bench/out
.build-release/release/cati-bench calls bench/out/calls questionnaires/cc_parma.cati

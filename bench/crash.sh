#!/usr/bin/env bash
# The crash harness, long form (docs/reliability.md). Rounds of `cati simulate`
# processes on one data folder, each killed with SIGKILL at a random moment; the
# interviews they interrupted resumed and finished while the next round runs; then every
# guarantee checked (saved once, acknowledged answers back, no quota overshoot, nothing
# left behind). Also a record line torn at every byte, each cut read by `cati quotas` too.
# The short form of the same tests runs in `swift test`.
#
#   bench/crash.sh                              200 rounds of 4 processes
#   CATI_CRASH_ROUNDS=1000 CATI_CRASH_PROCESSES=6 bench/crash.sh
#   CATI_CRASH_MAX_MS=3000 bench/crash.sh       kill moments up to 3 s into a round (default 1200 ms)
#   CATI_CRASH_SEED=123 bench/crash.sh          the same kill moments and answers again (timing differs)
#   CATI_CRASH_DIR=/mnt/other bench/crash.sh    the data folder on another disk (default: the temp folder)
#   CATI_CRASH_KEEP=1 bench/crash.sh            keep the data folder and traces, print where
#   CATI_EXECUTABLE=.build-release/release/cati bench/crash.sh   simulate with a release build
#   SKIP_BUILD=1 bench/crash.sh                 use the build already in $SCRATCH (.build-crash)
set -uo pipefail
cd "$(dirname "$0")/.."
scratch=${SCRATCH:-.build-crash}
export CATI_CRASH_ROUNDS=${CATI_CRASH_ROUNDS:-200}
export CATI_CRASH_PROCESSES=${CATI_CRASH_PROCESSES:-4}
export CATI_CRASH_EVERY_BYTE=${CATI_CRASH_EVERY_BYTE:-1}
if [[ -z ${SKIP_BUILD:-} ]]; then
  swift build --build-tests --scratch-path "$scratch" >/dev/null || exit 1
fi
mkdir -p bench/out
log=bench/out/crash-$(date -u +%Y%m%dT%H%M%SZ).log
echo "== crash harness: $CATI_CRASH_ROUNDS rounds of $CATI_CRASH_PROCESSES processes, $(nproc) cores, $(date -u +%FT%TZ)"
swift test --skip-build --scratch-path "$scratch" --filter 'CrashHarnessTests' >"$log" 2>&1
status=$?
grep -E '^(crash harness|torn tail|kept )|^✘|^✔ (Test|Suite) ' "$log" | grep -v '^✘ Suite' | cut -c1-400
echo "full log: $log"
exit $status

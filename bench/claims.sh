#!/usr/bin/env bash
# bench/claims.sh — the call desk's claims under contention (issue 17 item 3): P `cati
# call` processes started at once, with the same rules (so the same offers), each
# taking K cases one after the other and recording `no-answer` on them, on the data
# folder and on PostgreSQL on loopback. Prints the wall time until all are done and the
# cases taken per second, and checks that no case was taken twice.
# Usage: bench/claims.sh [postgres://URL]   (default: a throwaway cluster from
#        .ci/pg-start, stopped at exit). SKIP_BUILD=1 reuses the release build;
#        BIN=DIR runs DIR/cati instead (another build to compare with); P (default 8)
#        and K (default 100) change the processes and the cases each.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
if [[ -z ${SKIP_BUILD:-} && -z ${BIN:-} ]]; then
  swift build -c release --scratch-path .build-release --product cati >/dev/null
fi
bin=${BIN:-$root/.build-release/release}
procs=${P:-8}
each=${K:-100}
out=$(mktemp -d /tmp/cati-bench-claims.XXXXXX)
url=${1:-}
pgdir=
cleanup() { rm -rf "$out"; if [[ -n $pgdir ]]; then bash .ci/pg-stop "$pgdir"; fi; }
trap cleanup EXIT
if [[ -z $url ]]; then
  pgdir=$(mktemp -d /tmp/cati-bench-pg.XXXXXX)
  url=$(bash .ci/pg-start "$pgdir" | sed -n 's/^URL=//p')
fi
db() { # a new database of the server: its URL
  local name="cati_bench_$1_$$"
  psql -X -q "$url" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "${url%/*}/$name"
}
cat >"$out/q.cati" <<'EOF'
survey coda "Coda"
single tipo "Tipo" preload
  1 privato "Privato"
  2 azienda "Azienda"
EOF
{
  echo "id,name,phone,tipo"
  for ((k = 1; k <= procs * each + 1; k++)); do echo "C$k,Persona $k,0521 $((100000 + k)),privato"; done
} >"$out/sample.csv"
echo "2026-11-30T10:00:00Z" >"$out/clock"   # a Monday, inside calling hours
echo "== $(nproc) cores, $(date -u +%FT%TZ), $procs processes x $each cases, cati: $bin/cati"

race() { # label store-arguments...
  local label=$1; shift
  # The store made (and the survey's first case called) before the race.
  "$bin/cati" call "$out/q.cati" "$@" --sample "$out/sample.csv" --interviewer i0 --clock "$out/clock" \
    --outcome no-answer >/dev/null
  local start end
  start=$(date +%s.%N)
  for ((p = 1; p <= procs; p++)); do
    "$bin/cati" call "$out/q.cati" "$@" --sample "$out/sample.csv" --interviewer "i$p" --clock "$out/clock" \
      --take "$each" --outcome no-answer >"$out/taken.$p" 2>"$out/err.$p" &
  done
  wait
  end=$(date +%s.%N)
  local taken distinct
  taken=$(cat "$out"/taken.* | wc -l)
  distinct=$(cat "$out"/taken.* | sed 's/.*"case":"\([^"]*\)".*/\1/' | sort -u | wc -l)
  python3 -c "
s = $end - $start
print(f'$label: {$taken} cases taken ({$distinct} distinct) in {s:.2f} s, {$taken / s:.0f} cases/s')"
  if [[ $taken != "$distinct" ]]; then echo "$label: A CASE WAS TAKEN TWICE" >&2; exit 1; fi
  cat "$out"/err.* >&2
  rm -f "$out"/taken.* "$out"/err.*
}

race "data folder" --data "$out/data"
pgdb=$(db claims)
race "PostgreSQL " --store "$pgdb"
# Statements run by the race (each is its own transaction), from the server's counters
# (a backend's are counted when it exits: give them a second).
sleep 1
psql -X -At "$pgdb" -c "SELECT 'PostgreSQL : ' || xact_commit || ' statements committed, '
  || xact_rollback || ' rolled back, in this database' FROM pg_stat_database WHERE datname = current_database()"

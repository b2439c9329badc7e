#!/usr/bin/env bash
# bench/quotas.sh — how fast `cati quotas --json` counts completes per cell in a large
# interviews.jsonl, cold (no quota-index.json: the whole file is read) and warm (the
# snapshot is used), against jq on the same file; and its peak memory.
#
#   bench/quotas.sh            # 200,000 and 1,000,000 records
#   RUNS=5 bench/quotas.sh     # best of 5 runs for each cati figure (default 3)
#   BENCH_DIR=/path bench/quotas.sh   # where the records go (default /tmp/cati-bench);
#                              # files already there with the right number of lines are reused
#
# Goals: 200k cold <= 0.10 x jq; 1M cold < 1 s and < 100 MB max RSS; warm well below.
# Wall-clock figures depend on what else the machine runs: CPU time (user + sys) is
# printed next to them.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${BENCH_DIR:-/tmp/cati-bench}
runs=${RUNS:-3}
questionnaire="$root/questionnaires/cc_parma.cati"
mkdir -p "$dir"

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (apt-get install -y time)" >&2
    apt-get install -y time >/dev/null
fi
command -v jq >/dev/null || { echo "jq is needed" >&2; exit 1; }

echo "building cati (release)..." >&2
(cd "$root" && swift build -c release --scratch-path .build-release --product cati >&2)
cati="$root/.build-release/release/cati"

lines() { [ -f "$1" ] && wc -l < "$1" | tr -d ' ' || echo 0; }

# 1,000,000 records; the first 200,000 of them are the 200k file.
big="$dir/1m/interviews.jsonl"
small="$dir/200k/interviews.jsonl"
mkdir -p "$dir/1m" "$dir/200k"
if [ "$(lines "$big")" != 1000000 ]; then
    echo "generating 1,000,000 records..." >&2
    python3 "$root/bench/gen_records.py" 1000000 "$big" --seed 2026 > "$dir/1m.summary.json"
fi
if [ "$(lines "$small")" != 200000 ]; then
    head -n 200000 "$big" > "$small"
fi

# measure CMD...: runs it under /usr/bin/time -v; sets wall, cpu, rss_mb.
measure() {
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" > "$dir/out.json" 2> "$log"
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; printf "%.3f", s }' "$log")
    cpu=$(awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { printf "%.3f", u + s }' "$log")
    rss_mb=$(awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$log")
    rm -f "$log"
}

# best RUNS cold (or warm) runs of cati quotas: sets best_wall, best_cpu, best_rss.
cati_best() {
    local folder=$1 mode=$2
    best_wall=""; best_cpu=""; best_rss=0
    for _ in $(seq "$runs"); do
        if [ "$mode" = cold ]; then rm -f "$folder/quota-index.json"; fi
        measure "$cati" quotas "$questionnaire" --data "$folder" --json
        if [ -z "$best_wall" ] || awk "BEGIN { exit !($wall < $best_wall) }"; then best_wall=$wall; best_cpu=$cpu; fi
        best_rss=$(awk "BEGIN { print ($rss_mb > $best_rss) ? $rss_mb : $best_rss }")
    done
}

# The counts must be jq's: completes per (tipo, motivo), mapped to the cell labels.
check_counts() {
    local file=$1 jq_out=$2
    python3 - "$dir/out.json" "$jq_out" <<'PY'
import json, sys
table = json.load(open(sys.argv[1]))
cati = {c["cell"]: c["complete"] for q in table["quotas"] if q["name"] == "tipo_motivo" for c in q["cells"]}
tipi = {1: "privato", 2: "azienda", 3: "ente"}
motivi = {1: "anagrafe", 2: "tributi", 3: "scuola", 4: "sociale", 5: "mobilita", 6: "edilizia",
          7: "ambiente", 8: "generali", 9: "altro"}
jq = {}
for line in open(sys.argv[2]):
    n, pair = line.split(None, 1)
    tipo, motivo = json.loads(pair)
    cell = "ente,*" if tipo == 3 else tipi[tipo] + "," + motivi[motivo]
    jq[cell] = jq.get(cell, 0) + int(n)
cati = {k: v for k, v in cati.items() if v}
if cati != jq:
    print("MISMATCH cati %s jq %s" % (cati, jq)); sys.exit(1)
print("counts: cati == jq (%d completes in %d cells)" % (sum(jq.values()), len(jq)))
PY
}

report() {
    local label=$1 folder=$2 file=$2/interviews.jsonl
    local size_mb
    size_mb=$(awk "BEGIN { printf \"%.0f\", $(stat -c %s "$file") / 1048576 }")
    echo "== $label: $file ($size_mb MB)"
    cat "$file" > /dev/null   # in the page cache, for cati and jq alike

    measure sh -c "jq -c 'select(.status==\"complete\") | [.answers.tipo,.answers.motivo]' '$file' | sort | uniq -c > '$dir/jq.txt'"
    local jq_wall=$wall jq_cpu=$cpu
    cati_best "$folder" cold
    check_counts "$file" "$dir/jq.txt"
    local cold_wall=$best_wall cold_cpu=$best_cpu cold_rss=$best_rss
    cati_best "$folder" warm
    local warm_wall=$best_wall warm_cpu=$best_cpu warm_rss=$best_rss

    local ratio ratio_cpu
    ratio=$(awk "BEGIN { printf \"%.3f\", $cold_wall / $jq_wall }")
    ratio_cpu=$(awk "BEGIN { printf \"%.3f\", $cold_cpu / $jq_cpu }")
    echo "quotas $label cold: $cold_wall s (jq $jq_wall s, ratio $ratio, goal <= 0.10); cpu $cold_cpu s (jq $jq_cpu s, ratio $ratio_cpu)"
    echo "quotas $label cold: $cold_wall s, max RSS $cold_rss MB (goal < 1 s, < 100 MB)"
    echo "quotas $label warm: $warm_wall s, cpu $warm_cpu s, max RSS $warm_rss MB (goal < 1 s, < 100 MB)"
}

echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
report 200k "$dir/200k"
report 1M "$dir/1m"
echo "machine load after: $(cut -d' ' -f1-3 /proc/loadavg)"

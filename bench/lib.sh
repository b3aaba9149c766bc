# Shared helpers for the benchmark scripts: whole-process timings with hyperfine (warm-up, several runs),
# reported as median and min–max, with every case's ratio against the baseline measured in the same run.
set -euo pipefail
BENCH_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RUNS=${RUNS:-15}
WARMUP=${WARMUP:-3}
command -v hyperfine >/dev/null || { echo "bench: hyperfine is needed (apt-get install hyperfine)" >&2; exit 2; }

# bench_compare TITLE BASELINE_NAME BASELINE_CMD [NAME CMD]...: prints a markdown table.
bench_compare() {
  local title=$1; shift
  local json; json=$(mktemp)
  local args=() names=()
  while [ $# -gt 0 ]; do names+=("$1"); args+=(-n "$1" "$2"); shift 2; done
  hyperfine -N --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "${args[@]}" >/dev/null
  python3 - "$title" "$json" <<'PY'
import json, sys, statistics
title, path = sys.argv[1], sys.argv[2]
results = json.load(open(path))["results"]
base = statistics.median(results[0]["times"])
print(f"\n### {title}\n")
print("| case | median ms | min–max ms | × baseline |")
print("| --- | ---: | ---: | ---: |")
for r in results:
    med = statistics.median(r["times"])
    print(f"| {r['command']} | {med*1000:.0f} | {min(r['times'])*1000:.0f}–{max(r['times'])*1000:.0f} | {med/base:.2f} |")
PY
  rm -f "$json"
}

# peak_rss CMD...: prints "peak RSS KiB" of one run (GNU time).
peak_rss() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}

# Shared helpers for the benchmark scripts: whole-process timings with hyperfine (warm-up, several runs),
# reported as median and min–max, with every case's ratio against the baseline measured in the same run.
# A failing run does not stop the benchmark (hyperfine -i): it is counted in the "failed runs" column.
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
  while [ $# -gt 0 ]; do
    # A command that fails outright would be timed as a fast failure: check each one once first.
    if ! out=$(bash -c "$2" 2>&1 </dev/null); then
      echo "bench: '$1' fails, not timing it: $(tail -3 <<<"$out")" >&2
      return 1
    fi
    names+=("$1"); args+=(-n "$1" "$2"); shift 2
  done
  hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "${args[@]}" >/dev/null
  python3 - "$title" "$json" <<'PY'
import json, sys, statistics
title, path = sys.argv[1], sys.argv[2]
results = json.load(open(path))["results"]
base = statistics.median(results[0]["times"])
print(f"\n### {title}\n")
base_cpu = results[0]["user"] + results[0]["system"]
print("| case | median ms | min–max ms | × baseline | cpu ms (user+sys, mean) | cpu × baseline | failed runs |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in results:
    med = statistics.median(r["times"])
    cpu = r["user"] + r["system"]
    print(f"| {r['command']} | {med*1000:.0f} | {min(r['times'])*1000:.0f}–{max(r['times'])*1000:.0f} | {med/base:.2f}"
          f" | {cpu*1000:.0f} | {cpu/base_cpu:.2f} | {sum(1 for c in r.get('exit_codes', []) if c != 0)} |")
PY
  if [ -n "${BENCH_SAVE:-}" ]; then cp "$json" "$BENCH_SAVE"; fi   # kept for summaries (e.g. the fan-out curve)
  rm -f "$json"
}

# peak_rss CMD...: prints "peak RSS KiB" of one run (GNU time).
peak_rss() {
  /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1
}

# bench_classpath: compiles main and test classes and prints the classpath of the Java harnesses in
# src/test/java/io/sextant/bench (test scope: MINA's server, JUnit not needed but harmless).
bench_classpath() {
  # Maven's output (stray colour codes even when quiet) is shown only if the build fails.
  local out
  if ! out=$(cd "$BENCH_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests test-compile 2>&1 \
      && mvn -B -q -Dstyle.color=never dependency:build-classpath -Dmdep.includeScope=test \
        -Dmdep.outputFile=target/bench.classpath 2>&1); then
    echo "$out" >&2
    return 1
  fi
  echo "$BENCH_ROOT/target/test-classes:$BENCH_ROOT/target/classes:$(cat "$BENCH_ROOT/target/bench.classpath")"
}

# bench_header: what the numbers were measured on (paste above the tables).
bench_header() {
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC'); machine: $(nproc) vCPU, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), $(. /etc/os-release; echo "$PRETTY_NAME"), kernel $(uname -r)"
  echo "- java: $(java -version 2>&1 | head -2 | tail -1); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# peak_heap_mb CMD...: runs a `bin/sextant` command line once with GC logging and prints the peak Java heap in
# use (MB): the largest "before" size of any collection, or the heap in use at exit when that is larger.
peak_heap_mb() {
  local log; log=$(mktemp)
  SEXTANT_JAVA_OPTS="${SEXTANT_JAVA_OPTS:-} -Xlog:gc,gc+heap+exit:file=$log" "$@" >/dev/null 2>&1 || true
  python3 - "$log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
before = [int(m) for m in re.findall(r"Pause \w+ \([^)]*\) (\d+)M->", text)]
at_exit = sum(int(m) for m in re.findall(r"(?:def new generation|tenured generation)\s+total \d+K, used (\d+)K", text)) / 1024
print(f"{max(before + [at_exit]):.0f}")
PY
  rm -f "$log"
}

# sextant_project DIR HOSTS_CSV KEY: a minimal Sextant project whose servers are HOSTS (host or host:port).
sextant_project() {
  local dir=$1 hosts=$2 key=$3
  mkdir -p "$dir/config" "$dir/.kamal" "$dir/home/.ssh"
  {
    printf 'service: bench\nimage: bench/app\nservers:\n  web:\n    hosts:\n'
    tr ',' '\n' <<<"$hosts" | sed 's/^/      - /'
    printf 'registry:\n  server: 127.0.0.1:5000\n  username: bench\n  password:\n    - BENCH_PASSWORD\n'
    printf 'ssh:\n  user: root\n  keys_only: true\n  keys:\n    - %s\nbuilder:\n  arch: amd64\n' "$key"
  } > "$dir/config/deploy.yml"
  echo "BENCH_PASSWORD=bench" > "$dir/.kamal/secrets"
}

# bench_sample_project DIR: waits for the launcher's CDS archive (made after its first run), then writes init's
# sample project in DIR, with the registry password it asks for; fails when that config does not load.
bench_sample_project() {
  local sx="$BENCH_ROOT/bin/sextant" dir=$1
  "$sx" version >/dev/null
  for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done
  mkdir -p "$dir" && (cd "$dir" && "$sx" init >/dev/null)
  echo "KAMAL_REGISTRY_PASSWORD=bench" > "$dir/.kamal/secrets"
  sed -i 's/^    - RAILS_MASTER_KEY$/    - KAMAL_REGISTRY_PASSWORD/' "$dir/config/deploy.yml"
  (cd "$dir" && VERSION=bench "$sx" config >/dev/null) || { echo "bench: init's sample config does not load" >&2; return 1; }
}

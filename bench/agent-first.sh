#!/usr/bin/env bash
# The agent on by default (issue 20) must not slow the first command: `lock status` on one real test host with no
# agent running, the agent on (it finds none, runs cold, and spawns one as it ends) against SEXTANT_AGENT=0, paired
# runs. Between runs (not timed) the agent the last run started is stopped and waited for, so each run starts with
# none and no agent boot overlaps the next timed run.
# Usage: bench/agent-first.sh   (RUNS/WARMUP as in lib.sh; TEST_HOSTS_ENV=path/hosts.env: a running set of test hosts)
source "$(dirname "$0")/lib.sh"
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done   # the CDS archive
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-first.XXXXXX")
hosts_name=""
stop_agent="SEXTANT_AGENT_DIR=$work/agent $sx agent stop >/dev/null 2>&1;
  pid=\$(cat $work/agent/*.pid 2>/dev/null); while [ -n \"\$pid\" ] && kill -0 \$pid 2>/dev/null; do sleep 0.1; done"
cleanup() {
  bash -c "$stop_agent" || true
  [ -z "$hosts_name" ] || "$BENCH_ROOT/test-hosts/down.sh" --name "$hosts_name" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

env_file=${TEST_HOSTS_ENV:-}
if [ -z "$env_file" ]; then
  hosts_name=bench-first
  env_file=$("$BENCH_ROOT/test-hosts/up.sh" --name "$hosts_name" --hosts 1 | tail -1)
fi
# shellcheck disable=SC1090
source "$env_file"
host=${HOST_IPS%%,*}
sextant_project "$work/p" "$host" "$SSH_KEY"
cp "$KNOWN_HOSTS" "$work/p/home/.ssh/known_hosts"
export VERSION=bench
base="env -C $work/p HOME=$work/p/home SEXTANT_AGENT_DIR=$work/agent"

bench_header
json=$(mktemp)
hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" \
  --prepare "bash -c '$stop_agent'" \
  -n "lock status, agent off (SEXTANT_AGENT=0)" "$base SEXTANT_AGENT=0 $sx lock status" \
  -n "lock status, agent on by default, none running (starts one)" "$base $sx lock status" >/dev/null
python3 - "$json" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
base = statistics.median(results[0]["times"])
base_cpu = results[0]["user"] + results[0]["system"]
print("\n### The first command with the agent on by default, 1 host\n")
print("| case | median ms | min–max ms | × off | cpu ms (user+sys, mean) | cpu × off |")
print("| --- | ---: | ---: | ---: | ---: | ---: |")
for r in results:
    med = statistics.median(r["times"]); cpu = r["user"] + r["system"]
    print(f"| {r['command']} | {med*1000:.0f} | {min(r['times'])*1000:.0f}–{max(r['times'])*1000:.0f} | {med/base:.2f}"
          f" | {cpu*1000:.0f} | {cpu/base_cpu:.2f} |")
PY
rm -f "$json"

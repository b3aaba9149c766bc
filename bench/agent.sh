#!/usr/bin/env bash
# The warm agent (issue 20): the commands people type by hand, on one real test host, cold (SEXTANT_AGENT=0: the
# reference path), warm with only the SSH channels in the agent (SEXTANT_AGENT=channels), and warm with the whole
# command in the agent behind the thin client (the default; SEXTANT_AGENT=1), against the OpenSSH floor with
# ControlMaster (an exec on an open connection) and `sextant config` (client start-up and configuration loading,
# no SSH). Paired runs (bench/paired.py: every case once per round); the CPU of the command and its children, and
# the agent's own CPU meanwhile (it is no child of the command), from /proc. One table per command; ratios against the cold path.
# `bench/deploy.sh` with DEPLOY_AGENT=1 adds the warm deploy.
# Usage: bench/agent.sh        (RUNS/WARMUP as in lib.sh)
#   TEST_HOSTS_ENV=path/hosts.env  use a running set of test hosts instead of bringing one up
source "$(dirname "$0")/lib.sh"
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done   # the CDS archive
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-agent.XXXXXX")
hosts_name=""
cleanup() {
  if [ -d "$work/agent" ]; then SEXTANT_AGENT_DIR="$work/agent" "$sx" agent stop >/dev/null 2>&1 || true; fi
  [ -f "$work/targets.txt" ] && CONTROL_DIR="$work/cm" bash "$BENCH_ROOT/bench/ssh-fanout.sh" --close-masters \
    "$work/targets.txt" "$SSH_KEY" "$work/known_hosts"
  [ -z "$hosts_name" ] || "$BENCH_ROOT/test-hosts/down.sh" --name "$hosts_name" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

env_file=${TEST_HOSTS_ENV:-}
if [ -z "$env_file" ]; then
  hosts_name=bench-agent
  env_file=$("$BENCH_ROOT/test-hosts/up.sh" --name "$hosts_name" --hosts 1 | tail -1)
fi
# shellcheck disable=SC1090
source "$env_file"
host=${HOST_IPS%%,*}
echo "$host 22" > "$work/targets.txt"
sextant_project "$work/p" "$host" "$SSH_KEY"
cp "$KNOWN_HOSTS" "$work/p/home/.ssh/known_hosts"; cp "$KNOWN_HOSTS" "$work/known_hosts"
mkdir -p "$work/cm" "$work/agent"; chmod 700 "$work/agent"
export VERSION=bench
CONTROL_DIR="$work/cm" bash "$BENCH_ROOT/bench/ssh-fanout.sh" --open-masters "$work/targets.txt" "$SSH_KEY" "$work/known_hosts"
base="env -C $work/p HOME=$work/p/home SEXTANT_AGENT_DIR=$work/agent"
cold="$base SEXTANT_AGENT=0 $sx"
warm="$base SEXTANT_AGENT=channels $sx"
thin="$base SEXTANT_AGENT=1 $sx"
$warm agent start >/dev/null
$warm lock status >/dev/null   # the agent's session to the host

bench_header
floor="env CONTROL_DIR=$work/cm bash $BENCH_ROOT/bench/ssh-fanout.sh $work/targets.txt $SSH_KEY $work/known_hosts"
agent_pid=$($warm agent status | sed -n 's/^pid: //p')
for command in "lock status" "app details" "app version" "server exec true" "lock acquire+release"; do
  if [ "$command" = "lock acquire+release" ]; then
    c="$cold lock acquire -m bench >/dev/null && $cold lock release"
    w="$warm lock acquire -m bench >/dev/null && $warm lock release"
    t="$thin lock acquire -m bench >/dev/null && $thin lock release"
  else
    c="$cold $command"; w="$warm $command"; t="$thin $command"
  fi
  python3 "$BENCH_ROOT/bench/paired.py" "$command, 1 host: thin client vs channels-only agent vs cold" \
    "$agent_pid" "$RUNS" "$WARMUP" \
    "sextant $command, cold (SEXTANT_AGENT=0)" "$c" \
    "sextant $command, warm agent, channels only (SEXTANT_AGENT=channels)" "$w" \
    "sextant $command, warm agent, thin client (the default)" "$t" \
    "floor: ssh true through ControlMaster" "$floor" \
    "client start-up: sextant config, cold (no SSH)" "$cold config"
done
echo
echo "agent after the runs:"; $warm agent status | sed 's/^/    /'

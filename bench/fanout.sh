#!/usr/bin/env bash
# Remote fan-out: `sextant server exec true` against the OpenSSH client run in parallel over the same hosts
# (new connections, and through ControlMaster sockets opened beforehand), on real test hosts (1 and 10: netns +
# OpenSSH sshd + dockerd, see test-hosts/README.md) and on in-JVM Apache MINA SSHD servers (1 to 200, see
# io.sextant.bench.MinaFleet). `lock status` (one round trip to the primary host) is measured on 1 real host.
# Usage: bench/fanout.sh [real] [mina]        (both by default; RUNS/WARMUP as in lib.sh)
#   TEST_HOSTS_ENV=path/hosts.env  use a running set of >= 10 test hosts instead of bringing one up
#   FLEET_SIZES="1 10 50 100 200"   host counts for the MINA fleet (RUNS_BIG=3 runs from 100 hosts up)
source "$(dirname "$0")/lib.sh"
parts=${*:-real mina}
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done   # the CDS archive
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-fanout.XXXXXX")
hosts_name=""
fleet=""
cleanup() {
  for targets in "$work"/*/targets.txt; do
    [ -f "$targets" ] && CONTROL_DIR=$(dirname "$targets")/cm bash "$BENCH_ROOT/bench/ssh-fanout.sh" --close-masters \
      "$targets" "$(cat "$(dirname "$targets")/key")" "$(dirname "$targets")/known_hosts_openssh"
  done
  if [ -n "$fleet" ]; then exec 9>&-; wait "$fleet" 2>/dev/null; fi
  [ -z "$hosts_name" ] || "$BENCH_ROOT/test-hosts/down.sh" --name "$hosts_name" >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export VERSION=bench

# one_size NAME HOSTS_CSV TARGETS KEY KNOWN_HOSTS [lock]: the comparison for one set of hosts.
one_size() {
  local name=$1 hosts=$2 targets=$3 key=$4 known=$5 lock=${6:-}
  local dir="$work/$name" n; n=$(wc -l < "$targets")
  sextant_project "$dir" "$hosts" "$key"
  cp "$targets" "$dir/targets.txt"; echo "$key" > "$dir/key"; mkdir -p "$dir/cm"
  if [ -n "$known" ]; then cp "$known" "$dir/home/.ssh/known_hosts"; cp "$known" "$dir/known_hosts_openssh"
  else : > "$dir/known_hosts_openssh"; fi
  local fan="$BENCH_ROOT/bench/ssh-fanout.sh"
  bash "$fan" "$targets" "$key" "$dir/known_hosts_openssh"                  # records MINA host keys (accept-new)
  CONTROL_DIR="$dir/cm" bash "$fan" --open-masters "$targets" "$key" "$dir/known_hosts_openssh"
  local cases=(
    "floor: ssh true, $n in parallel, new connections" "bash $fan $targets $key $dir/known_hosts_openssh"
    "floor: ssh true, $n in parallel, ControlMaster" "env CONTROL_DIR=$dir/cm bash $fan $targets $key $dir/known_hosts_openssh"
    "sextant server exec true ($n hosts)" "env -C $dir HOME=$dir/home $sx server exec true")
  if [ -n "$lock" ]; then
    local first; first=$(head -1 "$targets")
    cases+=("ssh HOST cat a file (new connection)" "ssh -F /dev/null -i $key -l root -o BatchMode=yes -o UserKnownHostsFile=$dir/known_hosts_openssh -p ${first#* } ${first% *} cat /etc/hostname"
            "sextant lock status" "env -C $dir HOME=$dir/home $sx lock status")
  fi
  BENCH_SAVE="$work/$name.json" bench_compare "Fan-out: $name ($n host(s))" "${cases[@]}"
  echo
  echo "sextant server exec true, $n host(s): peak RSS $(( $(peak_rss env -C "$dir" HOME="$dir/home" "$sx" server exec true) / 1024 )) MB," \
    "peak heap $(peak_heap_mb env -C "$dir" HOME="$dir/home" "$sx" server exec true) MB"
  if [ -n "$lock" ]; then
    echo
    echo "sextant lock status: peak RSS $(( $(peak_rss env -C "$dir" HOME="$dir/home" "$sx" lock status) / 1024 )) MB," \
      "peak heap $(peak_heap_mb env -C "$dir" HOME="$dir/home" "$sx" lock status) MB"
  fi
  CONTROL_DIR="$dir/cm" bash "$fan" --close-masters "$targets" "$key" "$dir/known_hosts_openssh"
}

bench_header
if [[ " $parts " == *" real "* ]]; then
  env_file=${TEST_HOSTS_ENV:-}
  if [ -z "$env_file" ]; then
    hosts_name=bench
    env_file=$("$BENCH_ROOT/test-hosts/up.sh" --name "$hosts_name" --hosts 10 | tail -1)
  fi
  # shellcheck disable=SC1090
  source "$env_file"
  tr ',' '\n' <<<"$HOST_IPS" | awk '{print $1, 22}' > "$work/real-all.txt"
  for n in 1 10; do
    head -"$n" "$work/real-all.txt" > "$work/real$n.txt"
    one_size "real-$n" "$(cut -d' ' -f1 "$work/real$n.txt" | paste -sd,)" "$work/real$n.txt" "$SSH_KEY" \
      "$KNOWN_HOSTS" $([ "$n" = 1 ] && echo lock)
  done
fi
if [[ " $parts " == *" mina "* ]]; then
  sizes=${FLEET_SIZES:-1 10 50 100 200}
  max=$(tr ' ' '\n' <<<"$sizes" | sort -n | tail -1)
  cp=$(bench_classpath)
  mkfifo "$work/fleet.in"
  java -cp "$cp" io.sextant.bench.MinaFleet "$max" "$work/fleet" < "$work/fleet.in" > "$work/fleet.log" 2>&1 &
  fleet=$!
  exec 9>"$work/fleet.in"
  for _ in $(seq 240); do [ -f "$work/fleet/ready" ] && break; sleep 0.5; done
  [ -f "$work/fleet/ready" ] || { cat "$work/fleet.log" >&2; exit 1; }
  for n in $sizes; do
    head -"$n" "$work/fleet/hosts.txt" | awk '{print "127.0.0.1", $1}' > "$work/mina$n.txt"
    RUNS=$([ "$n" -ge 100 ] && echo "${RUNS_BIG:-3}" || echo "$RUNS") \
    WARMUP=$([ "$n" -ge 100 ] && echo 1 || echo "$WARMUP") \
      one_size "mina-$n" "$(awk '{print $1 ":" $2}' "$work/mina$n.txt" | paste -sd,)" "$work/mina$n.txt" \
      "$work/fleet/id_ed25519" ""
  done
  echo
  echo "### Fan-out curve (MINA fleet): sextant server exec true"
  echo
  python3 - "$work" $sizes <<'PY'
import json, statistics, sys
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
print("| hosts | sextant median ms | ms per host over 1 host | OpenSSH parallel (new conn.) median ms |")
print("| ---: | ---: | ---: | ---: |")
base = None
for n in sizes:
    results = json.load(open(f"{work}/mina-{n}.json"))["results"]
    sx = statistics.median(results[2]["times"]) * 1000
    ossh = statistics.median(results[0]["times"]) * 1000
    base = sx if base is None else base
    per = "–" if n == sizes[0] else f"{(sx - base) / (n - sizes[0]):.1f}"
    print(f"| {n} | {sx:.0f} | {per} | {ossh:.0f} |")
PY
  exec 9>&-; wait "$fleet"; fleet=""
  tail -1 "$work/fleet.log"
fi

#!/usr/bin/env bash
# Tears down a test host set made by up.sh: stops its dockerds (which stop their containers), sshds and
# registry by recorded PIDs, kills anything left in the set's tracking cgroup, removes namespaces, veths,
# bridge, iptables rules and the state dir. Idempotent.
# Usage: test-hosts/down.sh --name NAME | --all
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

names=()
while (($#)); do
  case $1 in
    --name) names+=("$2"); shift 2 ;;
    --all) for d in "$STATE_BASE"/*/; do [[ -d $d ]] && names+=("$(basename "$d")"); done; shift ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (usage: down.sh --name NAME | --all)" ;;
  esac
done
((EUID == 0)) || die "must run as root"

# Sends signal $1 to PID file $2's process if it is still the program $3.
signal_pidfile() {
  local sig=$1 file=$2 comm=$3 pid
  [[ -f $file ]] || return 0
  pid=$(cat "$file" 2>/dev/null) || return 0
  [[ $pid =~ ^[0-9]+$ ]] || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == "$comm"* ]] || return 0
  kill "-$sig" "$pid" 2>/dev/null
  echo "$pid"
}

wait_gone() {  # PIDs..., up to ~12 s
  local p n
  for n in $(seq 1 120); do
    for p in "$@"; do [[ -d /proc/$p ]] && break; p=""; done
    [[ -z ${p:-} ]] && return 0
    sleep 0.1
  done
  return 1
}

down_one() {
  local name=$1 S=$STATE_BASE/$1 K="" hd
  [[ -e $S ]] || { log "no set '$name'"; return 0; }
  K=$(cat "$S/subnet" 2>/dev/null || true)
  # sx$K belongs to this set unless its bridge exists with another set's mark (index reused).
  local owner
  owner=$(cat "/sys/class/net/sx${K}br/ifalias" 2>/dev/null || true)
  if [[ -n $K && -n $owner && $owner != "sextant:$(cd "$S" && pwd)" ]]; then
    log "sx$K now belongs to ${owner#sextant:}; only removing $S"
    rm -rf "$S"
    return 0
  fi
  log "tearing down set '$name'${K:+ (sx$K)}"
  # Every process of the set (sshd sessions, dockerd, containerd, shims, containers, registry) lives
  # in the set's tracking cgroup: SIGKILL them all; namespaces and their mounts die with them.
  # Without cgroup tracking, fall back to the recorded PIDs (dockerd then stops its own containers).
  if [[ -z $K || -z $(tracking_root) ]]; then
    local pids=()
    for hd in "$S"/hosts/*/; do
      [[ -d $hd ]] || continue
      pids+=($(signal_pidfile TERM "$hd/dockerd.pid" dockerd) $(signal_pidfile TERM "$hd/sshd.pid" sshd))
    done
    pids+=($(signal_pidfile TERM "$S/registry/registry.pid" docker-registry))
    ((${#pids[@]})) && wait_gone "${pids[@]}"
  fi
  if [[ -n $K ]]; then
    local n left killed=()
    for n in $(seq 1 100); do
      left=$(cgroup_pids "sx$K")
      [[ -z $left ]] && break
      killed+=($left)
      kill -9 $left 2>/dev/null
      sleep 0.05
    done
    # Until init reaps them they linger as zombies; wait so callers see a clean process table.
    ((${#killed[@]})) && wait_gone "${killed[@]}"
    [[ -z $(cgroup_pids "sx$K") ]] || echo "test-hosts: processes left in cgroup sx$K: $(cgroup_pids "sx$K" | tr '\n' ' ')" >&2
    local h
    for h in $(cgroup_hierarchies); do
      [[ -d $h/sextant/sx$K ]] && find "$h/sextant/sx$K" -depth -type d -exec rmdir {} + 2>/dev/null
    done
    local ns
    for ns in $(ip netns list 2>/dev/null | awk '{print $1}' | grep -E "^sx${K}h[0-9]+$"); do
      ip netns del "$ns" 2>/dev/null
      ip link del "$ns" 2>/dev/null
    done
    ip link del "sx${K}br" 2>/dev/null
    local chain
    for chain in FORWARD DOCKER-USER; do
      while iptables -D "$chain" -i "sx${K}br" -o "sx${K}br" -j ACCEPT -m comment --comment "sextant-sx${K}br" 2>/dev/null; do :; done
    done
  fi
  rm -rf "$S"
}

rc=0
for n in "${names[@]}"; do down_one "$n" || rc=1; done
exit $rc

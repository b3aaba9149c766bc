# Shared definitions for the test-host scripts (sourced, not run).
# Naming: a set NAME owns subnet 10.213.K.0/24, bridge sx<K>br, namespaces sx<K>h<i>,
# tracking cgroup /sys/fs/cgroup/pids/sextant/sx<K> (every process of the set lives below it).

TH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
REPO_DIR=$(cd "$TH_DIR/.." && pwd)
STATE_BASE=${SEXTANT_TEST_HOSTS_DIR:-$REPO_DIR/.test-hosts}
SUBNET_PREFIX=10.213
CGROUP_V1_ROOT=/sys/fs/cgroup
LOCK_FILE=/run/lock/sextant-test-hosts.lock

die() { echo "test-hosts: $*" >&2; exit 1; }
log() { [[ -n ${TH_QUIET:-} ]] || echo "test-hosts: $*" >&2; }

# Every mounted cgroup hierarchy (v1 controllers, named hierarchies, the v2 unified mount).
cgroup_hierarchies() {
  local h
  for h in "$CGROUP_V1_ROOT"/*/; do [[ -e $h/cgroup.procs ]] && echo "${h%/}"; done
  [[ -e $CGROUP_V1_ROOT/cgroup.procs ]] && echo "$CGROUP_V1_ROOT"
  return 0
}

# The hierarchy used to track a set's processes.
tracking_root() {
  if [[ -d $CGROUP_V1_ROOT/pids ]]; then echo "$CGROUP_V1_ROOT/pids/sextant"
  elif [[ -f $CGROUP_V1_ROOT/cgroup.procs ]]; then echo "$CGROUP_V1_ROOT/sextant"
  else echo ""; fi
}

# Moves the calling shell (and so its future children) into tracking cgroup $1 (relative).
join_cgroup() {
  local root; root=$(tracking_root)
  [[ -n $root ]] || return 0
  mkdir -p "$root/$1"
  echo "$BASHPID" > "$root/$1/cgroup.procs"
}

# Every PID in tracking cgroup $1 (relative) and below.
cgroup_pids() {
  local root; root=$(tracking_root)
  [[ -n $root && -d $root/$1 ]] || return 0
  find "$root/$1" -name cgroup.procs -exec cat {} + 2>/dev/null || true
}

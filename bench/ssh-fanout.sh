#!/usr/bin/env bash
# The OpenSSH floor for fan-out: runs `ssh HOST true` on every target at once (all in parallel, like Sextant's
# pool) and fails if any failed. TARGETS is a file of "HOST PORT" lines; KEY the private key; KNOWN a known_hosts
# file (accept-new). With CONTROL_DIR set, each connection goes through a ControlMaster socket in that folder
# (open them first with `ssh-fanout.sh --open-masters …`, close with `--close-masters`).
# Usage: ssh-fanout.sh [--open-masters|--close-masters] TARGETS KEY KNOWN [REMOTE-COMMAND]
set -uo pipefail
mode=run
case "${1:-}" in --open-masters) mode=open; shift ;; --close-masters) mode=close; shift ;; esac
targets=$1 key=$2 known=$3 command=${4:-true}
opts=(-F /dev/null -i "$key" -l root -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR
      -o StrictHostKeyChecking=accept-new -o UserKnownHostsFile="$known")
if [ -n "${CONTROL_DIR:-}" ]; then opts+=(-o ControlPath="$CONTROL_DIR/%h-%p"); fi
pids=()
while read -r host port; do
  [ -n "$host" ] || continue
  case $mode in
    open) ssh "${opts[@]}" -p "$port" -o ControlMaster=yes -o ControlPersist=900 -f -N "$host" & ;;
    close) ssh "${opts[@]}" -p "$port" -O exit "$host" 2>/dev/null & ;;
    run) ssh "${opts[@]}" -p "$port" -o ControlMaster=no "$host" "$command" & ;;
  esac
  pids+=($!)
done < "$targets"
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
[ "$mode" = close ] || [ "$failed" = 0 ] || { echo "ssh-fanout: $failed of ${#pids[@]} failed" >&2; exit 1; }

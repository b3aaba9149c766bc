#!/usr/bin/env bash
# Makes one host of a set unreachable and back, to test failure handling.
#   stop    kill the host's sshd and its sessions (new connections are refused at once)
#   start   start the host's sshd again
#   unplug  take the host's link down (connections time out / no route); plug brings it back
#   hide-docker  the host's `docker` client exits 1 (bind-mounts /bin/false over it in the host's private mount
#                namespace only); show-docker undoes it
# Usage: test-hosts/host.sh --name NAME --host HOSTNAME stop|start|unplug|plug|hide-docker|show-docker
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
name="" host="" action=""
while (($#)); do
  case $1 in
    --name) name=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    stop|start|unplug|plug|hide-docker|show-docker) action=$1; shift ;;
    *) die "usage: host.sh --name NAME --host HOSTNAME stop|start|unplug|plug|hide-docker|show-docker" ;;
  esac
done
S=$STATE_BASE/$name hd=$STATE_BASE/$name/hosts/$host
[[ -d $hd && -n $action ]] || die "no host '$host' in set '$name' (or no action given)"
K=$(cat "$S/subnet") i=${host##*h}

host_sshd_pids() {
  local p
  for p in $(cgroup_pids "sx$K/h$i"); do
    [[ $(cat "/proc/$p/comm" 2>/dev/null) == sshd ]] && echo "$p"
  done
  return 0
}

case $action in
  stop)
    pids=$(host_sshd_pids)
    [[ -z $pids ]] || kill -9 $pids 2>/dev/null || true
    for _ in $(seq 1 50); do [[ -z $(host_sshd_pids) ]] && break; sleep 0.05; done ;;
  start)
    [[ -z $(host_sshd_pids) ]] || exit 0
    anchor=$(cat "$hd/dockerd.pid")  # a process living in the host's namespaces
    [[ $(cat "/proc/$anchor/comm" 2>/dev/null) == dockerd ]] || die "$host: dockerd ($anchor) is gone; recreate the set"
    (join_cgroup "sx$K/h$i"
     exec setsid nsenter -t "$anchor" -m -n -u /usr/sbin/sshd -D -f /run/sextant-host/sshd_config \
       -E /run/sextant-host/sshd.log </dev/null >/dev/null 2>&1) &
    echo $! > "$hd/sshd.pid"
    ip=$(awk '{print $1}' "$hd/known_hosts_line")
    for _ in $(seq 1 100); do
      nsenter -t "$anchor" -n bash -c "exec 3<>/dev/tcp/$ip/22" 2>/dev/null && exit 0
      sleep 0.05
    done
    die "$host: sshd did not come back" ;;
  hide-docker|show-docker)
    anchor=$(cat "$hd/dockerd.pid")
    [[ $(cat "/proc/$anchor/comm" 2>/dev/null) == dockerd ]] || die "$host: dockerd ($anchor) is gone; recreate the set"
    # Only inside the host's mount namespace, which host-init.sh made private: the machine's docker is untouched.
    [[ $(readlink "/proc/$anchor/ns/mnt") != $(readlink /proc/self/ns/mnt) ]] || die "$host: shares our mount namespace"
    client=$(command -v docker)
    if [[ $action == hide-docker ]]; then
      nsenter -t "$anchor" -m sh -c "docker -v >/dev/null 2>&1 && mount --bind /bin/false '$client'" || true
    else
      nsenter -t "$anchor" -m sh -c "while ! docker -v >/dev/null 2>&1 && umount '$client' 2>/dev/null; do :; done"
    fi ;;
  unplug) ip link set "$host" down ;;
  plug) ip link set "$host" up ;;
esac

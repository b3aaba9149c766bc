#!/usr/bin/env bash
# The machine's root dockerd (/var/run/docker.sock) for tests: builds and pushes app images.
#   ensure  start it if none answers (recording the PID in /run/sextant-root-dockerd.pid), make sure it
#           trusts the test registries (10.213.0.0/16, plain HTTP) and has docker0, import the base image.
#   stop    stop it, only if `ensure` started it.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
SOCK=/var/run/docker.sock
PIDFILE=/run/sextant-root-dockerd.pid
CIDR=$SUBNET_PREFIX.0.0/16
CONF=/etc/docker/daemon.json

ping_daemon() { [[ $(curl -s -m 2 --unix-socket "$SOCK" http://docker/_ping 2>/dev/null) == OK ]]; }

daemon_pid() {  # the root dockerd's PID (from its own pidfile), or nothing
  local pid; pid=$(cat /var/run/docker.pid 2>/dev/null) || return 0
  [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]] && echo "$pid"
}

trusts_registry() {
  docker -H "unix://$SOCK" info --format '{{json .RegistryConfig.InsecureRegistryCIDRs}}' 2>/dev/null \
    | grep -q "\"$CIDR\""
}

conf_has_insecure() { [[ -f $CONF ]] && jq -e 'has("insecure-registries")' "$CONF" >/dev/null 2>&1; }

add_to_conf() {  # adds CIDR to daemon.json's insecure-registries, keeping everything else
  mkdir -p /etc/docker
  [[ -s $CONF ]] || echo '{}' > "$CONF"
  jq --arg c "$CIDR" '.["insecure-registries"] = ((.["insecure-registries"] // []) + [$c] | unique)' \
    "$CONF" > "$CONF.sextant.tmp" && mv "$CONF.sextant.tmp" "$CONF"
}

ensure_docker0() {
  ip link show docker0 &>/dev/null && return 0
  # A root dockerd whose docker0 went missing fails every `docker run`/RUN with "could not find bridge".
  local gw subnet
  gw=$(docker -H "unix://$SOCK" network inspect bridge --format '{{(index .IPAM.Config 0).Gateway}}' 2>/dev/null || true)
  subnet=$(docker -H "unix://$SOCK" network inspect bridge --format '{{(index .IPAM.Config 0).Subnet}}' 2>/dev/null || true)
  [[ -n $gw ]] || gw=172.17.0.1
  [[ -n $subnet ]] || subnet=172.17.0.0/16
  log "docker0 missing: recreating it ($gw, ${subnet#*/})"
  ip link add docker0 type bridge
  ip addr add "$gw/${subnet#*/}" dev docker0
  ip link set docker0 up
}

ensure() {
  ((EUID == 0)) || die "must run as root"
  mkdir -p /run/lock
  exec 8>/run/lock/sextant-root-docker.lock   # parallel test JVMs call ensure too
  flock 8
  if ping_daemon; then
    if ! trusts_registry; then
      local pid; pid=$(daemon_pid)
      [[ -n $pid ]] || die "root dockerd lacks --insecure-registry $CIDR and its PID is unknown; add it to $CONF"
      log "adding $CIDR to insecure-registries in $CONF and reloading dockerd ($pid)"
      add_to_conf
      kill -HUP "$pid"
      for _ in $(seq 1 50); do trusts_registry && break; sleep 0.1; done
      trusts_registry || die "dockerd did not pick up insecure-registries from $CONF"
    fi
  else
    local args=()
    conf_has_insecure && add_to_conf || args+=(--insecure-registry "$CIDR")
    mkdir -p /var/log
    log "starting root dockerd (log /var/log/sextant-root-dockerd.log)"
    setsid dockerd "${args[@]}" </dev/null >>/var/log/sextant-root-dockerd.log 2>&1 8>&- &
    echo $! > "$PIDFILE"
    for _ in $(seq 1 300); do ping_daemon && break; sleep 0.1; done
    ping_daemon || die "root dockerd did not answer on $SOCK within 30 s; see /var/log/sextant-root-dockerd.log"
    trusts_registry || die "root dockerd does not trust $CIDR; check $CONF"
  fi
  ensure_docker0
  DOCKER_HOST=unix://$SOCK "$TH_DIR/base-image.sh"
}

stop() {
  [[ -f $PIDFILE ]] || { log "root dockerd not started by root-docker.sh; leaving it"; return 0; }
  local pid; pid=$(cat "$PIDFILE")
  if [[ $(cat "/proc/$pid/comm" 2>/dev/null) == dockerd ]]; then
    log "stopping root dockerd ($pid)"
    kill -TERM "$pid"
    for _ in $(seq 1 300); do [[ -d /proc/$pid ]] || break; sleep 0.1; done
    [[ -d /proc/$pid ]] && kill -KILL "$pid"
  fi
  # dockerd stops its own containerd; if dockerd had to be killed, containerd's pidfile names the straggler.
  local cpid; cpid=$(cat /var/run/docker/containerd/containerd.pid 2>/dev/null || true)
  if [[ $cpid =~ ^[0-9]+$ && $(cat "/proc/$cpid/comm" 2>/dev/null) == containerd ]]; then
    kill -TERM "$cpid"
    for _ in $(seq 1 50); do [[ -d /proc/$cpid ]] || break; sleep 0.1; done
  fi
  rm -f "$PIDFILE"
}

case ${1:-} in
  ensure) ensure ;;
  stop) stop ;;
  *) die "usage: root-docker.sh ensure|stop" ;;
esac

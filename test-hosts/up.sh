#!/usr/bin/env bash
# Creates a set of N local test hosts (network namespace + sshd + dockerd each) and one registry.
# Usage: test-hosts/up.sh --name NAME --hosts N [--subnet-index K]
# Writes ${SEXTANT_TEST_HOSTS_DIR:-<repo>/.test-hosts}/NAME/hosts.env when every host answers over SSH.
# See test-hosts/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

name="" count=3 index=""
while (($#)); do
  case $1 in
    --name) name=$2; shift 2 ;;
    --hosts) count=$2; shift 2 ;;
    --subnet-index) index=$2; shift 2 ;;
    -h|--help) sed -n '2,5p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (usage: up.sh --name NAME --hosts N [--subnet-index K])" ;;
  esac
done
[[ $name =~ ^[A-Za-z0-9._-]+$ ]] || die "--name must match [A-Za-z0-9._-]+ (got '$name')"
[[ $count =~ ^[0-9]+$ ]] && ((count >= 1 && count <= 200)) || die "--hosts must be 1..200 (got '$count')"
[[ -z $index || ($index =~ ^[0-9]+$ && $index -ge 1 && $index -le 254) ]] || die "--subnet-index must be 1..254"
((EUID == 0)) || die "must run as root (network namespaces, mounts, dockerd)"
for cmd in dockerd sshd docker-registry htpasswd ssh ssh-keygen ip iptables nsenter unshare flock; do
  command -v "$cmd" >/dev/null || [[ -x /usr/sbin/$cmd ]] || die "missing '$cmd' (apt-get install docker.io openssh-server docker-registry apache2-utils iproute2)"
done
S=$STATE_BASE/$name
[[ $S != *' '* ]] || die "state dir '$S' must not contain spaces"

# A stale set with the same name goes first.
if [[ -e $S ]]; then log "removing stale set '$name'"; "$TH_DIR/down.sh" --name "$name"; fi
mkdir -p "$S"
S=$(cd "$S" && pwd)

# Claim a subnet index: the bridge is the system-wide claim; the lock makes pick + create atomic.
mkdir -p "$(dirname "$LOCK_FILE")"
exec 9>"$LOCK_FILE"
flock 9
if [[ -z $index ]]; then
  for k in $(seq 1 254); do
    if ! ip link show "sx${k}br" &>/dev/null && [[ ! -d $(tracking_root)/sx$k ]]; then index=$k; break; fi
  done
  [[ -n $index ]] || die "no free subnet index (all of sx1br..sx254br exist)"
elif ip link show "sx${index}br" &>/dev/null; then
  die "subnet index $index is in use (bridge sx${index}br exists); omit --subnet-index to pick a free one"
fi
K=$index BR=sx${K}br GW=$SUBNET_PREFIX.$K.1
echo "$K" > "$S/subnet"
ip link add "$BR" type bridge
ip link set "$BR" alias "sextant:$S"   # down.sh checks this before touching sx$K resources
exec 9>&-
trap 'rc=$?; if ((rc)); then echo "test-hosts: up.sh failed; tearing down set $name" >&2; "$TH_DIR/down.sh" --name "$name" || true; fi' EXIT
trap 'exit 130' INT TERM

ip addr add "$GW/24" dev "$BR"
ip link set "$BR" up
# Docker may set the FORWARD policy to DROP (br_netfilter): let hosts talk to each other over the bridge.
iptables -I FORWARD -i "$BR" -o "$BR" -j ACCEPT -m comment --comment "sextant-$BR"
if iptables -n -L DOCKER-USER &>/dev/null; then
  iptables -I DOCKER-USER -i "$BR" -o "$BR" -j ACCEPT -m comment --comment "sextant-$BR"
fi

# SSH client key, shared by all hosts of the set.
ssh-keygen -q -t ed25519 -N '' -C "sextant-test-hosts-$name" -f "$S/id_ed25519"
: > "$S/known_hosts"
mkdir -p "$S/docker-config"

# Registry (plain HTTP, htpasswd bcrypt auth) on the bridge address.
R=$S/registry
REG_USER=sextant
REG_PASS=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 20)
mkdir -p "$R/data"
htpasswd -B -b -c "$R/htpasswd" "$REG_USER" "$REG_PASS" 2>/dev/null
cat > "$R/config.yml" <<YAML
version: 0.1
log:
  level: warn
  accesslog:
    disabled: true
storage:
  filesystem:
    rootdirectory: $R/data
  delete:
    enabled: true
http:
  addr: $GW:5000
auth:
  htpasswd:
    realm: sextant-test-registry
    path: $R/htpasswd
YAML
(
  join_cgroup "sx$K/registry"
  exec setsid docker-registry serve "$R/config.yml" </dev/null >"$R/registry.log" 2>&1
) &
echo $! > "$R/registry.pid"

# One host: directories, keys, configs, veth, then host-init.sh inside fresh namespaces.
setup_host() {
  local i=$1 hn=sx${K}h$1 ip=$SUBNET_PREFIX.$K.$((10 + $1))
  local hd=$S/hosts/$hn H=/run/sextant-host
  mkdir -p "$hd/home" "$hd/tmp" "$hd/data-root" "$hd/etc-docker"
  chmod 700 "$hd/home"; chmod 1777 "$hd/tmp"
  echo "$hn" > "$hd/hostname"
  printf '127.0.0.1\tlocalhost\n%s\t%s\n%s\tregistry\n' "$ip" "$hn" "$GW" > "$hd/hosts"
  ssh-keygen -q -t ed25519 -N '' -C "$hn" -f "$hd/ssh_host_ed25519_key"
  cp "$S/id_ed25519.pub" "$hd/authorized_keys"
  cat > "$hd/sshd_config" <<CONF
ListenAddress $ip
Port 22
HostKey $H/ssh_host_ed25519_key
PidFile none
AuthorizedKeysFile $H/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
UseDNS no
PrintMotd no
PrintLastLog no
MaxSessions 200
MaxStartups 200:30:400
MaxAuthTries 10
LoginGraceTime 30
ClientAliveInterval 0
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
Subsystem sftp internal-sftp
LogLevel ERROR
CONF
  cat > "$hd/daemon.json" <<JSON
{
  "data-root": "$H/data-root",
  "exec-root": "/run/docker",
  "pidfile": "/run/docker.pid",
  "hosts": ["unix:///run/docker.sock"],
  "insecure-registries": ["$SUBNET_PREFIX.0.0/16"],
  "cgroup-parent": "/sextant/sx$K/h$i-containers",
  "shutdown-timeout": 3,
  "log-level": "warn"
}
JSON
  ip netns add "$hn"
  ip link add "$hn" type veth peer name eth0 netns "$hn"
  ip link set "$hn" master "$BR" up
  ip -n "$hn" link set lo up
  ip -n "$hn" addr add "$ip/24" dev eth0
  ip -n "$hn" link set eth0 up
  # No default route: a stray pull from the internet fails fast.
  local attempt
  for attempt in 1 2 3 4 5; do
    if (join_cgroup "sx$K/h$i"; exec nsenter --net="/run/netns/$hn" \
          unshare --mount --uts --propagation private "$TH_DIR/lib/host-init.sh" "$hd" "$hn") \
          >>"$hd/init.log" 2>&1; then
      break
    fi
    ((attempt < 5)) || { echo "test-hosts: $hn: host-init failed, see $hd/init.log" >&2; return 1; }
    sleep 0.2
  done
  printf '%s %s\n' "$ip" "$(cut -d' ' -f1,2 "$hd/ssh_host_ed25519_key.pub")" > "$hd/known_hosts_line"
  # Ready = SSH works and that host's dockerd answers.
  local deadline=$((SECONDS + 90)) out
  while :; do
    if out=$(ssh -F /dev/null -i "$S/id_ed25519" -o BatchMode=yes -o IdentitiesOnly=yes -o ConnectTimeout=2 \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$hd/known_hosts_line" -o LogLevel=ERROR \
        "root@$ip" "docker info --format '{{.ID}}'" 2>&1) && [[ -n $out ]]; then
      return 0
    fi
    if ((SECONDS > deadline)); then
      echo "test-hosts: $hn not ready after 90 s: $out (logs in $hd)" >&2; return 1
    fi
    sleep 0.2
  done
}

log "creating set '$name': $count host(s) on $SUBNET_PREFIX.$K.0/24 (bridge $BR)"
pids=()
for i in $(seq 1 "$count"); do setup_host "$i" & pids+=($!); done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=1; done
((failed == 0)) || die "some hosts failed to start"

# Registry ready = answers 401 (auth required).
for _ in $(seq 1 100); do
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://$GW:5000/v2/" || true)
  [[ $code == 401 ]] && break
  sleep 0.1
done
[[ $code == 401 ]] || die "registry on $GW:5000 not ready (HTTP '$code'), see $R/registry.log"

names=() ips=()
for i in $(seq 1 "$count"); do
  hn=sx${K}h$i; names+=("$hn"); ips+=("$SUBNET_PREFIX.$K.$((10 + i))")
  cat "$S/hosts/$hn/known_hosts_line" >> "$S/known_hosts"
done
join() { local IFS=,; echo "$*"; }
{
  echo "# Test host set '$name' (written by test-hosts/up.sh). KEY=value, no quoting."
  echo "NAME=$name"
  echo "SUBNET_INDEX=$K"
  echo "BRIDGE=$BR"
  echo "GATEWAY=$GW"
  echo "HOST_NAMES=$(join "${names[@]}")"
  echo "HOST_IPS=$(join "${ips[@]}")"
  echo "SSH_USER=root"
  echo "SSH_PORT=22"
  echo "SSH_KEY=$S/id_ed25519"
  echo "KNOWN_HOSTS=$S/known_hosts"
  echo "REGISTRY=$GW:5000"
  echo "REGISTRY_USER=$REG_USER"
  echo "REGISTRY_PASSWORD=$REG_PASS"
  echo "BASE_IMAGE=sextant/busybox:latest"
  echo "DOCKER_CONFIG=$S/docker-config"
  echo "STATE_DIR=$S"
} > "$S/hosts.env.tmp"
mv "$S/hosts.env.tmp" "$S/hosts.env"
trap - EXIT
log "set '$name' ready: ${ips[*]}; registry $GW:5000; env in $S/hosts.env"
echo "$S/hosts.env"

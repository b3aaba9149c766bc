#!/usr/bin/env bash
# Deploy: `sextant deploy -P` (pull only: the image is built and pushed once beforehand) of a small busybox
# httpd image with a Docker healthcheck, against the shell-script floor (bench/deploy-floor.sh) doing the same
# remote work in parallel over OpenSSH, on 1, 3 and 10 real test hosts (see test-hosts/README.md).
# With DEPLOY_PROXY=1, the web role runs behind kamal-proxy instead (no Docker healthcheck: the proxy checks GET
# /up), against the floor's proxy mode doing the same steps by hand (kamal-proxy started, `docker run` on the
# kamal network, `kamal-proxy deploy`, the old container stopped), on 1 and 3 hosts with test-hosts' kamal-proxy.
# Usage: bench/deploy.sh            (RUNS/WARMUP as in lib.sh; defaults here 5 and 1)
#   TEST_HOSTS_ENV=path/hosts.env  use a running set of >= 10 (3 with DEPLOY_PROXY) test hosts instead of bringing one up
#   DEPLOY_SIZES="1 3 10"          ("1 3" with DEPLOY_PROXY)
#   DEPLOY_PROXY=1
#   DEPLOY_AGENT=1                 adds a paired table: cold, channels-only agent and thin client (issue 20)
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS_DEPLOY:-5}
WARMUP=${WARMUP_DEPLOY:-1}
proxy=${DEPLOY_PROXY:-}
sizes=${DEPLOY_SIZES:-$([ -n "$proxy" ] && echo "1 3" || echo "1 3 10")}
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-deploy.XXXXXX")
hosts_name=""
cleanup() {
  if [ -d "$work/agent" ]; then SEXTANT_AGENT_DIR="$work/agent" "$sx" agent stop >/dev/null 2>&1 || true; fi
  if [ -n "$hosts_name" ]; then
    "$BENCH_ROOT/test-hosts/down.sh" --name "$hosts_name" >/dev/null
  elif [ -s "$work/all.txt" ]; then
    # A reused set stays up: stop the benchmark's containers, whose 1-second healthchecks would otherwise load
    # the cores under every benchmark that runs after this one.
    while read -r host _; do
      ssh -F /dev/null -i "$SSH_KEY" -l root -o BatchMode=yes -o UserKnownHostsFile="$KNOWN_HOSTS" "$host" \
        'for s in bench-web bench-floor-web; do docker exec kamal-proxy kamal-proxy remove $s; done 2>/dev/null;
         for l in service=bench bench-floor=web; do docker ps -q --filter label=$l | xargs -r docker stop -t 1; done' \
        </dev/null >/dev/null 2>&1 &
    done < "$work/all.txt"
    wait
  fi
  rm -rf "$work"
}
trap cleanup EXIT

bench_header
env_file=${TEST_HOSTS_ENV:-}
if [ -z "$env_file" ]; then
  "$BENCH_ROOT/test-hosts/root-docker.sh" ensure >/dev/null
  hosts_name=bench${proxy:+-proxy}
  env_file=$("$BENCH_ROOT/test-hosts/up.sh" --name "$hosts_name" --hosts "$([ -n "$proxy" ] && echo 3 || echo 10)" | tail -1)
fi
# shellcheck disable=SC1090
source "$env_file"
if [ -n "$proxy" ]; then
  "$BENCH_ROOT/test-hosts/kamal-proxy-image.sh" --name "$(basename "$(dirname "$env_file")")" >/dev/null
fi
export DOCKER_CONFIG VERSION=bench
image="$REGISTRY/bench/web:$VERSION"
mkdir -p "$work/image/www"
echo ok > "$work/image/www/up"
cat > "$work/image/start" <<'SH'
#!/bin/sh
# httpd as PID 1 would ignore SIGTERM and every `docker stop` would wait out its timeout
trap 'exit 0' TERM INT
httpd -f -p 80 -h /www &
wait
SH
chmod +x "$work/image/start"
printf 'FROM %s\nLABEL service=bench\nCOPY www /www\nCOPY start /start\nCMD ["/start"]\n' "$BASE_IMAGE" > "$work/image/Dockerfile"
docker build -q -t "$image" "$work/image" >/dev/null 2>&1
printf '%s' "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null 2>&1
docker push -q "$image" >/dev/null
echo "- image: $image ($(docker image inspect -f '{{.Size}}' "$image" | awk '{printf "%.1f MB", $1/1e6}'))"

tr ',' '\n' <<<"$HOST_IPS" | awk '{print $1, 22}' > "$work/all.txt"
for n in $sizes; do
  dir="$work/deploy-$n"
  head -"$n" "$work/all.txt" > "$work/hosts$n.txt"
  mkdir -p "$dir/config" "$dir/.kamal" "$dir/home/.ssh"
  cp "$KNOWN_HOSTS" "$dir/home/.ssh/known_hosts"
  cat > "$dir/config/deploy.yml" <<YAML
service: bench
image: bench/web
servers:
  web:
    hosts: [$(cut -d' ' -f1 "$work/hosts$n.txt" | paste -sd, | sed 's/,/, /g')]
$(if [ -n "$proxy" ]; then printf 'proxy:\n  host: sextant.bench\n'; else
  printf '    proxy: false\n    options:\n      health-cmd: wget -qO- http://127.0.0.1/up || exit 1\n      health-interval: 1s\n'; fi)
builder:
  arch: amd64
  driver: docker
registry:
  server: $REGISTRY
  username: $REGISTRY_USER
  password: [KAMAL_REGISTRY_PASSWORD]
ssh:
  keys: [$SSH_KEY]
  keys_only: true
YAML
  echo "KAMAL_REGISTRY_PASSWORD=$REGISTRY_PASSWORD" > "$dir/.kamal/secrets"
  BENCH_SAVE="$work/deploy-$n.json" bench_compare "Deploy${proxy:+ behind kamal-proxy} to $n host(s)" \
    "floor: shell script over OpenSSH ($n hosts)" \
    "bash $BENCH_ROOT/bench/deploy-floor.sh $work/hosts$n.txt $SSH_KEY $KNOWN_HOSTS $image $REGISTRY $REGISTRY_USER $REGISTRY_PASSWORD ${proxy:+proxy}" \
    "sextant deploy -P ($n hosts)" "env -C $dir HOME=$dir/home SEXTANT_AGENT=0 $sx deploy -P -q"
  if [ -n "${DEPLOY_AGENT:-}" ]; then
    # The warm cases, paired with the cold one and with the agent's own CPU counted (it is no child of the command).
    mkdir -p "$work/agent"; chmod 700 "$work/agent"
    in_dir="env -C $dir HOME=$dir/home SEXTANT_AGENT_DIR=$work/agent"
    $in_dir "$sx" agent start >/dev/null
    $in_dir SEXTANT_AGENT=channels "$sx" lock status >/dev/null   # the agent's sessions to every host
    agent_pid=$($in_dir "$sx" agent status | sed -n 's/^pid: //p')
    python3 "$BENCH_ROOT/bench/paired.py" "Deploy${proxy:+ behind kamal-proxy} to $n host(s): thin client vs channels-only agent vs cold" \
      "$agent_pid" "$RUNS" "$WARMUP" \
      "sextant deploy -P, cold (SEXTANT_AGENT=0)" "$in_dir SEXTANT_AGENT=0 $sx deploy -P -q" \
      "sextant deploy -P, warm agent, channels only (SEXTANT_AGENT=channels)" "$in_dir SEXTANT_AGENT=channels $sx deploy -P -q" \
      "sextant deploy -P, warm agent, thin client (the default)" "$in_dir SEXTANT_AGENT=1 $sx deploy -P -q"
    $in_dir "$sx" agent stop >/dev/null
  fi
  echo
  echo "sextant deploy -P, $n host(s): peak RSS $(( $(peak_rss env -C "$dir" HOME="$dir/home" "$sx" deploy -P -q) / 1024 )) MB," \
    "peak heap $(peak_heap_mb env -C "$dir" HOME="$dir/home" "$sx" deploy -P -q) MB"
done
echo
echo "### Deploy: wall time per added host"
echo
python3 - "$work" $sizes <<'PY'
import json, statistics, sys
work, sizes = sys.argv[1], [int(s) for s in sys.argv[2:]]
# Per added host, against the smallest size: wall time of both (the floor's shows what the hosts themselves add
# on this machine) and Sextant's own CPU (what its client adds, whatever the hosts).
print("| hosts | floor median ms | sextant median ms | sextant × floor | floor ms per added host"
      " | sextant ms per added host | sextant cpu ms per added host |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
first = None
for n in sizes:
    r = json.load(open(f"{work}/deploy-{n}.json"))["results"]
    floor, sx = (statistics.median(x["times"]) * 1000 for x in r[:2])
    cpu = (r[1]["user"] + r[1]["system"]) * 1000
    first = (n, floor, sx, cpu) if first is None else first
    def per(value, base):
        return "–" if n == first[0] else f"{(value - base) / (n - first[0]):.0f}"
    print(f"| {n} | {floor:.0f} | {sx:.0f} | {sx / floor:.2f} | {per(floor, first[1])} | {per(sx, first[2])}"
          f" | {per(cpu, first[3])} |")
PY

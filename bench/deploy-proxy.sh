#!/usr/bin/env bash
# Deploy behind kamal-proxy: `sextant deploy -P` (pull only: the image is built and pushed once beforehand) of a
# small busybox httpd image whose web role runs behind kamal-proxy (health check GET /up by the proxy), against
# the shell-script floor (bench/deploy-floor.sh ... proxy) doing the same remote steps by hand in parallel over
# OpenSSH, on 1 and 3 real test hosts with the kamal-proxy image of test-hosts/ (see test-hosts/README.md).
# Usage: bench/deploy-proxy.sh      (RUNS/WARMUP as in lib.sh; defaults here 5 and 1)
#   TEST_HOSTS_ENV=path/hosts.env  use a running set of >= 3 test hosts instead of bringing one up
#   DEPLOY_SIZES="1 3"
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS_DEPLOY:-5}
WARMUP=${WARMUP_DEPLOY:-1}
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-deploy-proxy.XXXXXX")
hosts_name=""
cleanup() {
  if [ -n "$hosts_name" ]; then
    "$BENCH_ROOT/test-hosts/down.sh" --name "$hosts_name" >/dev/null
  elif [ -s "$work/all.txt" ]; then
    # A reused set stays up: take the benchmark's apps out of the proxy and stop their containers.
    while read -r host _; do
      ssh -F /dev/null -i "$SSH_KEY" -l root -o BatchMode=yes -o UserKnownHostsFile="$KNOWN_HOSTS" "$host" \
        'for s in bench-web bench-floor-web; do docker exec kamal-proxy kamal-proxy remove $s; done;
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
  hosts_name=bench-proxy
  env_file=$("$BENCH_ROOT/test-hosts/up.sh" --name "$hosts_name" --hosts 3 | tail -1)
fi
# shellcheck disable=SC1090
source "$env_file"
"$BENCH_ROOT/test-hosts/kamal-proxy-image.sh" --name "$(basename "$(dirname "$env_file")")" >/dev/null
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
for n in ${DEPLOY_SIZES:-1 3}; do
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
proxy:
  host: sextant.bench
builder:
  arch: amd64
registry:
  server: $REGISTRY
  username: $REGISTRY_USER
  password: [KAMAL_REGISTRY_PASSWORD]
ssh:
  keys: [$SSH_KEY]
  keys_only: true
YAML
  echo "KAMAL_REGISTRY_PASSWORD=$REGISTRY_PASSWORD" > "$dir/.kamal/secrets"
  BENCH_SAVE="$work/deploy-$n.json" bench_compare "Deploy behind kamal-proxy to $n host(s)" \
    "floor: shell script over OpenSSH ($n hosts)" \
    "bash $BENCH_ROOT/bench/deploy-floor.sh $work/hosts$n.txt $SSH_KEY $KNOWN_HOSTS $image $REGISTRY $REGISTRY_USER $REGISTRY_PASSWORD proxy" \
    "sextant deploy -P ($n hosts)" "env -C $dir HOME=$dir/home $sx deploy -P -q"
done

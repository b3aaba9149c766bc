#!/usr/bin/env bash
# A pull through the local registry's SSH port forwards vs a direct pull from a registry the hosts reach on the
# network: `sextant build pull` of the same image (a layer of MB megabytes of random data on sextant/busybox) on
# every host of a test set, from `registry: server: localhost:5555` (the registry container here, each host's
# localhost:5555 forwarded back over Sextant's SSH session) and from the set's own registry (plain HTTP on the
# bridge, with a `docker login`). Before every run the hosts drop the image, so every run pulls all of it.
# Usage: bench/local-registry.sh SET [MB]   (SET: a test host set that is up, e.g. test-hosts/up.sh --name b --hosts 2)
source "$(dirname "$0")/lib.sh"
set_name=${1:?usage: bench/local-registry.sh SET [MB]}
mb=${2:-20}
env_file=${SEXTANT_TEST_HOSTS_DIR:-$BENCH_ROOT/.test-hosts}/$set_name/hosts.env
[ -f "$env_file" ] || { echo "bench: no test host set '$set_name' ($env_file)" >&2; exit 2; }
# shellcheck disable=SC1090
source "$env_file"
export DOCKER_CONFIG
PORT=5555 SERVICE=benchlr TAG=bench
IFS=, read -r -a ips <<<"$HOST_IPS"
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
bash "$BENCH_ROOT/test-hosts/registry-image.sh"

work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-lr.XXXXXX")
cleanup() {
  docker rm -f kamal-docker-registry >/dev/null 2>&1 || true
  docker rmi -f "localhost:$PORT/$SERVICE:$TAG" "$REGISTRY/$SERVICE:$TAG" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

# The image, in both registries.
mkdir -p "$work/image"
head -c $((mb * 1024 * 1024)) /dev/urandom > "$work/image/blob"
printf 'FROM %s\nCOPY blob /blob\nLABEL service=%s\n' "$BASE_IMAGE" "$SERVICE" > "$work/image/Dockerfile"
docker build -q -t "localhost:$PORT/$SERVICE:$TAG" -t "$REGISTRY/$SERVICE:$TAG" "$work/image" >/dev/null
docker rm -f kamal-docker-registry >/dev/null 2>&1 || true
docker run --detach -p "127.0.0.1:$PORT:5000" --name kamal-docker-registry registry:3 >/dev/null
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/v2/" >/dev/null && break; sleep 0.1; done
docker push -q "localhost:$PORT/$SERVICE:$TAG" >/dev/null
printf '%s' "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null 2>&1
docker push -q "$REGISTRY/$SERVICE:$TAG" >/dev/null

project() {  # project DIR REGISTRY_YAML
  mkdir -p "$1/config" "$1/.kamal" "$1/home/.ssh"
  cp "$KNOWN_HOSTS" "$1/home/.ssh/known_hosts"
  printf 'KAMAL_REGISTRY_PASSWORD=%s\n' "$REGISTRY_PASSWORD" > "$1/.kamal/secrets"
  { printf 'service: %s\nimage: %s\nservers:\n' "$SERVICE" "$SERVICE"
    for ip in "${ips[@]}"; do printf '  - %s\n' "$ip"; done
    printf '%s\nbuilder:\n  arch: amd64\nssh:\n  keys: [%s]\n  keys_only: true\n' "$2" "$SSH_KEY"; } \
    > "$1/config/deploy.yml"
}
project "$work/forwarded" "registry:
  server: localhost:$PORT"
project "$work/direct" "registry:
  server: $REGISTRY
  username: $REGISTRY_USER
  password: [KAMAL_REGISTRY_PASSWORD]"

drop=""
for ip in "${ips[@]}"; do
  drop+="ssh -F /dev/null -i $SSH_KEY -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR"
  drop+=" -o UserKnownHostsFile=$KNOWN_HOSTS root@$ip 'docker image ls -q --filter label=service=$SERVICE"
  drop+=" | xargs -r docker rmi -f >/dev/null' & "
done
drop+="wait"
pull() { echo "env -C $work/$1 HOME=$work/$1/home $sx build pull --version $TAG -q"; }
for case in direct forwarded; do
  bash -c "$(pull $case)" || { echo "bench: build pull ($case) fails" >&2; exit 1; }
done

bench_header
echo "- image: $mb MB random layer on sextant/busybox; ${#ips[@]} hosts pulling at once; runs: $RUNS"
json=$(mktemp)
hyperfine -N -i --style none --warmup 1 --runs "$RUNS" --prepare "bash -c \"$drop\"" --export-json "$json" \
  -n "direct pull (set registry, login)" "$(pull direct)" \
  -n "pull through the SSH forwards (localhost:$PORT)" "$(pull forwarded)" >/dev/null
python3 - "$json" <<'PY'
import json, sys, statistics
results = json.load(open(sys.argv[1]))["results"]
base = statistics.median(results[0]["times"])
print("\n| case | median ms | min–max ms | × direct | failed runs |")
print("| --- | ---: | ---: | ---: | ---: |")
for r in results:
    med = statistics.median(r["times"])
    print(f"| {r['command']} | {med*1000:.0f} | {min(r['times'])*1000:.0f}–{max(r['times'])*1000:.0f} | {med/base:.2f}"
          f" | {sum(1 for c in r.get('exit_codes', []) if c != 0)} |")
PY
rm -f "$json"

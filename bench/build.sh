#!/usr/bin/env bash
# Build + push of the sample app (busybox httpd, one changed layer per run) to a test set's registry: the
# legacy `docker build` plus two `docker push` (what Sextant ran before it used buildx) against the one
# `docker buildx build --output=type=registry` that Sextant now runs (Kamal's line, `docker` driver).
# Usage: TEST_HOSTS_ENV=path/hosts.env bench/build.sh   (a running set; RUNS/WARMUP as in lib.sh, defaults 10/2)
source "$(dirname "$0")/lib.sh"
RUNS=${RUNS_BUILD:-10}
WARMUP=${WARMUP_BUILD:-2}
[ -n "${TEST_HOSTS_ENV:-}" ] || { echo "bench: set TEST_HOSTS_ENV to a running test host set's hosts.env" >&2; exit 2; }
set -a; source "$TEST_HOSTS_ENV"; set +a
docker buildx version >/dev/null || { echo "bench: docker buildx is needed" >&2; exit 2; }
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-build.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/www"
echo ok > "$work/www/up"
printf 'FROM %s\nCOPY www /www\nARG STAMP\nRUN echo "$STAMP" > /www/stamp\nCMD ["busybox", "httpd", "-f", "-p", "80", "-h", "/www"]\n' \
  "$BASE_IMAGE" > "$work/Dockerfile"
echo "$REGISTRY_PASSWORD" | docker login -u "$REGISTRY_USER" --password-stdin "$REGISTRY" >/dev/null
image=$REGISTRY/bench/build
# A new STAMP each run: one new layer to build and push, as a deploy of a changed app has.
legacy="cd $work && s=\$(date +%s%N) && DOCKER_BUILDKIT=0 docker build -q -t $image:\$s -t $image:latest --label service=bench --build-arg STAMP=\$s --file Dockerfile . >/dev/null && docker push -q $image:\$s && docker push -q $image:latest"
buildx="cd $work && s=\$(date +%s%N) && docker buildx build --output=type=registry --platform linux/amd64 -t $image:\$s -t $image:latest --label service=\"bench\" --build-arg STAMP=\"\$s\" --file Dockerfile . 2>&1"
bench_compare "Build + push of the sample app ($(docker buildx version | awk '{print $2}'), docker driver)" \
  "legacy docker build + 2 pushes" "bash -c '$legacy'" \
  "docker buildx build --output=type=registry" "bash -c '$buildx'"

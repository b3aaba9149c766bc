#!/usr/bin/env bash
# Makes basecamp/kamal-proxy:v0.9.2 available in the root dockerd and, with --name, in every host of that set.
# Usage: test-hosts/kamal-proxy-image.sh [--name SET]
# The image is the harness's own kamal-proxy (test-hosts/kamal-proxy/, see test-hosts/README.md), built once
# and rebuilt only when a content hash of its sources changes. SEXTANT_KAMAL_PROXY_IMAGE=upstream uses the
# real image instead (pulled by the root dockerd, so it needs a registry that has it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

IMAGE=basecamp/kamal-proxy:v0.9.2
HASH_LABEL=sextant.kamal-proxy.source
# Each build also keeps a tag of its own: checkouts at different versions (parallel branches) share the root
# dockerd, and a host must get the build of the caller's sources even when another caller retagged $IMAGE.
BUILT=sextant/kamal-proxy
SRC=$TH_DIR/kamal-proxy
name=""
while (($#)); do
  case $1 in
    --name) name=$2; shift 2 ;;
    -h|--help) sed -n '2,6p' "$0"; exit 0 ;;
    *) die "unknown argument '$1' (usage: kamal-proxy-image.sh [--name SET])" ;;
  esac
done
mode=${SEXTANT_KAMAL_PROXY_IMAGE:-harness}
[[ $mode == harness || $mode == upstream ]] || die "SEXTANT_KAMAL_PROXY_IMAGE must be 'harness' or 'upstream' (got '$mode')"

source_hash() {  # sources, Dockerfile, launcher, this script and the JDK they are built with
  { (cd "$SRC" && find . -type f ! -path './test/*' -print0 | sort -z | xargs -0 sha256sum)
    sha256sum < "${BASH_SOURCE[0]}"   # content only: the same hash from every checkout
    java -version 2>&1; } | sha256sum | cut -c1-16
}

root_label() { docker image inspect -f "{{index .Config.Labels \"$HASH_LABEL\"}}" "$IMAGE" 2>/dev/null || true; }

build() {
  local hash=$1 stage java_home lib
  stage=$(mktemp -d /tmp/sextant-kamal-proxy.XXXXXX)
  java_home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
  local opt=$stage/rootfs/opt/kamal-proxy
  mkdir -p "$stage/classes" "$opt" "$stage/rootfs/usr/local/bin" "$stage/rootfs/etc" \
    "$stage/home/kamal-proxy/.config/kamal-proxy"
  "$java_home/bin/javac" --release 17 -nowarn -d "$stage/classes" "$SRC"/src/kamalproxy/*.java
  "$java_home/bin/jar" --create --file "$opt/kamal-proxy.jar" -C "$stage/classes" .
  "$java_home/bin/jlink" --add-modules java.base,java.net.http,jdk.httpserver,jdk.crypto.ec --strip-debug \
    --no-header-files --no-man-pages --compress=2 --output "$opt/java"
  "$opt/java/bin/java" -Xshare:dump >/dev/null 2>&1 || log "kamal-proxy image: no CDS archive (slower start)"
  # The glibc side the runtime links (the base image is a static busybox): copy what ldd names.
  for lib in $(find "$opt/java" -type f \( -name java -o -name '*.so' \) -exec ldd {} \; 2>/dev/null \
      | grep -o '/[^ ]*' | grep -v "^$stage/" | sort -u); do
    cp -L --parents "$lib" "$stage/rootfs/"
  done
  mkdir -p "$stage/rootfs/tmp" && chmod 1777 "$stage/rootfs/tmp"   # the control socket and JVM files
  install -m 755 "$SRC/kamal-proxy.sh" "$stage/rootfs/usr/local/bin/kamal-proxy"
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\nkamal-proxy:x:1000:1000::/home/kamal-proxy:/bin/sh\n' \
    > "$stage/rootfs/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\nkamal-proxy:x:1000:\n' > "$stage/rootfs/etc/group"
  printf 'hosts: files dns\n' > "$stage/rootfs/etc/nsswitch.conf"
  cp "$SRC/Dockerfile" "$stage/Dockerfile"
  docker build -q --label "$HASH_LABEL=$hash" -t "$BUILT:$hash" -t "$IMAGE" "$stage" >/dev/null 2>"$stage/build.err" \
    || { cat "$stage/build.err" >&2; rm -rf "$stage"; die "kamal-proxy image: docker build failed"; }
  rm -rf "$stage"
  log "kamal-proxy image: built $IMAGE ($hash)"
}

# Sets SOURCE_IMAGE to the root daemon's image to put on the hosts (building it when missing).
ensure_root_image() {
  if [[ $mode == upstream ]]; then
    if ! docker image inspect "$IMAGE" >/dev/null 2>&1 || [[ -n $(root_label) ]]; then
      docker pull -q "$IMAGE" >/dev/null || die "kamal-proxy image: cannot pull $IMAGE (SEXTANT_KAMAL_PROXY_IMAGE=upstream)"
    fi
    SOURCE_IMAGE=$IMAGE
    return 0
  fi
  local hash; hash=$(source_hash)
  SOURCE_IMAGE=$BUILT:$hash
  docker image inspect "$SOURCE_IMAGE" >/dev/null 2>&1 && return 0
  mkdir -p "$(dirname "$LOCK_FILE")"
  exec 8>"$LOCK_FILE.kamal-proxy"
  flock 8   # one build at a time; a waiter finds the image built
  docker image inspect "$SOURCE_IMAGE" >/dev/null 2>&1 || build "$hash"
  exec 8>&-
}

# The dockerd socket of one host, reached from here through its dockerd's mount namespace.
host_socket() { echo "unix:///proc/$(cat "$1/dockerd.pid")/root/run/docker.sock"; }

ensure_root_image
if [[ -n $name ]]; then
  S=$STATE_BASE/$name
  [[ -f $S/hosts.env ]] || die "no test host set '$name' (no $S/hosts.env)"
  id=$(docker image inspect -f '{{.Id}}' "$SOURCE_IMAGE")
  missing=()
  for hd in "$S"/hosts/*/; do
    [[ $(docker -H "$(host_socket "$hd")" image inspect -f '{{.Id}}' "$IMAGE" 2>/dev/null) == "$id" ]] \
      || missing+=("$hd")
  done
  ((${#missing[@]})) || exit 0
  # One `docker save`, then every host loads it at once (measured: faster than a push + pulls, no login).
  archive=$(mktemp /tmp/sextant-kamal-proxy-image.XXXXXX)
  trap 'rm -f "$archive"' EXIT
  docker save -o "$archive" "$SOURCE_IMAGE"
  pids=()
  for hd in "${missing[@]}"; do
    sock=$(host_socket "$hd")
    { docker -H "$sock" load -q -i "$archive" >/dev/null && docker -H "$sock" tag "$SOURCE_IMAGE" "$IMAGE" \
        && { [[ $SOURCE_IMAGE == "$IMAGE" ]] || docker -H "$sock" rmi "$SOURCE_IMAGE" >/dev/null; }; } &
    pids+=($!)
  done
  failed=0
  for p in "${pids[@]}"; do wait "$p" || failed=1; done
  ((failed == 0)) || die "kamal-proxy image: loading $IMAGE into set '$name' failed"
  log "kamal-proxy image: loaded into ${#missing[@]} host(s) of '$name'"
fi

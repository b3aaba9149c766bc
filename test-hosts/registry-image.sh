#!/usr/bin/env bash
# Makes registry:3 (the image Kamal 2.12's `registry setup` runs for a local `localhost:PORT` registry) available
# in the root dockerd, where Sextant's local registry container runs during the tests.
# Usage: test-hosts/registry-image.sh
# Upstream registry:3 cannot be pulled here, so the harness builds a stand-in under that exact tag: Debian's
# docker-registry binary (distribution 2.8) with the glibc libraries it links, on sextant/busybox, serving plain
# HTTP on :5000 with filesystem storage in /var/lib/registry and no authentication, as upstream's image does.
# It is rebuilt only when a hash of the binary and of this script changes. SEXTANT_REGISTRY_IMAGE=upstream
# pulls the real image instead (the root dockerd then needs a registry that has it).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"

IMAGE=registry:3
HASH_LABEL=sextant.registry.source
BUILT=sextant/registry
case ${1:-} in
  -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
  "") ;;
  *) die "unknown argument '$1' (usage: registry-image.sh)" ;;
esac
mode=${SEXTANT_REGISTRY_IMAGE:-harness}
[[ $mode == harness || $mode == upstream ]] || die "SEXTANT_REGISTRY_IMAGE must be 'harness' or 'upstream' (got '$mode')"

root_label() { docker image inspect -f "{{index .Config.Labels \"$HASH_LABEL\"}}" "$IMAGE" 2>/dev/null || true; }

if [[ $mode == upstream ]]; then
  if ! docker image inspect "$IMAGE" >/dev/null 2>&1 || [[ -n $(root_label) ]]; then
    docker pull -q "$IMAGE" >/dev/null || die "registry image: cannot pull $IMAGE (SEXTANT_REGISTRY_IMAGE=upstream)"
  fi
  exit 0
fi

binary=$(command -v docker-registry || true)
[[ -n $binary ]] || die "registry image: missing docker-registry (apt-get install docker-registry)"
hash=$( { sha256sum < "$binary"; sha256sum < "${BASH_SOURCE[0]}"; } | sha256sum | cut -c1-16)

# Present and current: nothing to do (a build of another checkout may hold the tag: retag ours).
if docker image inspect "$BUILT:$hash" >/dev/null 2>&1; then
  [[ $(root_label) == "$hash" ]] || docker tag "$BUILT:$hash" "$IMAGE"
  exit 0
fi

mkdir -p "$(dirname "$LOCK_FILE")"
exec 8>"$LOCK_FILE.registry"
flock 8   # one build at a time; a waiter finds the image built
if ! docker image inspect "$BUILT:$hash" >/dev/null 2>&1; then
  bash "$TH_DIR/base-image.sh"   # FROM sextant/busybox
  stage=$(mktemp -d /tmp/sextant-registry-image.XXXXXX)
  trap 'rm -rf "$stage"' EXIT
  mkdir -p "$stage/rootfs/usr/bin" "$stage/rootfs/etc/distribution" "$stage/rootfs/var/lib/registry"
  cp "$binary" "$stage/rootfs/usr/bin/registry"
  for lib in $(ldd "$binary" | grep -o '/[^ ]*' | sort -u); do cp -L --parents "$lib" "$stage/rootfs/"; done
  cat > "$stage/rootfs/etc/distribution/config.yml" <<'EOF'
version: 0.1
log:
  fields:
    service: registry
storage:
  cache:
    blobdescriptor: inmemory
  filesystem:
    rootdirectory: /var/lib/registry
  delete:
    enabled: true
http:
  addr: :5000
  headers:
    X-Content-Type-Options: [nosniff]
EOF
  cat > "$stage/Dockerfile" <<'EOF'
FROM sextant/busybox:latest
COPY rootfs/ /
VOLUME ["/var/lib/registry"]
EXPOSE 5000
ENTRYPOINT ["/usr/bin/registry", "serve"]
CMD ["/etc/distribution/config.yml"]
EOF
  docker build -q --label "$HASH_LABEL=$hash" -t "$BUILT:$hash" "$stage" >/dev/null 2>"$stage/build.err" \
    || { cat "$stage/build.err" >&2; die "registry image: docker build failed"; }
  log "registry image: built $IMAGE ($hash)"
fi
docker tag "$BUILT:$hash" "$IMAGE"

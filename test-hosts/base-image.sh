#!/usr/bin/env bash
# Ensures the base image sextant/busybox:latest (busybox-static rootfs, via `docker import`) exists in the
# daemon the `docker` client reaches (DOCKER_HOST). There is no Docker Hub: build app images FROM it.
# The tar is reproducible (sorted, fixed mtimes/owners), so every import yields the same layer.
# Usage: test-hosts/base-image.sh [IMAGE]
set -euo pipefail
image=${1:-sextant/busybox:latest}
if docker image inspect "$image" >/dev/null 2>&1; then exit 0; fi
bb=/bin/busybox
ldd "$bb" >/dev/null 2>&1 && { echo "base-image: $bb is not static; apt-get install busybox-static" >&2; exit 1; }
root=$(mktemp -d /tmp/sextant-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,tmp,root,proc,sys,dev,var/www,run}
chmod 1777 "$root/tmp"
cp "$bb" "$root/bin/busybox"
for applet in $("$bb" --list-full); do
  [[ $applet == bin/busybox ]] || ln -sf /bin/busybox "$root/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' > "$root/etc/group"
tar -C "$root" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - . \
  | docker import -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
      -c 'CMD ["/bin/sh"]' -m 'busybox-static rootfs (sextant test base image)' - "$image" >/dev/null
echo "base-image: imported $image" >&2

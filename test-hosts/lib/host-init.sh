#!/usr/bin/env bash
# Runs as the first process of one test host, already inside the host's network namespace and in a
# fresh mount + UTS namespace (see up.sh). Makes /run, /tmp, /root (~) and /etc/hostname per host, then
# starts the host's dockerd and sshd in the background and exits; they keep the namespaces alive.
# Usage: host-init.sh HOST_DIR HOSTNAME   (host.sh restarts sshd alone, with the same command line)
set -euo pipefail
hd=$1 name=$2
H=/run/sextant-host   # where the host dir is visible inside the host

mount --make-rprivate /
hostname "$name"
# A sysfs for this network namespace, keeping the cgroup mounts dockerd needs.
if mountpoint -q /sys/fs/cgroup; then
  mkdir -p /mnt && mount -t tmpfs -o size=1m tmpfs /mnt
  mkdir /mnt/cg && mount --rbind /sys/fs/cgroup /mnt/cg
  mount -t sysfs sysfs /sys
  mount --move /mnt/cg /sys/fs/cgroup
  umount /mnt
else
  mount -t sysfs sysfs /sys
fi
# The host dir may live under /tmp, so make it reachable at a fixed path before /tmp is replaced.
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p "$H" /run/sshd /run/lock
mount --bind "$hd" "$H"
mount --bind "$H/home" /root
mount --bind "$H/tmp" /tmp
touch /etc/hostname /etc/hosts && mkdir -p /etc/docker
mount --bind "$H/hostname" /etc/hostname
mount --bind "$H/hosts" /etc/hosts
# Own /etc/docker: the engine ID (key.json) and client/daemon settings must differ per host.
mount --bind "$H/etc-docker" /etc/docker

dockerd --config-file "$H/daemon.json" </dev/null >>"$H/dockerd.log" 2>&1 &
echo $! > "$H/dockerd.pid"
/usr/sbin/sshd -D -f "$H/sshd_config" -E "$H/sshd.log" </dev/null &
echo $! > "$H/sshd.pid"

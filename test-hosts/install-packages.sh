#!/usr/bin/env bash
# Installs (Debian, root) what the test hosts, the tests and the demo need, only where missing. Package scripts
# are kept from starting services, so no system sshd or dockerd is left running.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
packages=(docker.io openssh-server openssh-client docker-registry busybox-static iproute2 iptables ruby
  apache2-utils jq curl ca-certificates git)
command -v mvn >/dev/null || packages+=(maven)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
((${#missing[@]})) || exit 0
if [[ $(id -u) != 0 ]]; then
  echo "install-packages: run as root to install ${missing[*]}" >&2
  exit 2
fi
echo "install-packages: installing ${missing[*]}"
policy=/usr/sbin/policy-rc.d created_policy=""
if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
[[ -z $created_policy ]] || rm -f "$policy"

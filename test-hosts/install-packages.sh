#!/usr/bin/env bash
# Installs (Debian, root) what the test hosts, the tests and the demo need, only where missing. Package scripts
# are kept from starting services, so no system sshd or dockerd is left running. The docker buildx plug-in comes
# from Debian's docker-buildx package; Debian 12 has none, so it is fetched from the next suite's archive (a
# plug-in binary that runs with bookworm's Docker; its Packages index is signed by the same archive keyring).
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
BUILDX_SUITE=${SEXTANT_BUILDX_SUITE:-trixie}
packages=(docker.io openssh-server openssh-client docker-registry busybox-static iproute2 iptables ruby
  apache2-utils jq curl ca-certificates git)
command -v mvn >/dev/null || packages+=(maven)
command -v javac >/dev/null || packages+=(openjdk-17-jdk-headless)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
fail() { echo "install-packages: $*" >&2; exit 1; }

missing=()
for p in "${packages[@]}"; do installed "$p" || missing+=("$p"); done
installed docker-buildx || missing+=(docker-buildx)
((${#missing[@]})) || exit 0
if [[ $(id -u) != 0 ]]; then
  echo "install-packages: run as root to install ${missing[*]}" >&2
  exit 2
fi
echo "install-packages: installing ${missing[*]}"
policy=/usr/sbin/policy-rc.d created_policy=""
if [[ ! -e $policy ]]; then printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1; fi
trap '[[ -z $created_policy ]] || rm -f "$policy"' EXIT
apt-get update -qq
plain=()
for p in "${missing[@]}"; do [[ $p == docker-buildx ]] || plain+=("$p"); done
((${#plain[@]} == 0)) || apt-get install -y -qq --no-install-recommends "${plain[@]}" >/dev/null

# docker-buildx: from this system's own suites when they have it, else from $BUILDX_SUITE of the same archive,
# through a private apt state (the system's sources and pinning stay as they are).
installed docker-buildx && exit 0
if apt-cache policy docker-buildx 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  apt-get install -y -qq --no-install-recommends docker-buildx >/dev/null
else
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  archive=$(apt-get indextargets --format '$(REPO_URI) $(RELEASE) $(TARGET_OF)' 2>/dev/null \
    | awk -v c="$codename" '$2 == c && $3 == "deb" { print $1; exit }')
  [[ -n $archive ]] || fail "cannot install docker-buildx: no apt source for Debian '$codename' to take the" \
    "archive address from (add one, or install the docker buildx plug-in into /usr/libexec/docker/cli-plugins)"
  state=$(mktemp -d)
  trap '[[ -z $created_policy ]] || rm -f "$policy"; rm -rf "$state"' EXIT
  mkdir -p "$state/sources" "$state/lists/partial" "$state/cache/archives/partial" "$state/debs"
  printf 'Types: deb\nURIs: %s\nSuites: %s\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
    "$archive" "$BUILDX_SUITE" > "$state/sources/buildx.sources"
  apt_private=(-o Dir::Etc::SourceList=/dev/null -o "Dir::Etc::SourceParts=$state/sources"
    -o "Dir::State::Lists=$state/lists" -o "Dir::Cache=$state/cache" -o APT::Sandbox::User=root)
  apt-get "${apt_private[@]}" update -qq \
    || fail "cannot install docker-buildx: apt-get update of Debian $BUILDX_SUITE ($archive) failed"
  (cd "$state/debs" && apt-get "${apt_private[@]}" download -qq docker-buildx) \
    || fail "cannot install docker-buildx: Debian $BUILDX_SUITE has no docker-buildx to download"
  dpkg -i "$state"/debs/docker-buildx_*.deb >/dev/null || fail "cannot install docker-buildx: dpkg -i failed"
fi
docker buildx version >/dev/null 2>&1 || fail "docker-buildx is installed but \`docker buildx version\` fails"
echo "install-packages: $(docker buildx version)"

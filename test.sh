#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (Debian, root), starts a Docker daemon if none
# runs, runs unit and integration tests (`mvn -B verify`), then stops what it started. Extra args go to Maven.
set -euo pipefail
cd "$(dirname "$0")"
bash test-hosts/install-packages.sh
cleanup() {
  bash test-hosts/down.sh --all >/dev/null 2>&1 || true
  bash test-hosts/root-docker.sh stop || true
}
trap cleanup EXIT
bash test-hosts/root-docker.sh ensure
mvn -B verify "$@"

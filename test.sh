#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs what is missing (Debian, root), starts a Docker daemon if none
# runs, runs unit and integration tests (`mvn -B verify`) on the default JDK, then the unit tests and the SSH
# integration tests on JDK 25, then stops what it started. Extra args go to Maven.
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
# The newest supported JDK too: unit tests and the SSH integration tests (the JCA providers, BouncyCastle's signed
# jar, MINA's key exchanges; ServerExecIT through the launcher), and the thin client's character sets (Java 19+
# defines stdout.encoding), on Temurin 25.
jdk25=${SEXTANT_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}
if [ -x "$jdk25/bin/java" ]; then
  JAVA_HOME="$jdk25" mvn -B verify -Dit.test='io/sextant/ssh/*IT,ServerExecIT,ThinClientIT#theOutputIsEncoded*' "$@"
elif [ "${CI:-}" = true ]; then
  echo "test.sh: no JDK 25 at $jdk25 (set SEXTANT_JDK25)" >&2
  exit 1
else
  echo "test.sh: no JDK 25 at $jdk25 (set SEXTANT_JDK25): its unit and SSH tests were skipped" >&2
fi

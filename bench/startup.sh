#!/usr/bin/env bash
# Start-up: `sextant version`, `--help`, `init`, `config` and `hooks list` against the JVM floor (an empty main
# on the same classpath, with the launcher's JVM flags), plus peak RSS/heap and a check that version/init/hooks
# list load no SSH (org.apache.sshd, org.bouncycastle) or YAML (org.yaml) classes.
# Usage: bench/startup.sh        (RUNS/WARMUP as in lib.sh)
#   TEST_HOSTS_ENV=path/hosts.env  adds `sextant lock status` against the first host of a running test-host set
#   BASELINE_JAR=path/sextant.jar  adds `version` (and `lock status`) run with that jar, an earlier build with its
#                                  lib/ folder, in the same hyperfine run: a before/after under the same load
#                                  (a build from before BouncyCastle moved to lib/ needs a lib/bcprov-*.jar beside
#                                  it too, for the launcher's check: a copy of the current one does)
source "$(dirname "$0")/lib.sh"
export VERSION=bench   # `config` prints Kamal's summary, which names the version (no git repository here)
jar="$BENCH_ROOT/target/sextant.jar"
sx="$BENCH_ROOT/bin/sextant"
[ -f "$jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-startup.XXXXXX"); trap 'rm -rf "$work"' EXIT
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$work/Empty.java"
javac -d "$work" "$work/Empty.java"
bench_sample_project "$work/project"   # for config and hooks list
flags="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -Xlog:disable -Xlog:all=off"
extra=()
if [ -n "${BASELINE_JAR:-}" ]; then
  SEXTANT_JAR="$BASELINE_JAR" "$sx" version >/dev/null
  for _ in $(seq 120); do [ -f "${BASELINE_JAR%.jar}.jsa" ] && break; sleep 0.5; done
  extra+=("baseline jar: sextant version" "env SEXTANT_JAR=$BASELINE_JAR $sx version")
fi
if [ -n "${TEST_HOSTS_ENV:-}" ]; then
  # shellcheck disable=SC1090
  source "$TEST_HOSTS_ENV"
  sextant_project "$work/lock" "${HOST_IPS%%,*}" "$SSH_KEY"
  cp "$KNOWN_HOSTS" "$work/lock/home/.ssh/known_hosts"
  lock="env -C $work/lock HOME=$work/lock/home VERSION=bench"
  extra+=("sextant lock status (1 host)" "$lock $sx lock status")
  [ -z "${BASELINE_JAR:-}" ] || extra+=("baseline jar: sextant lock status (1 host)" "$lock SEXTANT_JAR=$BASELINE_JAR $sx lock status")
fi

bench_header
bench_compare "Start-up (JVM floor = empty main on the jar's classpath, the launcher's JVM flags)" \
  "floor: java -cp sextant.jar Empty" "java $flags -cp $jar:$work Empty" \
  "sextant version" "$sx version" \
  "sextant version (SEXTANT_CDS=0: no app archive)" "env SEXTANT_CDS=0 $sx version" \
  "sextant --help" "$sx --help" \
  "sextant init (fresh dir; sh+rm+mkdir included)" "sh -c 'rm -rf $work/i && mkdir $work/i && cd $work/i && exec $sx init'" \
  "sextant config (init's sample)" "env -C $work/project $sx config" \
  "sextant hooks list (init's sample)" "env -C $work/project $sx hooks list" \
  "${extra[@]}"

echo
echo "| command | peak RSS MB | peak heap MB | SSH/BC/YAML classes loaded |"
echo "| --- | ---: | ---: | --- |"
for cmd in "version" "--help" "init" "config" "hooks list"; do
  dir="$work/project"
  [ "$cmd" = init ] && { rm -rf "$work/i"; mkdir "$work/i"; dir="$work/i"; }
  # shellcheck disable=SC2086
  rss=$(( $(cd "$dir" && peak_rss "$sx" $cmd) / 1024 ))
  [ "$cmd" = init ] && { rm -rf "$work/i"; mkdir "$work/i"; }
  # shellcheck disable=SC2086
  heap=$(cd "$dir" && peak_heap_mb "$sx" $cmd)
  [ "$cmd" = init ] && { rm -rf "$work/i"; mkdir "$work/i"; }
  # shellcheck disable=SC2086
  (cd "$dir" && SEXTANT_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" "$sx" $cmd >/dev/null)
  heavy=$(grep -cE '\] (org\.apache\.sshd|org\.bouncycastle|org\.yaml)\.' "$work/classes.log" || true)
  echo "| sextant $cmd | $rss | $heap | $heavy |"
done

#!/usr/bin/env bash
# Start-up: `sextant version` and `sextant init` against the JVM floor (an empty main on the same classpath).
source "$(dirname "$0")/lib.sh"
jar="$BENCH_ROOT/target/sextant.jar"
[ -f "$jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
floor=$(mktemp -d); trap 'rm -rf "$floor"' EXIT
printf 'public class Empty { public static void main(String[] a) {} }\n' > "$floor/Empty.java"
javac -d "$floor" "$floor/Empty.java"
"$BENCH_ROOT/bin/sextant" --help >/dev/null; sleep 3   # let the launcher build its CDS archive
work=$(mktemp -d)
bench_compare "Start-up (JVM floor = empty main, same flags as the launcher)" \
  "floor: java -cp sextant.jar Empty" "java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp $jar:$floor Empty" \
  "sextant version" "$BENCH_ROOT/bin/sextant version" \
  "sextant version (no CDS)" "env SEXTANT_CDS=0 $BENCH_ROOT/bin/sextant version" \
  "sextant --help" "$BENCH_ROOT/bin/sextant --help"
echo
echo "peak RSS KiB: version $(peak_rss "$BENCH_ROOT/bin/sextant" version)"
rm -rf "$work"

#!/usr/bin/env bash
# Hook spawn overhead: HookRunner.run of an `exit 0` hook vs a bare ProcessBuilder spawn of the same script,
# alternating in one warm JVM (per-spawn overhead, so in-process timing is the right tool here).
# Then the peak RSS and heap of a whole `sextant hooks run pre-build` process running that hook.
# Usage: bench/hooks.sh [iterations] [warm-up]
source "$(dirname "$0")/lib.sh"
cp=$(bench_classpath)
bench_header
echo
echo "### Hook with no work vs bare process spawn"
echo
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.sextant.bench.HookSpawn "${1:-300}" "${2:-50}"

# The whole process around one such hook: `hooks run` in a scratch project made by `init`, its hook replaced.
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -Dstyle.color=never -DskipTests package)
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-hooks.XXXXXX"); trap 'rm -rf "$work"' EXIT
(cd "$work" && "$sx" init >/dev/null)
export VERSION=bench   # no git repository in the scratch project
printf '#!/bin/sh\nexit 0\n' > "$work/.kamal/hooks/pre-build"; chmod +x "$work/.kamal/hooks/pre-build"
env -C "$work" "$sx" hooks run pre-build >/dev/null || { echo "hooks.sh: hooks run pre-build fails" >&2; exit 1; }
echo
echo "sextant hooks run pre-build (exit 0 hook): peak RSS $(( $(peak_rss env -C "$work" "$sx" hooks run pre-build) / 1024 )) MB," \
  "peak heap $(peak_heap_mb env -C "$work" "$sx" hooks run pre-build) MB"

#!/usr/bin/env bash
# Hook spawn overhead: HookRunner.run of an `exit 0` hook vs a bare ProcessBuilder spawn of the same script,
# alternating in one warm JVM (per-spawn overhead, so in-process timing is the right tool here).
# Usage: bench/hooks.sh [iterations] [warm-up]
source "$(dirname "$0")/lib.sh"
cp=$(bench_classpath)
bench_header
echo
echo "### Hook with no work vs bare process spawn"
echo
java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp "$cp" io.sextant.bench.HookSpawn "${1:-300}" "${2:-50}"

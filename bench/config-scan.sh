#!/usr/bin/env bash
# Large malformed configurations: `sextant config` on 10 MB config/deploy.yml files, each broken in one place
# (an unclosed quote on one long line or before many lines, an unclosed flow sequence, an unclosed ERB tag), must
# fail with the file and line of the fault within a time budget. Baseline: `sextant config` on init's sample.
# The budget is checked here, not in a test: exit 1 when a case misses it or prints the wrong line. It bounds the
# CPU time (user+sys, mean) of a run: wall time on the shared 2-core machines says more about the neighbours.
# Usage: bench/config-scan.sh      (RUNS/WARMUP as in lib.sh; BUDGET_MS, default 1500: CPU ms per case;
#                                   SIZE_MB, default 10)
source "$(dirname "$0")/lib.sh"
export VERSION=bench   # `config` prints Kamal's summary, which names the version (no git repository here)
BUDGET_MS=${BUDGET_MS:-1500}
SIZE_MB=${SIZE_MB:-10}
sx="$BENCH_ROOT/bin/sextant"
[ -f "$BENCH_ROOT/target/sextant.jar" ] || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-config.XXXXXX"); trap 'rm -rf "$work"' EXIT
bench_sample_project "$work/sample"

# case name, line of the fault, file (written by python below)
python3 - "$work" "$SIZE_MB" <<'PY'
import os, sys
work, size = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
head = "service: app\nimage: acme/app\nservers:\n  - 10.0.0.1\nenv:\n  clear:\n"
cases = {
    # one 10 MB line inside an unclosed double quote (the case that ran for over a minute)
    "quote-one-line": head + '    KEY: "' + "x" * size + "\n",
    # an unclosed quote early, then 10 MB of ordinary lines
    "quote-many-lines": head + '    BROKEN: "value\n' + "".join(
        f"    KEY_{i}: value {i} with some words\n" for i in range(size // 36)),
    "single-quote-one-line": head + "    KEY: '" + "x" * size + "\n",
    "flow-sequence-unclosed": head + "    KEY: [a, b\n" + "    - 10.0.0.1\n" * (size // 15),
    "erb-unclosed": head + "    KEY: <%= ENV[\"A\"]" + "x" * size + "\n",
}
for name, text in cases.items():
    os.makedirs(f"{work}/{name}/config")
    with open(f"{work}/{name}/config/deploy.yml", "w") as f:
        f.write(text)
PY
# the line each must name: the open quote or ERB tag; for the bracket, where reading stopped at snakeyaml's
# 3 MB bound (the sequence runs to the end of the file)
declare -A line=([quote-one-line]=7 [quote-many-lines]=7 [single-quote-one-line]=7
  [flow-sequence-unclosed]='[0-9]+' [erb-unclosed]=7)
names=(quote-one-line quote-many-lines single-quote-one-line flow-sequence-unclosed erb-unclosed)

failed=0
for name in "${names[@]}"; do
  set +e
  err=$(cd "$work/$name" && "$sx" config 2>&1 >/dev/null); code=$?
  set -e
  if [ "$code" != 2 ] || ! [[ "$err" =~ ^"ERROR: config/deploy.yml:"${line[$name]}": " ]]; then
    echo "config-scan.sh: $name: expected exit 2 and config/deploy.yml:${line[$name]}, got $code: ${err:0:200}" >&2
    failed=1
  fi
done

json=$(mktemp)
args=(-n "sextant config (init's sample)" "env -C $work/sample $sx config")
for name in "${names[@]}"; do args+=(-n "$name" "env -C $work/$name $sx config"); done
bench_header
echo "- budget: ≤ ${BUDGET_MS} ms CPU (user+sys, mean) per ${SIZE_MB} MB case"
hyperfine -N -i --style none --warmup "$WARMUP" --runs "$RUNS" --export-json "$json" "${args[@]}" >/dev/null
python3 - "$json" "$BUDGET_MS" <<'PY' || failed=1
import json, statistics, sys
results, budget = json.load(open(sys.argv[1]))["results"], float(sys.argv[2])
base = statistics.median(results[0]["times"])
print("\n#### Large malformed config/deploy.yml: sextant config (fails with exit 2)\n")
print("| case | median ms | min–max ms | × sample | cpu ms (user+sys, mean) | budget |")
print("| --- | ---: | ---: | ---: | ---: | --- |")
missed = False
for i, r in enumerate(results):
    med = statistics.median(r["times"]) * 1000
    cpu = (r["user"] + r["system"]) * 1000
    verdict = "—" if i == 0 else ("met" if cpu <= budget else "**missed**")
    missed |= verdict == "**missed**"
    print(f"| {r['command']} | {med:.0f} | {min(r['times'])*1000:.0f}–{max(r['times'])*1000:.0f}"
          f" | {med/1000/base:.2f} | {cpu:.0f} | {verdict} |")
sys.exit(1 if missed else 0)
PY
rm -f "$json"
exit "$failed"

#!/usr/bin/env bash
# ERB start-up cost: `sextant config` on the same configuration written three ways: plain YAML, fast-path ERB
# (ENV["X"], ENV.fetch with a default: rendered without Ruby) and Ruby-level ERB (a local variable, a loop,
# .split/.map, interpolation: rendered by Ruby's ERB on JRuby, loaded from target/lib/ only then, and, when
# /usr/bin/ruby exists, by that MRI, which Sextant prefers). The JRuby case runs with a PATH that is /usr/bin
# less ruby. Also checks that the plain and fast-path runs load no JRuby class and that all print the same.
# Usage: bench/erb.sh        (RUNS/WARMUP as in lib.sh)
source "$(dirname "$0")/lib.sh"
jar="$BENCH_ROOT/target/sextant.jar"
sx="$BENCH_ROOT/bin/sextant"
export VERSION=1   # `config` prints the version: no git repository in the scratch projects
[ -f "$jar" ] && ls "$BENCH_ROOT"/target/lib/ruby/jruby-complete-*.jar >/dev/null 2>&1 \
  || (cd "$BENCH_ROOT" && mvn -B -q -DskipTests package)
work=$(mktemp -d "${TMPDIR:-/tmp}/sextant-bench-erb.XXXXXX"); trap 'rm -rf "$work"' EXIT
# /usr/bin without ruby, so that the Ruby-level case measures JRuby even where an MRI is installed
mkdir "$work/bin"
for f in /usr/bin/* /bin/*; do [ "$(basename "$f")" = ruby ] || ln -sf "$f" "$work/bin/"; done
nomri="env PATH=$work/bin"
"$sx" version >/dev/null
for _ in $(seq 120); do [ -f "$BENCH_ROOT/target/sextant.jsa" ] && break; sleep 0.5; done   # the CDS archive

tail='registry:
  username: acme
  password:
    - KAMAL_REGISTRY_PASSWORD
builder:
  arch: amd64
'
mkdir -p "$work/plain/config" "$work/fast/config" "$work/ruby/config"
printf 'service: shop\nimage: acme/shop\nservers:\n  web:\n    - 10.0.0.1\n    - 10.0.0.2\n%s' "$tail" \
  > "$work/plain/config/deploy.yml"
printf 'service: <%%= ENV.fetch("APP", "shop") %%>\nimage: acme/<%%= ENV["APP"] || "shop" %%>\nservers:\n  web:\n    - <%%= ENV.fetch("WEB1", "10.0.0.1") %%>\n    - <%%= ENV.fetch("WEB2", "10.0.0.2") %%>\n%s' "$tail" \
  > "$work/fast/config/deploy.yml"
printf '<%% app = ENV.fetch("APP", "shop") -%%>\nservice: <%%= app %%>\nimage: "<%%= "acme/#{app}" %%>"\nservers:\n  web:\n<%% ENV.fetch("WEB_HOSTS", "10.0.0.1, 10.0.0.2").split(",").map(&:strip).each do |ip| -%%>\n    - <%%= ip %%>\n<%% end -%%>\n%s' "$tail" \
  > "$work/ruby/config/deploy.yml"
for kind in plain fast ruby; do
  (cd "$work/$kind" && $nomri "$sx" config > "$work/$kind.out") || { echo "erb.sh: $kind config does not load" >&2; exit 1; }
done
mri=()
if [ -x /usr/bin/ruby ]; then
  (cd "$work/ruby" && PATH=/usr/bin:/bin "$sx" config > "$work/mri.out") || { echo "erb.sh: MRI config does not load" >&2; exit 1; }
  cmp -s "$work/plain.out" "$work/mri.out" || { echo "erb.sh: MRI prints another configuration" >&2; exit 1; }
  mri=("config, Ruby-level ERB, MRI $(/usr/bin/ruby -e 'print RUBY_VERSION') on PATH" "env -C $work/ruby PATH=/usr/bin:/bin $sx config")
fi
cmp -s "$work/plain.out" "$work/fast.out" && cmp -s "$work/plain.out" "$work/ruby.out" \
  || { echo "erb.sh: the three configurations do not print the same" >&2; diff "$work/plain.out" "$work/ruby.out" >&2; exit 1; }

bench_header
bench_compare "sextant config: plain YAML vs fast-path ERB vs Ruby-level ERB (JRuby $(basename "$BENCH_ROOT"/target/lib/ruby/jruby-complete-*.jar .jar | sed 's/jruby-complete-//'))" \
  "config, plain YAML" "env -C $work/plain PATH=$work/bin $sx config" \
  "config, fast-path ERB" "env -C $work/fast PATH=$work/bin $sx config" \
  "config, Ruby-level ERB, JRuby" "env -C $work/ruby PATH=$work/bin $sx config" \
  "${mri[@]}"

echo
echo "| config | peak RSS MB | JRuby classes loaded |"
echo "| --- | ---: | ---: |"
for kind in plain fast ruby; do
  rss=$(( $(cd "$work/$kind" && peak_rss $nomri "$sx" config) / 1024 ))
  (cd "$work/$kind" && SEXTANT_JAVA_OPTS="-Xlog:class+load=info:file=$work/classes.log" $nomri "$sx" config >/dev/null)
  jruby=$(grep -cE '\] org\.jruby\.' "$work/classes.log" || true)
  echo "| $kind | $rss | $jruby |"
done

#!/usr/bin/env bash
# The deploy floor: a plain shell script doing the remote work of a deploy in parallel over OpenSSH, one SSH
# connection per host: registry login, `docker pull`, `docker run` of the new container (same image and
# healthcheck as the Sextant side), wait until Docker reports it healthy (polling every 0.1 s), `docker stop` of the
# old one, remove all but the 5 newest stopped ones. What an ideal tool could not beat.
# Usage: deploy-floor.sh TARGETS KEY KNOWN_HOSTS IMAGE REGISTRY USER PASSWORD
#   TARGETS: file of "HOST PORT" lines
set -uo pipefail
targets=$1 key=$2 known=$3 image=$4 registry=$5 user=$6 password=$7
read -r -d '' remote <<SCRIPT
set -e
printf '%s' '$password' | docker login -u '$user' --password-stdin '$registry' >/dev/null 2>&1
docker pull -q '$image' >/dev/null
old=\$(docker ps -q --filter label=bench-floor=web)
name=bench-floor-web-\$(date +%s%N)
docker run -d --name "\$name" --label bench-floor=web --restart unless-stopped \
  --health-cmd 'wget -qO- http://127.0.0.1/up || exit 1' --health-interval 1s '$image' >/dev/null
tries=0
until [ "\$(docker inspect -f '{{.State.Health.Status}}' "\$name")" = healthy ]; do
  tries=\$((tries + 1)); [ \$tries -lt 600 ] || { echo "\$name not healthy" >&2; exit 1; }
  sleep 0.1
done
[ -z "\$old" ] || docker stop \$old >/dev/null
docker ps -aq --filter label=bench-floor=web --filter status=exited | tail -n +6 | xargs -r docker rm >/dev/null
SCRIPT
pids=()
while read -r host port; do
  [ -n "$host" ] || continue
  ssh -F /dev/null -i "$key" -l root -p "$port" -o BatchMode=yes -o IdentitiesOnly=yes -o LogLevel=ERROR \
    -o UserKnownHostsFile="$known" "$host" "$remote" &
  pids+=($!)
done < "$targets"
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=$((failed + 1)); done
[ "$failed" = 0 ] || { echo "deploy-floor: $failed of ${#pids[@]} hosts failed" >&2; exit 1; }

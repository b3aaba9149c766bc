#!/usr/bin/env bash
# The deploy floor: a plain shell script doing the remote work of a deploy in parallel over OpenSSH, one SSH
# connection per host: registry login, `docker pull`, `docker run` of the new container (same image and
# healthcheck as the Sextant side), wait until Docker reports it healthy (polling every 0.1 s), `docker stop` of the
# old one, remove all but the 5 newest stopped ones. What an ideal tool could not beat.
# With MODE "proxy", the steps of a deploy behind kamal-proxy instead: registry login, `docker pull`, the `kamal`
# network and kamal-proxy started (or run), `docker run` of the new container on that network (no healthcheck),
# `kamal-proxy deploy` with it as target (the proxy health-checks GET /up and switches traffic to it), `docker
# stop` of the old one, the same clean-up.
# Usage: deploy-floor.sh TARGETS KEY KNOWN_HOSTS IMAGE REGISTRY USER PASSWORD [MODE]
#   TARGETS: file of "HOST PORT" lines
set -uo pipefail
targets=$1 key=$2 known=$3 image=$4 registry=$5 user=$6 password=$7 mode=${8:-docker}
if [ "$mode" = proxy ]; then
read -r -d '' remote <<SCRIPT
set -e
printf '%s' '$password' | docker login -u '$user' --password-stdin '$registry' >/dev/null 2>&1
docker pull -q '$image' >/dev/null
docker network create kamal >/dev/null 2>&1 || true
docker container start kamal-proxy >/dev/null 2>&1 || docker run --detach --name kamal-proxy --network kamal \
  --restart unless-stopped --publish 80:80 --publish 443:443 --log-opt max-size=10m \
  --volume kamal-proxy-config:/home/kamal-proxy/.config/kamal-proxy basecamp/kamal-proxy:v0.9.2 >/dev/null
old=\$(docker ps -q --filter label=bench-floor=web)
name=bench-floor-web-\$(date +%s%N)
id=\$(docker run -d --name "\$name" --label bench-floor=web --network kamal --restart unless-stopped '$image')
docker exec kamal-proxy kamal-proxy deploy bench-floor-web --target="\$(echo "\$id" | cut -c1-12):80" \
  --host=floor.bench --deploy-timeout=30s --drain-timeout=30s --buffer-requests --buffer-responses \
  --log-request-header=Cache-Control --log-request-header=Last-Modified --log-request-header=User-Agent >/dev/null
[ -z "\$old" ] || docker stop \$old >/dev/null
docker ps -aq --filter label=bench-floor=web --filter status=exited | tail -n +6 | xargs -r docker rm >/dev/null
SCRIPT
else
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
fi
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

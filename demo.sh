#!/usr/bin/env bash
# The demo: builds Sextant, brings up 2 local test hosts (network namespaces with their own sshd and dockerd)
# and a registry, writes a sample app behind kamal-proxy whose hooks print what they receive, then runs
# `sextant setup`, a `deploy` of a changed version and a `rollback` while HTTP requests go through the proxy on
# both hosts the whole time, and shows what answered them and what runs where. Needs root on Debian; installs
# what is missing. Everything is torn down at the end, the warm agent the commands started too (pass --keep to keep
# the hosts and the app folder).
set -euo pipefail
cd "$(dirname "$0")"
root=$(pwd)
keep=""; [[ ${1:-} == --keep ]] && keep=1
set_name=${SEXTANT_DEMO_NAME:-demo}   # the test host set's name (another name runs a second demo alongside)

say() { printf '\n\033[1;36m== %s\033[0m\n' "$*"; }

say "Installing what is missing and starting Docker"
bash test-hosts/install-packages.sh
bash test-hosts/root-docker.sh ensure

say "Building Sextant"
mvn -B -q -DskipTests package
sextant="$root/bin/sextant"

say "Creating 2 test hosts and a registry"
env_file=$(bash test-hosts/up.sh --name "$set_name" --hosts 2 | tail -1)
# shellcheck disable=SC1090
source "$env_file"
IFS=, read -r host1 host2 <<<"$HOST_IPS"
say "Loading the kamal-proxy image (basecamp/kamal-proxy:v0.9.2, the test hosts' stand-in) on the hosts"
bash test-hosts/kamal-proxy-image.sh --name "$set_name"
app=$(mktemp -d /tmp/sextant-demo.XXXXXX)
cleanup() {
  touch "$app/stop-traffic" 2>/dev/null || true
  # the warm agent the first command started (docs/agent.md): its sessions are to hosts about to go
  "$sextant" agent stop >/dev/null 2>&1 || true
  if [[ -z $keep ]]; then
    bash "$root/test-hosts/down.sh" --name "$set_name" >/dev/null 2>&1 || true
    rm -rf "$app"
  else
    echo "Kept: hosts (test-hosts/down.sh --name $set_name to remove) and the app in $app"
  fi
}
trap cleanup EXIT

say "Writing a sample app in $app"
cd "$app"
export HOME="$app/home" DOCKER_CONFIG
# The warm agent (on by default) lives in the app folder, not beside the user's own, and stops with the demo.
export SEXTANT_AGENT_DIR="$app/agent"
mkdir -p "$HOME/.ssh" www
cp "$KNOWN_HOSTS" "$HOME/.ssh/known_hosts"
"$sextant" init
cat > config/deploy.yml <<YAML
service: demo
image: demo/web
builder:
  arch: amd64
  driver: docker       # dockerd's own BuildKit: the default docker-container driver pulls moby/buildkit
servers:
  web:                 # the primary role: behind kamal-proxy (it health-checks GET /up)
    hosts: [$host1, $host2]
  workers:
    hosts: [$host2]
    cmd: sh -c 'while true; do sleep 5; done'
registry:
  server: $REGISTRY
  username: $REGISTRY_USER
  password: [KAMAL_REGISTRY_PASSWORD]
ssh:
  keys: [$SSH_KEY]
  keys_only: true
proxy:
  app_port: 80
  healthcheck:
    interval: 1
boot:
  limit: 1
readiness_delay: 1
stop_timeout: 1   # the sample httpd ignores SIGTERM: do not wait for it
hooks_output: verbose
YAML
echo "KAMAL_REGISTRY_PASSWORD=$REGISTRY_PASSWORD" > .kamal/secrets
cat > Dockerfile <<DOCKER
FROM $BASE_IMAGE
COPY www /www
CMD ["httpd", "-f", "-p", "80", "-h", "/www"]
DOCKER
echo ok > www/up
for hook in pre-connect pre-build pre-deploy pre-app-boot post-app-boot post-deploy docker-setup; do
  cat > ".kamal/hooks/$hook" <<'HOOK'
#!/bin/sh
echo "hook $KAMAL_HOOK: command=$KAMAL_COMMAND version=$KAMAL_SERVICE_VERSION hosts=$KAMAL_HOSTS lock=$KAMAL_LOCK${KAMAL_RUNTIME:+ runtime=${KAMAL_RUNTIME}s}${KAMAL_PREVIOUS_VERSION:+ previous=$KAMAL_PREVIOUS_VERSION}"
HOOK
  chmod +x ".kamal/hooks/$hook"
done
printf '.kamal/hooks.log\nhome/\n' > .gitignore
git init -q && git config user.email demo@example.com && git config user.name "Demo User"
echo "version one" > www/index.html
git add -A && git commit -qm "version one"
v1=$(git rev-parse HEAD)

say "sextant setup (Docker check, docker-setup, kamal-proxy, build, push, boot on both hosts)"
"$sextant" setup
for host in "$host1" "$host2"; do echo "curl http://$host/ -> $(curl -fsS --max-time 5 "http://$host/")"; done

# Requests through the proxy on both hosts, one after the other, until the end of the demo.
traffic() {
  while [[ ! -e $app/stop-traffic ]]; do
    for host in "$host1" "$host2"; do
      curl -fsS --max-time 5 "http://$host/" 2>/dev/null || echo "FAILED request to $host"
    done
  done >"$app/traffic.log"
}
traffic &
traffic_pid=$!

say "sextant deploy of a changed version"
echo "version two" > www/index.html
git commit -qam "version two"
"$sextant" deploy
"$sextant" server exec 'docker ps --format "{{.Names}} {{.Status}}"'

say "sextant rollback $v1"
"$sextant" rollback "$v1"
"$sextant" server exec 'docker ps --format "{{.Names}} {{.Status}}"'

touch "$app/stop-traffic"; wait "$traffic_pid"
say "What answered the $(wc -l <"$app/traffic.log") requests sent through kamal-proxy during deploy and rollback"
sort "$app/traffic.log" | uniq -c
if grep -q FAILED "$app/traffic.log"; then echo "Some requests failed"; else echo "No request failed"; fi

say "sextant audit"
"$sextant" audit
say "Done: the same config/deploy.yml, .kamal/secrets and .kamal/hooks work with Kamal."

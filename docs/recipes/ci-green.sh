#!/bin/sh
# pre-deploy recipe: refuse to deploy a version whose CI is not green on GitHub, waiting a while if it is still
# running. A rollback is not checked (that version was deployed before).
#
# Install:  cp docs/recipes/ci-green.sh .kamal/hooks/pre-deploy && chmod +x .kamal/hooks/pre-deploy
# Needs curl, and jq for CI_CHECKS=1 (used for the commit status too when installed). pre-deploy receives the secrets: put GITHUB_TOKEN=... (read access to
# commit statuses / checks) in .kamal/secrets. It is sent to curl on stdin, never on its command line.
# Settings (environment or .kamal/secrets):
#   GITHUB_REPOSITORY  owner/repo (default: taken from `git remote get-url origin`)
#   GITHUB_API_URL     default https://api.github.com (GitHub Enterprise: https://HOST/api/v3)
#   CI_CHECKS          1: read GitHub Actions check runs instead of the combined commit status (needs jq)
#   CI_STATUS_URL      the whole URL to read, overriding the three above (another server with the same JSON)
#   CI_WAIT_SECONDS    how long to wait while CI is still running (default 0: fail at once)
#   CI_POLL_SECONDS    how often to ask again while waiting (default 15)
# The deploy lock is held while pre-deploy runs: bound the wait with x-hooks (`x-hooks: {pre-deploy:
# {timeout: 900}}` in config/deploy.yml) or --hook-timeout.
set -eu

if [ "$KAMAL_COMMAND" = rollback ]; then
  echo "Rollback to $KAMAL_SERVICE_VERSION: CI check skipped"
  exit 0
fi
case "$KAMAL_VERSION" in
  *_uncommitted_*)
    echo "Refusing to deploy $KAMAL_VERSION: it contains uncommitted changes that CI never saw" >&2
    exit 1 ;;
esac

url=${CI_STATUS_URL:-}
if [ -z "$url" ]; then
  repo=${GITHUB_REPOSITORY:-$(git remote get-url origin 2>/dev/null \
    | sed -E 's#^(ssh://)?(git@|https://)?[^/:]+[:/]##; s#\.git$##')}
  if [ -z "$repo" ]; then
    echo "Cannot tell the GitHub repository: set GITHUB_REPOSITORY=owner/repo" >&2
    exit 1
  fi
  if [ "${CI_CHECKS:-}" = 1 ]; then
    url="${GITHUB_API_URL:-https://api.github.com}/repos/$repo/commits/$KAMAL_VERSION/check-runs?per_page=100"
  else
    url="${GITHUB_API_URL:-https://api.github.com}/repos/$repo/commits/$KAMAL_VERSION/status"
  fi
fi

fetch() {
  {
    echo 'header = "Accept: application/vnd.github+json"'
    if [ -n "${GITHUB_TOKEN:-}" ]; then
      printf 'header = "Authorization: Bearer %s"\n' "$GITHUB_TOKEN"
    fi
  } | curl -q -fsS --max-time 20 --config - "$url"
}

# Prints success, pending, or what else CI says (failure, error, ...)
ci_state() {
  body=$(fetch) || { echo "Cannot read the CI status from $url" >&2; return 1; }
  if [ "${CI_CHECKS:-}" = 1 ]; then
    printf '%s' "$body" | jq -r '
      if .total_count == 0 then "pending"
      elif any(.check_runs[]; .status != "completed") then "pending"
      elif all(.check_runs[]; .conclusion == "success" or .conclusion == "neutral" or .conclusion == "skipped")
        then "success"
      else "failure" end'
  elif command -v jq >/dev/null 2>&1; then
    printf '%s' "$body" | jq -r '.state'
  else
    # without jq: the top-level "state", which GitHub writes before the "statuses" list
    printf '%s' "$body" | tr -d '\n' | sed 's/"statuses".*//' \
      | sed -n 's/.*"state"[[:space:]]*:[[:space:]]*"\([a-z]*\)".*/\1/p'
  fi
}

waited=0
poll=${CI_POLL_SECONDS:-15}
while :; do
  state=$(ci_state) || exit 1
  case "$state" in
    success)
      echo "CI is green for $KAMAL_SERVICE_VERSION"
      exit 0 ;;
    pending)
      if [ "$waited" -ge "${CI_WAIT_SECONDS:-0}" ]; then
        echo "CI is still running for $KAMAL_SERVICE_VERSION (waited ${waited}s): deploy again when it is green" >&2
        exit 1
      fi
      echo "CI is still running for $KAMAL_SERVICE_VERSION, asking again in ${poll}s"
      sleep "$poll"
      waited=$((waited + poll)) ;;
    *)
      echo "CI is not green for $KAMAL_SERVICE_VERSION: ${state:-no status found} ($url)" >&2
      exit 1 ;;
  esac
done

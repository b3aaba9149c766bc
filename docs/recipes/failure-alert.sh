#!/bin/sh
# post-deploy-failure recipe: alert when deploy, redeploy, rollback or setup fails (a hook, the build, a host, a
# health check, or Ctrl-C). It runs after the deploy lock is released.
#
# Install:  cp docs/recipes/failure-alert.sh .kamal/hooks/post-deploy-failure
#           chmod +x .kamal/hooks/post-deploy-failure
# Needs curl. post-deploy-failure does NOT receive the secrets: the webhook URL comes from the environment,
# or from a file only you can read:
#   ALERT_WEBHOOK_URL        a Slack-compatible incoming webhook (JSON {"text": ...})
#   ALERT_WEBHOOK_URL_FILE   a file holding that URL (e.g. ~/.config/deploy-alert-url, mode 0600)
# Without a URL it only prints the alert. Best effort: whatever this hook does, sextant still reports the original
# error and exits with its status.
set -eu

message="[$KAMAL_SERVICE${KAMAL_DESTINATION:+ $KAMAL_DESTINATION}] $KAMAL_COMMAND${KAMAL_SUBCOMMAND:+ $KAMAL_SUBCOMMAND}"
message="$message of $KAMAL_SERVICE_VERSION by $KAMAL_PERFORMER FAILED at ${KAMAL_FAILED_STEP:-?}"
message="$message${KAMAL_FAILED_HOSTS:+ on $KAMAL_FAILED_HOSTS} after ${KAMAL_RUNTIME:-?}s: ${KAMAL_ERROR:-unknown error}"
if [ -n "${KAMAL_PREVIOUS_VERSION:-}" ]; then
  message="$message (running before: $(printf '%.7s' "$KAMAL_PREVIOUS_VERSION"))"
fi
echo "$message" >&2

url=${ALERT_WEBHOOK_URL:-}
if [ -z "$url" ] && [ -n "${ALERT_WEBHOOK_URL_FILE:-}" ] && [ -r "$ALERT_WEBHOOK_URL_FILE" ]; then
  url=$(head -n 1 "$ALERT_WEBHOOK_URL_FILE")
fi
if [ -z "$url" ] || [ "${KAMAL_HOOK_DRY_RUN:-}" = 1 ]; then
  exit 0
fi
text=$(printf '%s' ":rotating_light: $message" | sed 's/\\/\\\\/g; s/"/\\"/g')
curl -q -fsS --max-time 10 -H 'Content-Type: application/json' -d "{\"text\":\"$text\"}" "$url" >/dev/null

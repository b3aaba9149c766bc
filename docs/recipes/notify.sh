#!/bin/sh
# post-deploy recipe: tell the team in Slack and/or Basecamp that a deploy, redeploy, rollback or setup finished.
#
# Install:  mkdir -p .kamal/hooks/post-deploy.d
#           cp docs/recipes/notify.sh .kamal/hooks/post-deploy.d/50-notify
#           chmod +x .kamal/hooks/post-deploy.d/50-notify
# Needs curl. post-deploy receives the secrets, so the webhook URLs live in .kamal/secrets (or
# .kamal/secrets.<destination>, so that each destination posts to its own channel):
#   SLACK_WEBHOOK_URL=https://hooks.slack.com/services/...                  (a Slack "incoming webhook")
#   BASECAMP_CHATBOT_URL=https://3.basecamp.com/.../chats/.../lines         (a Basecamp chatbot line URL)
# `sextant hooks run post-deploy` (KAMAL_HOOK_DRY_RUN=1) prints the message instead of sending it.
# A failing post-deploy makes sextant exit 1 although the deploy is done, so this hook warns and exits 0
# when a notification cannot be sent.
set -eu

case "$KAMAL_COMMAND" in
  rollback) verb="rolled back to" ;;
  redeploy) verb="redeployed" ;;
  setup) verb="set up and deployed" ;;
  *) verb="deployed" ;;
esac
message="$KAMAL_PERFORMER $verb $KAMAL_SERVICE_VERSION${KAMAL_DESTINATION:+ to $KAMAL_DESTINATION}"
message="$message on $KAMAL_HOSTS in ${KAMAL_RUNTIME:-?}s"
if [ -n "${KAMAL_PREVIOUS_VERSION:-}" ]; then
  message="$message (was $(printf '%.7s' "$KAMAL_PREVIOUS_VERSION"))"
fi

if [ "${KAMAL_HOOK_DRY_RUN:-}" = 1 ]; then
  echo "Dry run, not sent: $message"
  exit 0
fi

# JSON string contents: backslashes and double quotes escaped (the message is one line)
json_escape() {
  printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'
}

sent=""
if [ -n "${SLACK_WEBHOOK_URL:-}" ]; then
  if curl -q -fsS --max-time 10 -H 'Content-Type: application/json' \
      -d "{\"text\":\"$(json_escape "$message")\"}" "$SLACK_WEBHOOK_URL" >/dev/null; then
    sent="$sent Slack"
  else
    echo "Warning: could not notify Slack" >&2
  fi
fi
if [ -n "${BASECAMP_CHATBOT_URL:-}" ]; then
  if curl -q -fsS --max-time 10 --data-urlencode "content=$message" "$BASECAMP_CHATBOT_URL" >/dev/null; then
    sent="$sent Basecamp"
  else
    echo "Warning: could not notify Basecamp" >&2
  fi
fi
echo "${sent:+Notified$sent: }$message"

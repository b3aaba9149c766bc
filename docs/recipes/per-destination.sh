#!/bin/sh
# pre-deploy recipe: different rules per destination (`sextant deploy -d production`).
#   production: only a committed version that is on the release branch (DEPLOY_BRANCH, default main), and
#               nothing while a freeze file exists (.kamal/freeze-production, its text says why); a rollback is
#               always allowed, freeze or not.
#   staging, or no -d: anything goes.
#
# Install:  cp docs/recipes/per-destination.sh .kamal/hooks/pre-deploy && chmod +x .kamal/hooks/pre-deploy
#           (or as .kamal/hooks/pre-deploy.d/10-rules next to other pre-deploy scripts)
# Freeze:   echo "Black Friday, ask Ana" > .kamal/freeze-production      Unfreeze: rm .kamal/freeze-production
set -eu

destination=${KAMAL_DESTINATION:-}
case "$destination" in
  production)
    if [ "$KAMAL_COMMAND" = rollback ]; then
      echo "production: rollback to $KAMAL_SERVICE_VERSION allowed"
      exit 0
    fi
    freeze=${DEPLOY_FREEZE_DIR:-.kamal}/freeze-production
    if [ -f "$freeze" ]; then
      echo "production is frozen ($freeze): $(cat "$freeze")" >&2
      exit 1
    fi
    case "$KAMAL_VERSION" in
      *_uncommitted_*)
        echo "production: refusing $KAMAL_VERSION, commit your changes first" >&2
        exit 1 ;;
    esac
    branch=${DEPLOY_BRANCH:-main}
    if ! git merge-base --is-ancestor "$KAMAL_VERSION" "$branch" 2>/dev/null; then
      echo "production: $KAMAL_SERVICE_VERSION is not on $branch; merge it first" >&2
      exit 1
    fi
    echo "production: $KAMAL_SERVICE_VERSION is on $branch, go"
    ;;
  *)
    echo "${destination:-default destination}: no extra checks"
    ;;
esac

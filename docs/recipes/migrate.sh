#!/bin/sh
# pre-app-boot recipe: run the database migrations once per deploy, before the first boot group starts, in a new
# container of the version being deployed (`sextant app exec`). Later boot groups and rollbacks skip them.
#
# Install:  cp docs/recipes/migrate.sh .kamal/hooks/pre-app-boot && chmod +x .kamal/hooks/pre-app-boot
# Settings (environment):
#   MIGRATE_COMMAND  what to run in the container (default: bin/rails db:migrate)
#   MIGRATE_ROLE     the role whose env and options the container gets (default: the primary role)
#   SEXTANT          the sextant executable (default: sextant on the PATH)
# The image was pulled on the app hosts before the lock was taken, so the container starts at once. The nested
# `sextant app exec` takes no lock; it is a new process, so it would fire pre-connect again: the outer command
# already did, hence --skip-hook pre-connect. If your deploy uses -c, add the same -c below.
# A failing migration fails the hook: nothing boots, the lock is released, post-deploy-failure runs with
# KAMAL_FAILED_STEP=pre-app-boot.
set -eu

if [ "$KAMAL_COMMAND" = rollback ]; then
  echo "Rollback to $KAMAL_SERVICE_VERSION: migrations skipped"
  exit 0
fi

# KAMAL_HOSTS is this boot group; the first group holds the first selected host (all_hosts in the context file)
first=$(sed -n 's/.*"all_hosts":\["\([^"]*\)".*/\1/p' "$KAMAL_HOOK_CONTEXT")
case ",$KAMAL_HOSTS," in
  *",$first,"*) ;;
  *)
    echo "Boot group $KAMAL_HOSTS: migrations already ran before the first group"
    exit 0 ;;
esac

set -- app exec --primary --version "$KAMAL_VERSION" --skip-hook pre-connect
if [ -n "${KAMAL_DESTINATION:-}" ]; then
  set -- "$@" --destination "$KAMAL_DESTINATION"
fi
if [ -n "${MIGRATE_ROLE:-}" ]; then
  set -- "$@" --roles "$MIGRATE_ROLE"
fi
set -- "$@" "${MIGRATE_COMMAND:-bin/rails db:migrate}"

if [ "${KAMAL_HOOK_DRY_RUN:-}" = 1 ]; then
  echo "Dry run, would run: ${SEXTANT:-sextant} $*"
  exit 0
fi
echo "Migrating $KAMAL_SERVICE_VERSION: ${SEXTANT:-sextant} $*"
exec "${SEXTANT:-sextant}" "$@"

#!/usr/bin/env bash
# Throws away the local system's data (the three service databases and the waiting room in Redis) so that the next
# start begins from the demo data again. For load runs and demos; never run against anything but a local machine.
source "$(dirname "$0")/lib.sh"
say "Dropping the local service databases and the waiting room (demo data comes back on the next start)"
as_root mysql -uroot -e "DROP DATABASE IF EXISTS concert; DROP DATABASE IF EXISTS payment; DROP DATABASE IF EXISTS user_point;"
as_root mysql -uroot < "$REPO_ROOT/infra/local/databases.sql"
redis-cli -p "$REDIS_PORT" --scan --pattern "${QUEUE_REDIS_PREFIX:-queue:}*" | xargs -r -n 500 redis-cli -p "$REDIS_PORT" del >/dev/null

#!/usr/bin/env bash
# Throws away the local system's data (the three service databases and the waiting room in Redis) so that the next
# start begins from the demo data again, with empty topics when the broker is ours. For load runs and demos; never
# run against anything but a local machine. Stop the services first (./bin/stop --services-only).
source "$(dirname "$0")/lib.sh"
say "Dropping the local service databases and the waiting room (demo data comes back on the next start)"
as_root mysql -uroot -e "DROP DATABASE IF EXISTS concert; DROP DATABASE IF EXISTS payment; DROP DATABASE IF EXISTS user_point;"
as_root mysql -uroot < "$REPO_ROOT/infra/local/databases.sql"
empty_waiting_rooms
# Events of the old data would otherwise still wait in the topics: a broker we started gets fresh storage.
if [ -f "$STATE_DIR/started/kafka" ]; then
  "$REPO_ROOT/infra/local/kafka/stop.sh"
  rm -rf "$STATE_DIR/kafka/data"
  "$REPO_ROOT/infra/local/kafka/start.sh"
  "$REPO_ROOT/infra/local/kafka/create-topics.sh"
fi

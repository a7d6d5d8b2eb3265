#!/usr/bin/env bash
# Stops what up.sh started, and nothing else.
source "$(dirname "$0")/lib.sh"
started="$STATE_DIR/started"
if [ -f "$started/kafka" ]; then "$REPO_ROOT/infra/local/kafka/stop.sh"; rm -f "$started/kafka"; fi
if [ -f "$started/redis" ]; then
  say "Stopping Redis"
  redis-cli -p "$REDIS_PORT" shutdown >/dev/null 2>&1 || kill "$(cat "$PID_DIR/redis.pid" 2>/dev/null)" 2>/dev/null || true
  rm -f "$started/redis"
fi
if [ -f "$started/mariadb" ]; then
  say "Stopping MariaDB"
  as_root service mariadb stop >/dev/null 2>&1 || true
  rm -f "$started/mariadb"
fi
say "Infrastructure stopped (servers this script did not start were left running)"

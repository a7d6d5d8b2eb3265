#!/usr/bin/env bash
# Starts MariaDB, Redis and a single-node KRaft Kafka broker on 127.0.0.1 without Docker. Idempotent: a server
# already listening on its port is reused (and never stopped by down.sh); what this script starts is marked under
# .infra/started so down.sh stops exactly that.
source "$(dirname "$0")/lib.sh"
select_jdk
mkdir -p "$STATE_DIR/started"

# ---- MariaDB (MySQL-compatible; the services still speak mysql-connector-j)
if listening "$MYSQL_PORT"; then
  say "MariaDB/MySQL already listening on $MYSQL_PORT: reusing it"
else
  command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ] || apt_install mariadb-server
  say "Starting MariaDB on 127.0.0.1:$MYSQL_PORT"
  as_root service mariadb start >"$LOG_DIR/mariadb-start.log" 2>&1 || die "MariaDB did not start; see $LOG_DIR/mariadb-start.log"
  wait_for_port MariaDB "$MYSQL_PORT" 60
  touch "$STATE_DIR/started/mariadb"
fi
say "Creating databases and users (one schema per service)"
as_root mysql -uroot < "$REPO_ROOT/infra/local/databases.sql" \
  || die "Could not create databases as the MariaDB root user over its socket. Run infra/local/databases.sql as an admin yourself."

# ---- Redis
if listening "$REDIS_PORT"; then
  say "Redis already listening on $REDIS_PORT: reusing it"
else
  command -v redis-server >/dev/null 2>&1 || apt_install redis-server
  mkdir -p "$STATE_DIR/redis"
  say "Starting Redis on 127.0.0.1:$REDIS_PORT (AOF on, like production)"
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$STATE_DIR/redis" \
    --appendonly yes --appendfsync everysec --pidfile "$PID_DIR/redis.pid" --logfile "$LOG_DIR/redis.log"
  wait_for_port Redis "$REDIS_PORT" 20
  touch "$STATE_DIR/started/redis"
fi

# ---- Kafka (KRaft, from Kafka's own jars on Maven Central; tests start broker processes of their own from them too)
"$REPO_ROOT/infra/local/kafka/classpath.sh"
if listening "$KAFKA_PORT"; then
  say "Kafka already listening on $KAFKA_PORT: reusing it"
else
  "$REPO_ROOT/infra/local/kafka/start.sh"
  touch "$STATE_DIR/started/kafka"
fi
"$REPO_ROOT/infra/local/kafka/create-topics.sh"
say "Infrastructure up: MariaDB 127.0.0.1:$MYSQL_PORT, Redis 127.0.0.1:$REDIS_PORT, Kafka 127.0.0.1:$KAFKA_PORT"

#!/usr/bin/env bash
# Stops the local broker started by start.sh (SIGTERM: a clean shutdown takes a few seconds).
source "$(dirname "$0")/../lib.sh"
pid_file="$PID_DIR/kafka.pid"
[ -f "$pid_file" ] || exit 0
pid="$(cat "$pid_file")"
if kill -0 "$pid" 2>/dev/null; then
  say "Stopping Kafka (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$pid_file"

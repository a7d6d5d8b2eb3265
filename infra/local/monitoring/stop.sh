#!/usr/bin/env bash
# Stops the local Prometheus started by start.sh (its data stays in .infra/prometheus for the next run).
source "$(dirname "$0")/../lib.sh"
pid_file="$PID_DIR/prometheus.pid"
[ -f "$pid_file" ] || exit 0
pid="$(cat "$pid_file")"
if kill -0 "$pid" 2>/dev/null; then
  say "Stopping Prometheus (pid $pid)"
  kill "$pid"
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$pid_file"

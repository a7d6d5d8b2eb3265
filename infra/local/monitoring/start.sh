#!/usr/bin/env bash
# Starts a local Prometheus (Debian's prometheus package, installed when missing) scraping the five services on
# 127.0.0.1:8080-8084 every 5 s, with the alert rules of k8s: the PrometheusRule k8s/base/monitoring/alerts.yaml is
# rendered into a plain rule file by k8s/validate/rule-files.js (the same step check-k8s uses for promtool), so the
# alerts are never copied. Series get the labels the operator gives them in the cluster (namespace, service, pod,
# container), so every alert expression works unchanged. Used by ./bin/run --with-monitoring; stopped by ./bin/stop.
#   PROMETHEUS_PORT   default 9190 (a Debian host may already run the packaged Prometheus on 9090)
source "$(dirname "$0")/../lib.sh"
source "$REPO_ROOT/bin/services.sh"
source "$REPO_ROOT/.ci/node-checks.sh"
PROMETHEUS_PORT="${PROMETHEUS_PORT:-9190}"
PROM_DIR="$STATE_DIR/prometheus"
pid_file="$PID_DIR/prometheus.pid"

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  say "Prometheus already running (pid $(cat "$pid_file")) on http://127.0.0.1:$PROMETHEUS_PORT"
  exit 0
fi
listening "$PROMETHEUS_PORT" && die "Port $PROMETHEUS_PORT is taken: set PROMETHEUS_PORT to a free port"
# Without recommends: the package's node exporter is not needed (on a systemd host the package also enables its own
# Prometheus server on :9090, which is why this one listens elsewhere).
command -v prometheus >/dev/null 2>&1 || apt_install --no-install-recommends prometheus
command -v node >/dev/null 2>&1 || die "Node.js >= 20 is needed to render the alert rules (k8s/validate)"

mkdir -p "$PROM_DIR/rules" "$PROM_DIR/data"
rm -f "$PROM_DIR"/rules/*.rules.yaml
validate="$REPO_ROOT/k8s/validate"
npm_ci_once "$validate" "$LOG_DIR" || die "npm ci in k8s/validate failed; see $LOG_DIR/npm-ci.log"
node "$validate/rule-files.js" "$REPO_ROOT/k8s/base/monitoring/alerts.yaml" "$PROM_DIR/rules" \
  || die "Could not render the alert rules from k8s/base/monitoring/alerts.yaml"

{
  cat <<YAML
# Written by infra/local/monitoring/start.sh; edit that, not this.
global:
  scrape_interval: 5s        # k8s scrapes every 15 s; 5 s shows a short local run on the graphs
  evaluation_interval: 5s
  external_labels:
    environment: local
rule_files:
  - $PROM_DIR/rules/*.rules.yaml
scrape_configs:
YAML
  for name in "${SERVICES[@]}"; do
    cat <<YAML
  - job_name: $name
    metrics_path: /actuator/prometheus
    scrape_timeout: 4s
    static_configs:
      - targets: ['127.0.0.1:${SERVICE_PORT[$name]}']
        labels: {namespace: local, service: $name, pod: $name, container: $name}
YAML
  done
} > "$PROM_DIR/prometheus.yml"
promtool check config "$PROM_DIR/prometheus.yml" >"$LOG_DIR/promtool-check.log" 2>&1 \
  || { cat "$LOG_DIR/promtool-check.log" >&2; die "The generated Prometheus configuration is invalid"; }

say "Starting Prometheus on http://127.0.0.1:$PROMETHEUS_PORT ($(ls "$PROM_DIR"/rules | wc -l) rule file(s) from k8s)"
nohup prometheus --config.file="$PROM_DIR/prometheus.yml" --storage.tsdb.path="$PROM_DIR/data" \
  --storage.tsdb.retention.time=2d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" \
  >"$LOG_DIR/prometheus.log" 2>&1 &
echo $! >"$pid_file"
wait_for_port Prometheus "$PROMETHEUS_PORT" 30

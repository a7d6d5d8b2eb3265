#!/usr/bin/env bash
# The front door against a lean proxy (issue 15): the same queue-service and concert-service, reached straight, through
# nginx (Debian's package, proxy_pass with keep-alive upstreams, started here on NGINX_PORT) and through the gateway,
# in one run, the order alternating from round to round. Two requests:
#   poll      GET /api/queue/tokens/me with a WAITING token (direct and nginx: X-User-Id as the gateway would set it;
#             gateway: the access token)
#   read      GET /api/concerts, the issue's read: a login only (the list to choose a room from), no queue token
#   protected GET /api/concerts/1/dates, a route that needs an admission (direct and nginx: X-User-Id and
#             X-Admitted-Room; gateway: access token + admission token, and, for comparison, the opaque ACTIVE token,
#             which still costs a call to queue-service per request)
# A third proxy stands next to nginx as a reference: Spring Cloud Gateway with the same two routes and nothing else
# (load-tests/bench/bare-gateway: no security, no observability, no filters of ours; built here, on BARE_PORT), what
# the framework itself costs, so that the gateway's distance to it is what its own layers cost (EDGE_BARE_GATEWAY=0
# leaves it out).
# Prints wrk's req/s per path and round and the ratios the issue sets goals for: poll gateway/nginx >= 70 %,
# read and protected gateway/direct >= 60 %.
# Usage (the live system must be running, best with the full JIT; the live lock keeps other runs away):
#   flock /tmp/ticketing-live.lock bash -c 'SERVICE_JIT_OPTS= ./bin/run --no-build && load-tests/bench/edge.sh; ./bin/stop'
#   load-tests/bench/edge.sh [connections=16] [seconds per round=10] [rounds=3]
# It fills the waiting room with demo users 801.. (capacity + 1 tokens, issued at queue-service) so that one token
# stays WAITING; they stay admitted until QUEUE_ACTIVE_TTL (./bin/stop ends them with the run).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../infra/local/lib.sh"
command -v wrk >/dev/null 2>&1 || apt_install wrk
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || apt_install nginx
command -v jq >/dev/null 2>&1 || apt_install jq
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)
connections=${1:-16}
seconds=${2:-10}
rounds=${3:-3}
gateway=${GATEWAY_URL:-http://127.0.0.1:8080}
queue=${QUEUE_URL:-http://127.0.0.1:8081}
concert=${CONCERT_URL:-http://127.0.0.1:8082}
nginx_port=${NGINX_PORT:-28480}
bare_port=${BARE_PORT:-28481}
with_bare=${EDGE_BARE_GATEWAY:-1}
capacity=${QUEUE_CAPACITY:-100}
first_filler=${FIRST_USER:-801}
password=${DEMO_PASSWORD:-demo-password}
curl -sf -o /dev/null "$gateway/actuator/health/readiness" || die "The system is not running at $gateway (./bin/run)"

work=$(mktemp -d)
cat >"$work/nginx.conf" <<EOF
worker_processes auto;
pid $work/nginx.pid;
error_log $work/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  upstream queue { server ${queue#http://}; keepalive 32; }
  upstream concert { server ${concert#http://}; keepalive 32; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /api/queue/ { proxy_pass http://queue; proxy_http_version 1.1; proxy_set_header Connection ""; }
    location /api/concerts { proxy_pass http://concert; proxy_http_version 1.1; proxy_set_header Connection ""; }
  }
}
EOF
"$nginx_bin" -c "$work/nginx.conf" -e "$work/error.log"
trap 'kill "$(cat "$work/nginx.pid" 2>/dev/null)" "$(cat "$work/bare.pid" 2>/dev/null)" 2>/dev/null; rm -rf "$work"' EXIT
proxy="http://127.0.0.1:$nginx_port"
bare="http://127.0.0.1:$bare_port"
if [ "$with_bare" = 1 ]; then
  select_jdk
  say "Building and starting the bare Spring Cloud Gateway (load-tests/bench/bare-gateway) on $bare_port"
  "$here/../../mvnw" -B -ntp -q -f "$here/bare-gateway/pom.xml" package -DskipTests >"$work/bare-build.log" 2>&1 ||
    { cat "$work/bare-build.log"; die "the bare gateway did not build"; }
  # the heap and out-of-memory options bin/services.sh gives every service, with the full JIT the usage line above
  # asks the system for
  PORT=$bare_port QUEUE_URL=$queue CONCERT_URL=$concert "$JAVA_HOME/bin/java" -XX:MaxRAMPercentage=5 \
    -XX:+ExitOnOutOfMemoryError -jar "$here"/bare-gateway/target/bare-gateway-*-exec.jar >"$work/bare.log" 2>&1 &
  echo $! >"$work/bare.pid"
  for _ in $(seq 1 60); do curl -s -o /dev/null "$bare/" && break; sleep 1; done
  curl -s -o /dev/null "$bare/" || { cat "$work/bare.log"; die "the bare gateway did not start"; }
fi

login() { curl -sf -X POST "$gateway/api/auth/login" -H 'Content-Type: application/json' \
  -d "{\"username\":\"user$1\",\"password\":\"$password\"}" | jq -r .accessToken; }
issue() { curl -sf -X POST "$queue/api/queue/tokens" -H "X-User-Id: $1" -H 'Content-Type: application/json' -d '{}'; }
status() { curl -sf "$queue/api/queue/tokens/me" -H "X-User-Id: $1" -H "X-Queue-Token: $2"; }

say "Filling the waiting room: users $first_filler.. ($((capacity + 1)) tokens)"
admitted_user=$first_filler
admitted_token=$(issue "$admitted_user" | jq -r .token)
for user in $(seq $((first_filler + 1)) $((first_filler + capacity - 1))); do issue "$user" >/dev/null; done
for _ in $(seq 1 60); do
  [ "$(status "$admitted_user" "$admitted_token" | jq -r .status)" = ACTIVE ] && break; sleep 1
done
waiting_user=$((first_filler + capacity))
waiting_token=$(issue "$waiting_user" | jq -r .token)
admission=$(status "$admitted_user" "$admitted_token" | jq -r '.admissionToken // empty')
[ -n "$admission" ] || die "user $admitted_user's ACTIVE status has no admissionToken (no ADMISSION_SIGNING_* key?)"
say "poll token: user $waiting_user, $(status "$waiting_user" "$waiting_token" | jq -c '{status, position, refreshAfterSeconds}')"
[ "$(status "$waiting_user" "$waiting_token" | jq -r .status)" = WAITING ] ||
  die "user $waiting_user's token is not WAITING: the room had room for more than $capacity (set QUEUE_CAPACITY to its capacity)"
bearer_waiting="Authorization: Bearer $(login "$waiting_user")"
bearer_admitted="Authorization: Bearer $(login "$admitted_user")"
# for profile-gateway.sh: the same credentials, one per line
[ -z "${EDGE_TOKENS_FILE:-}" ] || printf '%s\n' "${bearer_waiting#Authorization: Bearer }" "$waiting_token" \
  "${bearer_admitted#Authorization: Bearer }" "$admission" >"$EDGE_TOKENS_FILE"

# label url header... : prints req/s
rate() {
  local label=$1 url=$2; shift 2
  local args=() header
  for header in "$@"; do args+=(-H "$header"); done
  local out
  out=$(wrk -t1 -c"$connections" -d"$seconds"s "${args[@]}" "$url")
  local non2xx
  non2xx=$(sed -n 's/ *Non-2xx or 3xx responses: *//p' <<<"$out")
  [ -z "$non2xx" ] || say "  $label: $non2xx non-2xx answers"
  sed -n 's/^Requests\/sec: *//p' <<<"$out"
}
declare -A paths=(
  [poll-direct]="$queue/api/queue/tokens/me|X-User-Id: $waiting_user|X-Queue-Token: $waiting_token"
  [poll-nginx]="$proxy/api/queue/tokens/me|X-User-Id: $waiting_user|X-Queue-Token: $waiting_token"
  [poll-gateway]="$gateway/api/queue/tokens/me|$bearer_waiting|X-Queue-Token: $waiting_token"
  [read-direct]="$concert/api/concerts|X-User-Id: $admitted_user"
  [read-nginx]="$proxy/api/concerts|X-User-Id: $admitted_user"
  [read-gateway]="$gateway/api/concerts|$bearer_admitted"
  [dates-direct]="$concert/api/concerts/1/dates|X-User-Id: $admitted_user|X-Admitted-Room: 1"
  [dates-nginx]="$proxy/api/concerts/1/dates|X-User-Id: $admitted_user|X-Admitted-Room: 1"
  [dates-gateway]="$gateway/api/concerts/1/dates|$bearer_admitted|X-Queue-Token: $admission"
  [dates-opaque]="$gateway/api/concerts/1/dates|$bearer_admitted|X-Queue-Token: $admitted_token"
  [poll-bare]="$bare/api/queue/tokens/me|X-User-Id: $waiting_user|X-Queue-Token: $waiting_token"
  [read-bare]="$bare/api/concerts|X-User-Id: $admitted_user"
  [dates-bare]="$bare/api/concerts/1/dates|X-User-Id: $admitted_user|X-Admitted-Room: 1"
)
order=()
for request in poll read dates; do
  order+=("$request-direct" "$request-nginx")
  [ "$with_bare" != 1 ] || order+=("$request-bare")
  order+=("$request-gateway")
done
order+=(dates-opaque)
measure() { # name -> req/s
  local spec=${paths[$1]}
  IFS='|' read -r -a parts <<<"$spec"
  rate "$1" "${parts[@]}"
}
for name in "${order[@]}"; do
  code=$(IFS='|' read -r -a parts <<<"${paths[$name]}"; args=(); for h in "${parts[@]:1}"; do args+=(-H "$h"); done
    curl -s -o /dev/null -w '%{http_code}' "${args[@]}" "${parts[0]}")
  [ "$code" = 200 ] || die "$name answers $code, not 200"
done
say "Warm-up: every path once for ${seconds}s"
for name in "${order[@]}"; do measure "$name" >/dev/null; done

declare -A total
printf '%-22s' "round"; for name in "${order[@]}"; do printf '%12s' "$name" | cut -c1-12 | tr -d '\n'; printf ' '; done; echo
for round in $(seq 1 "$rounds"); do
  # alternate the order, so neither end of a round is always measured on a warmer (or hotter) machine
  if [ $((round % 2)) -eq 1 ]; then run=("${order[@]}"); else run=(); for ((i=${#order[@]}-1; i>=0; i--)); do run+=("${order[$i]}"); done; fi
  declare -A got=()
  for name in "${run[@]}"; do got[$name]=$(measure "$name"); done
  line="round $round"
  for name in "${order[@]}"; do total[$name]=$(awk -v a="${total[$name]:-0}" -v b="${got[$name]}" 'BEGIN{print a+b}'); done
  printf 'round %-16s' "$round"; for name in "${order[@]}"; do printf '%12.0f ' "${got[$name]}"; done
  printf '| poll gw/nginx %s, read gw/direct %s\n' \
    "$(awk -v a="${got[poll-gateway]}" -v b="${got[poll-nginx]}" 'BEGIN{printf "%.0f%%", 100*a/b}')" \
    "$(awk -v a="${got[read-gateway]}" -v b="${got[read-direct]}" 'BEGIN{printf "%.0f%%", 100*a/b}')"
done
echo "== mean of $rounds rounds, wrk -t1 -c$connections -d${seconds}s (req/s)"
for name in "${order[@]}"; do printf '  %-20s %8.0f\n' "$name" "$(awk -v a="${total[$name]}" -v n="$rounds" 'BEGIN{print a/n}')"; done
ratio() { awk -v a="${total[$1]}" -v b="${total[$2]}" 'BEGIN{printf "%.0f%%", 100*a/b}'; }
echo "  poll via gateway / via nginx:              $(ratio poll-gateway poll-nginx)   (goal >= 70 %)"
echo "  poll via nginx / direct:                   $(ratio poll-nginx poll-direct)"
echo "  read (login only) via gateway / direct:    $(ratio read-gateway read-direct)   (goal >= 60 %)"
echo "  read via nginx / direct:                   $(ratio read-nginx read-direct)"
echo "  protected read via gateway / direct:       $(ratio dates-gateway dates-direct)   (goal >= 60 %)"
echo "  protected read via gateway, opaque token:  $(ratio dates-opaque dates-direct) of direct (the call to queue-service per request)"
echo "  protected read via nginx / direct:         $(ratio dates-nginx dates-direct)"
if [ "$with_bare" = 1 ]; then
  echo "  poll via the bare Spring Cloud Gateway / via nginx:  $(ratio poll-bare poll-nginx)   (the framework alone)"
  echo "  protected read via the bare one / direct:            $(ratio dates-bare dates-direct)"
  echo "  poll via the gateway / via the bare one:             $(ratio poll-gateway poll-bare)   (what the gateway's own layers leave)"
  echo "  protected read via the gateway / via the bare one:   $(ratio dates-gateway dates-bare)"
fi

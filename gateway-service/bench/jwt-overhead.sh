#!/usr/bin/env bash
# What the access-token check adds to a routed read: one gateway, the same upstream answer, two routes measured in
# turns in one run: GET /.well-known/jwks.json (public: routed without any token check) and GET /api/queue/tokens/me
# with a valid ES256 access token (the resource server verifies it, then routes). Both pass IdentityHeadersFilter.
# Prints wrk's latency distribution per round and how often the gateway fetched the JWKS.
# Usage: gateway-service/bench/jwt-overhead.sh [connections] [seconds per round]   (after ./mvnw -pl gateway-service package)
# Installs wrk when missing (Debian's package); needs Redis (the rate limiter's; not used by these routes) and the gateway jar; ports GW_PORT/UPSTREAM_PORT.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../infra/local/lib.sh"
select_jdk
command -v wrk >/dev/null 2>&1 || apt_install wrk
connections=${1:-16}
seconds=${2:-15}
gw_port=${GW_PORT:-28417}
up_port=${UPSTREAM_PORT:-28418}
repo=${MAVEN_REPO:-$HOME/.m2/repository}
nimbus=$(ls "$repo"/com/nimbusds/nimbus-jose-jwt/10.4/nimbus-jose-jwt-10.4.jar)
jar=$(ls "$here"/../target/gateway-service-*-exec.jar)
work=$(mktemp -d)
java -cp "$nimbus" "$here/JwtBenchUpstream.java" "$up_port" "$work/token" > "$work/upstream.log" 2>&1 &
upstream=$!
PORT=$gw_port QUEUE_URL=http://127.0.0.1:$up_port USER_POINT_URL=http://127.0.0.1:$up_port \
  CONCERT_URL=http://127.0.0.1:$up_port PAYMENT_URL=http://127.0.0.1:$up_port \
  AUTH_JWK_SET_URI=http://127.0.0.1:$up_port/keys AUTH_ISSUER=http://bench.issuer REDIS_KEY_PREFIX=bench-jwt: \
  java -Xmx256m -jar "$jar" > "$work/gateway.log" 2>&1 &
gateway=$!
trap 'kill $gateway $upstream 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$gw_port/actuator/health/liveness" > /dev/null && break; sleep 1; done
token=$(cat "$work/token")
public="http://127.0.0.1:$gw_port/.well-known/jwks.json"
protected="http://127.0.0.1:$gw_port/api/queue/tokens/me"
curl -s -o /dev/null -w "public %{http_code}, " "$public"
curl -s -o /dev/null -w "protected %{http_code}, " -H "Authorization: Bearer $token" "$protected"
curl -s -o /dev/null -w "protected without a token %{http_code}\n" "$protected"
measure() { # measure <label> <seconds> <url> [header]
  echo "== $1"
  if [ $# -gt 3 ]; then wrk -t1 -c"$connections" -d"$2"s --latency -H "$4" "$3"; else wrk -t1 -c"$connections" -d"$2"s --latency "$3"; fi
}
measure "warm-up public" 20 "$public"
measure "warm-up protected" 20 "$protected" "Authorization: Bearer $token"
for round in 1 2 3; do
  measure "public round $round" "$seconds" "$public"
  measure "protected round $round" "$seconds" "$protected" "Authorization: Bearer $token"
done
sleep 1
echo "JWKS fetches by the gateway during the run: $(grep -c 'keys fetched' "$work/upstream.log" || true)"

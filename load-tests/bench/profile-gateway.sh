#!/usr/bin/env bash
# Where the running gateway spends a request: JFR on the live process (started by ./bin/run) while wrk drives the
# waiting poll and the protected read through it, then JFR's own views of the recording (hot methods, allocations).
# Usage (under the live lock, with the system running, best with SERVICE_JIT_OPTS= for the full JIT):
#   load-tests/bench/profile-gateway.sh <access token> <waiting token> <access token of an admitted user> <admission token> [seconds=20]
# edge.sh prepares such tokens; the recording lands in ${JFR_OUT:-/tmp/gateway-profile.jfr}.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source "$here/../../infra/local/lib.sh"
select_jdk
command -v wrk >/dev/null 2>&1 || apt_install wrk
[ $# -ge 4 ] || die "usage: $0 <bearer of the waiting user> <waiting token> <bearer of the admitted user> <admission token> [seconds]"
gateway=${GATEWAY_URL:-http://127.0.0.1:8080}
seconds=${5:-20}
out=${JFR_OUT:-/tmp/gateway-profile.jfr}
pid=$(cat "$PID_DIR/gateway-service.pid" 2>/dev/null || true)
[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || die "no running gateway-service (./bin/run)"
"$JAVA_HOME/bin/jcmd" "$pid" JFR.start name=edge settings=profile filename="$out" >/dev/null
wrk -t1 -c16 -d"$seconds"s -H "Authorization: Bearer $1" -H "X-Queue-Token: $2" "$gateway/api/queue/tokens/me" | grep Requests/sec
wrk -t1 -c16 -d"$seconds"s -H "Authorization: Bearer $3" -H "X-Queue-Token: $4" "$gateway/api/concerts" | grep Requests/sec
"$JAVA_HOME/bin/jcmd" "$pid" JFR.stop name=edge >/dev/null
"$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$out" | head -40
"$JAVA_HOME/bin/jfr" view --width 200 allocation-by-class "$out" | head -25

# Shared by the infra and bin scripts: where things live, which JDK to use, small helpers. Source it; don't run it.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE_DIR="${TICKETING_STATE_DIR:-$REPO_ROOT/.infra}"   # git-ignored: data, logs, pids, "started by us" marks
LOG_DIR="$STATE_DIR/logs"
PID_DIR="$STATE_DIR/pids"
mkdir -p "$LOG_DIR" "$PID_DIR"

MYSQL_HOST=127.0.0.1
MYSQL_PORT="${MYSQL_PORT:-3306}"
REDIS_PORT="${REDIS_PORT:-6379}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"

say() { printf '\033[1m[%s]\033[0m %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '\033[31mERROR:\033[0m %s\n' "$*" >&2; exit 1; }

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for_port() { # name port seconds
  local i
  for ((i = 0; i < $3 * 5; i++)); do listening "$2" && return 0; sleep 0.2; done
  die "$1 did not start listening on port $2 within $3 s (logs: $LOG_DIR)"
}

# Deletes every waiting room (queue-service's keys in Redis): an opening happens once per room, so fresh data needs it.
empty_waiting_rooms() {
  redis-cli -p "$REDIS_PORT" --scan --pattern "${QUEUE_REDIS_PREFIX:-queue:}*" | xargs -r -n 500 redis-cli -p "$REDIS_PORT" del >/dev/null
}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

apt_install() { # packages...
  say "Installing $* (apt)"
  if [ ! -f "$STATE_DIR/.apt-updated" ]; then as_root apt-get update -qq && touch "$STATE_DIR/.apt-updated"; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >"$LOG_DIR/apt.log" 2>&1 \
    || die "apt-get install $* failed; see $LOG_DIR/apt.log"
}

# A JDK >= 21: JAVA_HOME if it qualifies, else the newest one under /usr/lib/jvm.
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p'; }
select_jdk() {
  local candidate
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ]; then
    export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
    return 0
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate")" -ge 21 ]; then export JAVA_HOME="$candidate"; break; fi
  done
  [ -n "${JAVA_HOME:-}" ] && [ "$(java_major "$JAVA_HOME")" -ge 21 ] \
    || die "No JDK 21 or newer found. Install one (e.g. apt-get install openjdk-21-jdk or Temurin 21/25) or set JAVA_HOME."
  export PATH="$JAVA_HOME/bin:$PATH"
}

mvnw() { "$REPO_ROOT/mvnw" -B -q "$@"; }

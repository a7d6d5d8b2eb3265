# The services of the system and how to start/stop them as local processes. Sourced by bin/run, bin/stop, bin/test.
# Order matters: a service starts after those it calls (the gateway last).
SERVICES=(user-point-service concert-service payment-service queue-service gateway-service)
declare -A SERVICE_PORT=([gateway-service]=8080 [queue-service]=8081 [concert-service]=8082 [payment-service]=8083 [user-point-service]=8084)

service_jar() { ls "$REPO_ROOT/$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n 1; }
service_pid() { local f="$PID_DIR/$1.pid"; [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"; }

start_service() { # name
  local name="$1" jar port profiles
  port="${SERVICE_PORT[$name]}"
  if service_pid "$name" >/dev/null; then say "$name already running (pid $(service_pid "$name"))"; return 0; fi
  listening "$port" && die "Port $port is taken by another process: $name cannot start (stop it or free the port)"
  jar="$(service_jar "$name")"
  [ -n "$jar" ] || die "$name is not built: run ./bin/run (it builds) or ./mvnw package -DskipTests"
  # SPRING_PROFILES_ACTIVE, when set, is every service's; DB_SERVICE_PROFILES only the database services' (bin/load-test
  # adds loadtest, the load-test data set, there alone)
  case "$name" in
    user-point-service|concert-service|payment-service) profiles="${SPRING_PROFILES_ACTIVE:-${DB_SERVICE_PROFILES:-mariadb,demo}}" ;;
    *) profiles="${SPRING_PROFILES_ACTIVE:-default}" ;;
  esac
  say "Starting $name on :$port (profiles: $profiles)"
  local -a keys=()   # an AUTH_SIGNING_* already set in the environment wins
  [ "$name" = user-point-service ] && [ -z "${AUTH_SIGNING_KEY_ID:-}" ] && signing_key id >/dev/null && keys=(AUTH_SIGNING_KEY_ID="$(signing_key id)" \
    AUTH_SIGNING_PUBLIC_KEY="$(signing_key public)" AUTH_SIGNING_PRIVATE_KEY="$(signing_key private)")
  # queue-service signs admission tokens, the gateway verifies them with the public part (no private key there)
  if [ -z "${ADMISSION_SIGNING_KEY_ID:-}" ] && admission_key id >/dev/null; then
    case "$name" in
      queue-service) keys=(ADMISSION_SIGNING_KEY_ID="$(admission_key id)" ADMISSION_SIGNING_PUBLIC_KEY="$(admission_key public)" \
        ADMISSION_SIGNING_PRIVATE_KEY="$(admission_key private)") ;;
      gateway-service) keys=(ADMISSION_SIGNING_KEY_ID="$(admission_key id)" ADMISSION_SIGNING_PUBLIC_KEY="$(admission_key public)") ;;
    esac
  fi
  # Heap as a share of the machine, like the containers. SERVICE_JIT_OPTS: by default a C1-only JIT keeps five JVMs
  # light on a laptop (less compiling, less memory); bin/load-test sets it empty for the images' full tiered JIT.
  # A static consumer-group member per service and host, so a restarted service takes its partitions back at once
  # (one instance of each service runs here; in k8s it is the pod name). Set to empty for dynamic membership.
  local instance="${KAFKA_GROUP_INSTANCE_ID-$name-$(hostname)}"
  env "${keys[@]}" KAFKA_GROUP_INSTANCE_ID="$instance" SPRING_PROFILES_ACTIVE="$profiles" PORT="$port" nohup "$JAVA_HOME/bin/java" -XX:MaxRAMPercentage=5 \
    ${SERVICE_JIT_OPTS--XX:TieredStopAtLevel=1} -XX:+ExitOnOutOfMemoryError ${SERVICE_JAVA_OPTS:-} -jar "$jar" \
    >"$LOG_DIR/$name.log" 2>&1 &
  echo $! >"$PID_DIR/$name.pid"
}

wait_healthy() { # seconds; waits for every service's readiness, printing progress
  local deadline=$((SECONDS + $1)) next_report=$((SECONDS + 10)) name pending
  while :; do
    pending=()
    for name in "${SERVICES[@]}"; do
      if ! service_pid "$name" >/dev/null; then
        tail -n 30 "$LOG_DIR/$name.log" >&2 || true
        die "$name exited during start-up (log: $LOG_DIR/$name.log)"
      fi
      if curl -fs -o /dev/null --max-time 2 "http://127.0.0.1:${SERVICE_PORT[$name]}/actuator/health/readiness"; then
        [ -f "$PID_DIR/$name.ready" ] || { say "  $name is healthy"; touch "$PID_DIR/$name.ready"; }
      else
        pending+=("$name")
      fi
    done
    [ ${#pending[@]} -eq 0 ] && return 0
    [ $SECONDS -ge $deadline ] && die "Not healthy after $1 s: ${pending[*]} (logs: $LOG_DIR)"
    if [ $SECONDS -ge $next_report ]; then
      say "  still starting: ${pending[*]}"
      next_report=$((SECONDS + 10))
    fi
    sleep 2
  done
}

signing_key() { # id|public|private: user-point-service's token signing key
  key_pair signing "$1"
}

admission_key() { # id|public|private: queue-service's admission token signing key (the gateway gets the public part)
  key_pair admission "$1"
}

key_pair() { # name id|public|private: an EC P-256 pair made once under .infra/keys (git-ignored)
  local dir="$STATE_DIR/keys" name="$1"
  if [ ! -s "$dir/$name.key.pem" ]; then
    (umask 077 && mkdir -p "$dir" && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
      -out "$dir/$name.key.pem" && openssl pkey -in "$dir/$name.key.pem" -pubout -out "$dir/$name.pub.pem" \
      && echo "local-$name-$(date -u +%Y%m%d%H%M%S)" >"$dir/$name.id") >/dev/null || die "Cannot make $dir/$name.key.pem"
  fi
  case "$2" in id) cat "$dir/$name.id" ;; public) cat "$dir/$name.pub.pem" ;; private) cat "$dir/$name.key.pem" ;; esac
}

stop_service() { # name
  local pid
  pid="$(service_pid "$1")" || { rm -f "$PID_DIR/$1.pid" "$PID_DIR/$1.ready"; return 0; }
  say "Stopping $1 (pid $pid)"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_DIR/$1.pid" "$PID_DIR/$1.ready"
}

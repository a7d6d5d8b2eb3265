#!/usr/bin/env bash
# Creates the ticketing topics (idempotent) with common-events' CreateTopics, run from its built jar: the names are
# those of common-events' Topics, the one definition (the k8s topics Job runs the same class). The jar is built first
# when it is missing or older than common-events' sources.
source "$(dirname "$0")/../lib.sh"
select_jdk
"$REPO_ROOT/infra/local/kafka/classpath.sh"
events="$REPO_ROOT/common-events"
# nothing built yet (a fresh clone): no jar, and no failing find under set -e
events_jar() { [ -d "$events/target" ] || return 0; find "$events/target" -maxdepth 1 -name 'common-events-*.jar' ! -name '*-sources.jar' ! -name '*-tests.jar' 2>/dev/null | head -1; }
jar="$(events_jar)"
if [ -z "$jar" ] || [ -n "$(find "$events/src/main" "$events/pom.xml" -newer "$jar" -print -quit)" ]; then
  say "Building common-events for its CreateTopics"
  # test-support too: common-events' tests depend on it, and Maven resolves that even when tests are skipped
  mvnw -pl common-events,test-support package -Dmaven.test.skip=true >"$LOG_DIR/common-events-build.log" 2>&1 \
    || die "Could not build common-events; see $LOG_DIR/common-events-build.log"
  jar="$(events_jar)"
fi
BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT" PARTITIONS="${TOPIC_PARTITIONS:-6}" \
  java -cp "$jar:$(cat "$STATE_DIR/kafka/classpath.txt")" dev.ticketing.events.CreateTopics

#!/usr/bin/env bash
# Creates the ticketing topics (idempotent). The names come from common-events' Topics class, the one definition.
source "$(dirname "$0")/../lib.sh"
select_jdk
cp="$(cat "$STATE_DIR/kafka/classpath.txt" 2>/dev/null || true)"
if [ -z "$cp" ]; then
  "$REPO_ROOT/mvnw" -B -q -f "$REPO_ROOT/infra/local/kafka/pom.xml" dependency:build-classpath \
    -Dmdep.outputFile="$STATE_DIR/kafka/classpath.txt" >"$LOG_DIR/kafka-resolve.log" 2>&1
  cp="$(cat "$STATE_DIR/kafka/classpath.txt")"
fi
topics="$(sed -n 's/.*public static final String [A-Z_]*EVENTS = "\([^"]*\)".*/\1/p' \
  "$REPO_ROOT/common-events/src/main/java/dev/ticketing/events/Topics.java")"
[ -n "$topics" ] || die "No topic names found in Topics.java"
java -cp "$cp" "$REPO_ROOT/infra/local/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" "${TOPIC_PARTITIONS:-6}" $topics

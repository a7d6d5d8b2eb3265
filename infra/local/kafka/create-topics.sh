#!/usr/bin/env bash
# Creates the ticketing topics (idempotent). The names come from common-events' Topics class, the one definition.
source "$(dirname "$0")/../lib.sh"
select_jdk
"$REPO_ROOT/infra/local/kafka/classpath.sh"
cp="$(cat "$STATE_DIR/kafka/classpath.txt")"
topics="$(sed -n 's/.*public static final String [A-Z_]*EVENTS = "\([^"]*\)".*/\1/p' \
  "$REPO_ROOT/common-events/src/main/java/dev/ticketing/events/Topics.java")"
[ -n "$topics" ] || die "No topic names found in Topics.java"
java -cp "$cp" "$REPO_ROOT/infra/local/kafka/CreateTopics.java" "127.0.0.1:$KAFKA_PORT" "${TOPIC_PARTITIONS:-6}" $topics

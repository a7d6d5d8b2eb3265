#!/usr/bin/env bash
# Resolves the Kafka broker's jars from Maven Central (once) into $STATE_DIR/kafka/classpath.txt: start.sh runs the
# broker from it, and tests that need a broker process of their own (KafkaBrokerProcess) read it too.
source "$(dirname "$0")/../lib.sh"
select_jdk
here="$REPO_ROOT/infra/local/kafka"
classpath="$STATE_DIR/kafka/classpath.txt"
mkdir -p "$STATE_DIR/kafka"
if [ ! -s "$classpath" ] || [ "$here/pom.xml" -nt "$classpath" ]; then
  say "Resolving the Kafka broker's jars from Maven Central (first time only)"
  "$REPO_ROOT/mvnw" -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$classpath" \
    >"$LOG_DIR/kafka-resolve.log" 2>&1 || die "Could not resolve Kafka's jars; see $LOG_DIR/kafka-resolve.log"
fi

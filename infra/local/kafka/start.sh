#!/usr/bin/env bash
# Starts the local KRaft broker: resolves its jars with Maven, formats storage on first start, waits for the port.
source "$(dirname "$0")/../lib.sh"
select_jdk
KAFKA_DIR="$STATE_DIR/kafka"
mkdir -p "$KAFKA_DIR"
here="$REPO_ROOT/infra/local/kafka"
"$here/classpath.sh"
sed -e "s#@PORT@#$KAFKA_PORT#g" -e "s#@CONTROLLER_PORT@#$KAFKA_CONTROLLER_PORT#g" -e "s#@DATA_DIR@#$KAFKA_DIR/data#g" \
  "$here/server.properties.template" > "$KAFKA_DIR/server.properties"
cp="$(cat "$KAFKA_DIR/classpath.txt")"
jvm=(-Xms256m -Xmx512m -XX:+UseG1GC -Dkafka.logs.dir="$LOG_DIR" -Dlog4j2.configurationFile="$here/log4j2.properties")
if [ ! -f "$KAFKA_DIR/data/meta.properties" ]; then
  say "Formatting Kafka storage (KRaft, first start)"
  java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool format --standalone \
    -t "$(java "${jvm[@]}" -cp "$cp" kafka.tools.StorageTool random-uuid)" -c "$KAFKA_DIR/server.properties" \
    >"$LOG_DIR/kafka-format.log" 2>&1 || die "Kafka storage format failed; see $LOG_DIR/kafka-format.log"
fi
say "Starting Kafka (KRaft) on 127.0.0.1:$KAFKA_PORT"
nohup java "${jvm[@]}" -cp "$cp" kafka.Kafka "$KAFKA_DIR/server.properties" >"$LOG_DIR/kafka.out" 2>&1 &
echo $! >"$PID_DIR/kafka.pid"
wait_for_port Kafka "$KAFKA_PORT" 60

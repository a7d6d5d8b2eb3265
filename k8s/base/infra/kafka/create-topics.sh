#!/bin/bash
# Creates the ticketing topics (common-events Topics.ALL) with the cluster's replication settings before the services
# need them. The services also declare them at start-up (KafkaAdmin); --if-not-exists makes both, and reruns, safe.
# Dead-letter topics keep their records longer, so that ops can inspect and replay them.
set -euo pipefail

kafka_topics() {
    /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVERS" "$@"
}

for attempt in $(seq 1 60); do
    if kafka_topics --list > /dev/null 2>&1; then
        break
    fi
    echo "create-topics: waiting for Kafka at $BOOTSTRAP_SERVERS ($attempt/60)"
    sleep 5
done

for topic in ticketing.reservation-events ticketing.payment-events; do
    kafka_topics --create --if-not-exists --topic "$topic" \
        --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
        --config min.insync.replicas="$MIN_INSYNC_REPLICAS"
    kafka_topics --create --if-not-exists --topic "$topic.dlt" \
        --partitions "$PARTITIONS" --replication-factor "$REPLICATION_FACTOR" \
        --config min.insync.replicas="$MIN_INSYNC_REPLICAS" --config retention.ms="$DLT_RETENTION_MS"
done
kafka_topics --describe --topic 'ticketing\..*'

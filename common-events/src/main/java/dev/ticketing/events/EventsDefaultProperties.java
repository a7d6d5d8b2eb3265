package dev.ticketing.events;

import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Kafka client settings every service must share, as lowest-precedence defaults (a service's application.yml or the
 * environment can still override them): an idempotent producer that waits for all in-sync replicas, JSON as plain
 * strings, consumers that start from the earliest offset of a new group, and trace propagation through headers.
 *
 * <p>Consumers rejoin their group in seconds: a dead member is dropped after a 10 s session (the client default of
 * 45 s kept a restarted service's consumer without partitions for over half a minute), cooperative-sticky assignment
 * lets the other members keep consuming while partitions move, and {@code KAFKA_GROUP_INSTANCE_ID} (the pod name in
 * k8s) makes the consumer a static member that takes its partitions back at once after a crash and restart.
 */
public class EventsDefaultProperties implements EnvironmentPostProcessor {

    static final String SOURCE_NAME = "ticketingEventsDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE_NAME, Map.ofEntries(
                Map.entry("spring.kafka.producer.acks", "all"),
                Map.entry("spring.kafka.producer.properties.enable.idempotence", "true"),
                Map.entry("spring.kafka.producer.properties.max.block.ms", "5000"),
                Map.entry("spring.kafka.producer.properties.request.timeout.ms", "5000"),
                Map.entry("spring.kafka.producer.properties.delivery.timeout.ms", "10000"),
                Map.entry("spring.kafka.producer.properties.linger.ms", "1"),
                Map.entry("spring.kafka.consumer.auto-offset-reset", "earliest"),
                Map.entry("spring.kafka.consumer.group-id", "${spring.application.name}"),
                Map.entry("spring.kafka.consumer.properties.session.timeout.ms",
                        "${KAFKA_CONSUMER_SESSION_TIMEOUT_MS:10000}"),
                Map.entry("spring.kafka.consumer.properties.heartbeat.interval.ms",
                        "${KAFKA_CONSUMER_HEARTBEAT_INTERVAL_MS:3000}"),
                Map.entry("spring.kafka.consumer.properties.partition.assignment.strategy",
                        "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"),
                Map.entry("ticketing.events.consumer-instance-id", "${KAFKA_GROUP_INSTANCE_ID:}"),
                Map.entry("spring.kafka.template.observation-enabled", "true"),
                Map.entry("spring.kafka.listener.observation-enabled", "true"))));
    }
}

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
                Map.entry("spring.kafka.template.observation-enabled", "true"),
                Map.entry("spring.kafka.listener.observation-enabled", "true"))));
    }
}

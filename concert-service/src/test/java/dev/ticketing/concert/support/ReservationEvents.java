package dev.ticketing.concert.support;

import static org.awaitility.Awaitility.await;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.EventCodec;
import dev.ticketing.events.Topics;
import dev.ticketing.events.outbox.OutboxRelay;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * What concert-service really published on Kafka, read by a plain consumer of its own as another team would. Each
 * read waits until the outbox is drained, then reads the whole topic up to its end offsets: the answer is complete,
 * so "exactly one event" is a real assertion, not a timing guess.
 */
public final class ReservationEvents {

    private final String bootstrapServers;
    private final OutboxRelay relay;

    ReservationEvents(String bootstrapServers, OutboxRelay relay) {
        this.bootstrapServers = bootstrapServers;
        this.relay = relay;
    }

    public List<DomainEvent> published() {
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.backlog() == 0);
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "concert-test-" + UUID.randomUUID());
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.RESERVATION_EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<DomainEvent> events = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + Topics.RESERVATION_EVENTS + " to its end");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    events.add(EventCodec.fromJson(record.value()).orElseThrow());
                }
            }
            return events;
        }
    }

    public <T extends DomainEvent> List<T> published(Class<T> type, Predicate<T> filter) {
        return published().stream().filter(type::isInstance).map(type::cast).filter(filter).toList();
    }
}

package dev.ticketing.events.it;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.EventHeaders;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.Topics;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.it.EventsTestApplication.HoldService;
import dev.ticketing.events.outbox.OutboxProperties;
import dev.ticketing.events.outbox.OutboxRelay;
import dev.ticketing.events.outbox.TraceContextCapture;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest
@RealInfrastructure(kafka = true)
class OutboxAndInboxTest {

    @Autowired HoldService holds;
    @Autowired JdbcTemplate jdbc;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired OutboxRelay relay;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired Clock clock;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void committedEventReachesKafkaKeyedByReservationWithHeaders() {
        SeatReserved event = holds.hold(1001, 1, false);

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(bootstrap, Topics.RESERVATION_EVENTS,
                found -> found.stream().anyMatch(r -> r.key().equals("1001")), Duration.ofSeconds(20));

        ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals("1001")).findFirst()
                .orElseThrow();
        assertThat(EventCodec.fromJson(record.value())).contains(event);
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_TYPE).value(), StandardCharsets.UTF_8))
                .isEqualTo("SeatReserved");
        assertThat(new String(record.headers().lastHeader(EventHeaders.EVENT_ID).value(), StandardCharsets.UTF_8))
                .isEqualTo(event.eventId().toString());
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
    }

    @Test
    void rolledBackTransactionPublishesNothing() {
        assertThatThrownBy(() -> holds.hold(2001, 1, true)).isInstanceOf(IllegalStateException.class);
        SeatReserved committed = holds.hold(2002, 1, false);

        // The committed event published after the rolled-back one proves the relay ran past it.
        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(bootstrap, Topics.RESERVATION_EVENTS,
                found -> found.stream().anyMatch(r -> r.key().equals("2002")), Duration.ofSeconds(20));

        assertThat(records).extracting(ConsumerRecord::key).contains("2002").doesNotContain("2001");
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM outbox_event WHERE message_key = '2001'", Long.class))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM test_hold WHERE reservation_id = 2001", Long.class))
                .isZero();
        assertThat(committed.reservationId()).isEqualTo(2002);
    }

    @Test
    void addingAnEventOutsideATransactionIsRefused() {
        var outbox = new dev.ticketing.events.outbox.JdbcEventOutbox(jdbc, relay, TraceContextCapture.none(), clock);
        assertThatThrownBy(() -> outbox.add(SeatReleased.of(clock, 1, 1, 1, 1, SeatReleased.Reason.EXPIRED)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void redeliveredEventIsAppliedOnce() throws Exception {
        SeatReserved event = SeatReserved.of(clock, 3001, 7, 1, 1, 1, 1, 50_000, clock.instant());
        String json = EventCodec.toJson(event);
        for (int delivery = 0; delivery < 3; delivery++) {
            kafka.send(Topics.RESERVATION_EVENTS, event.key(), json).get();
        }
        SeatReserved later = SeatReserved.of(clock, 3001, 7, 1, 1, 2, 2, 50_000, clock.instant());
        kafka.send(Topics.RESERVATION_EVENTS, later.key(), EventCodec.toJson(later)).get();

        // The later event on the same partition is applied only after the three deliveries were consumed.
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedCount(3001) == 2);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM applied_event WHERE event_id = ?", Long.class,
                event.eventId().toString())).isEqualTo(1);
    }

    @Test
    void unreadableMessageGoesToDeadLetterTopicAndTheNextOneIsStillProcessed() throws Exception {
        kafka.send(Topics.RESERVATION_EVENTS, "4001", "{not json").get();
        SeatReserved good = SeatReserved.of(clock, 4001, 7, 1, 1, 1, 1, 50_000, clock.instant());
        kafka.send(Topics.RESERVATION_EVENTS, good.key(), EventCodec.toJson(good)).get();

        await().atMost(Duration.ofSeconds(20)).until(() -> appliedCount(4001) == 1);
        List<ConsumerRecord<String, String>> dead = TopicReader.readUntil(bootstrap,
                Topics.deadLetterOf(Topics.RESERVATION_EVENTS),
                found -> found.stream().anyMatch(r -> "4001".equals(r.key())), Duration.ofSeconds(20));
        assertThat(dead).extracting(ConsumerRecord::value).contains("{not json");
    }

    @Test
    void twoRelaysOverTheSameOutboxPublishEachRowOnce() {
        OutboxRelay second = new OutboxRelay(jdbc, new TransactionTemplate(transactionManager), kafka,
                TraceContextCapture.none(), new OutboxProperties(Duration.ofHours(1), 20, Duration.ofSeconds(15),
                        Duration.ofDays(1), Duration.ofHours(1)), clock, EventHeaders.sourceOf("events-test"));
        int events = 300;
        AtomicBoolean writing = new AtomicBoolean(true);
        // Writers commit while both relays (this context's and a second instance) drain the same table in a loop.
        Thread drainer = Thread.ofPlatform().start(() -> {
            while (writing.get() || relay.backlog() > 0) {
                second.drain();
            }
        });
        Race.run(6, writer -> () -> {
            for (int seq = writer; seq < events; seq += 6) {
                holds.hold(5000 + seq % 10, seq, false);
            }
            return null;
        });
        writing.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> !drainer.isAlive());

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(bootstrap, Topics.RESERVATION_EVENTS,
                found -> keysIn5000Range(found).size() >= events, Duration.ofSeconds(30));
        Map<String, Long> copiesPerEvent = keysIn5000Range(records).stream()
                .collect(Collectors.groupingBy(r -> r.headers().lastHeader(EventHeaders.EVENT_ID) == null ? ""
                        : new String(r.headers().lastHeader(EventHeaders.EVENT_ID).value(), StandardCharsets.UTF_8),
                        Collectors.counting()));
        assertThat(copiesPerEvent).hasSize(events);
        assertThat(copiesPerEvent.values()).containsOnly(1L);
    }

    @Test
    void publishedRowsPastRetentionAreDeletedAndPendingOnesKept() {
        holds.hold(6001, 1, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
        jdbc.update("INSERT INTO outbox_event (event_id, topic, message_key, event_type, schema_version, payload,"
                + " created_at) VALUES (UUID(), 'x', '6002', 'SeatReserved', '1.0', '{}', NOW(6))");
        jdbc.update("UPDATE outbox_event SET published_at = NOW(6) - INTERVAL 2 DAY WHERE message_key = '6001'");

        relay.deletePublished();

        assertThat(jdbc.queryForList("SELECT message_key FROM outbox_event WHERE message_key IN ('6001', '6002')",
                String.class)).containsExactly("6002");
        jdbc.update("DELETE FROM outbox_event WHERE message_key = '6002'");
    }

    private long appliedCount(long reservationId) {
        return jdbc.queryForObject("SELECT COUNT(*) FROM applied_event WHERE reservation_id = ?", Long.class,
                reservationId);
    }

    private static List<ConsumerRecord<String, String>> keysIn5000Range(List<ConsumerRecord<String, String>> all) {
        Function<String, Boolean> in = key -> key != null && key.matches("50\\d\\d");
        return all.stream().filter(r -> in.apply(r.key())).toList();
    }

    static List<Integer> sequence(int n) {
        return IntStream.range(0, n).boxed().toList();
    }
}

package dev.ticketing.events.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.events.EventCodec;
import dev.ticketing.events.EventHeaders;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.Topics;
import dev.ticketing.events.it.EventsTestApplication.HoldService;
import dev.ticketing.events.outbox.OutboxRelay;
import dev.ticketing.testsupport.RealInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The CloudEvents headers on a real broker: what the relay publishes, and that consumers key their inbox on
 * {@code ce_id} while still reading records of an older producer without the headers, during a rollout.
 */
@SpringBootTest
@RealInfrastructure(kafka = true)
class CloudEventHeadersTest {

    private static final String RFC_3339_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    @Autowired HoldService holds;
    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate transaction;
    @Autowired KafkaTemplate<String, String> kafka;
    @Autowired OutboxRelay relay;
    @Autowired Clock clock;
    @Value("${spring.kafka.bootstrap-servers}") String bootstrap;

    @Test
    void everyPublishedRecordCarriesTheCloudEventsAttributesAndTheTraceContext() {
        String traceParent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        // The first as written inside a traced request (the outbox stores the writer's traceparent), the second not.
        SeatReserved traced = transaction.execute(status -> {
            SeatReserved event = holds.hold(7001, 1, false);
            jdbc.update("UPDATE outbox_event SET trace_parent = ? WHERE event_id = ?", traceParent,
                    event.eventId().toString());
            return event;
        });
        SeatReserved untraced = holds.hold(7002, 1, false);

        List<ConsumerRecord<String, String>> records = TopicReader.readUntil(bootstrap, Topics.RESERVATION_EVENTS,
                found -> found.stream().filter(r -> r.key().startsWith("700")).count() >= 2, Duration.ofSeconds(20));

        for (SeatReserved event : List.of(traced, untraced)) {
            ConsumerRecord<String, String> record = records.stream().filter(r -> r.key().equals(event.key()))
                    .findFirst().orElseThrow();
            Map<String, String> headers = headersOf(record);
            assertThat(headers).containsEntry(EventHeaders.CE_ID, event.eventId().toString())
                    .containsEntry(EventHeaders.CE_SOURCE, "/ticketing/events-test")
                    .containsEntry(EventHeaders.CE_TYPE, "dev.ticketing.SeatReserved.v1")
                    .containsEntry(EventHeaders.CE_SPECVERSION, "1.0")
                    .containsEntry(EventHeaders.CONTENT_TYPE, "application/json")
                    .containsEntry(EventHeaders.EVENT_ID, event.eventId().toString())
                    .containsEntry(EventHeaders.EVENT_TYPE, "SeatReserved")
                    .containsEntry(EventHeaders.SCHEMA_VERSION, "1.0");
            assertThat(headers.get(EventHeaders.CE_TIME)).matches(RFC_3339_UTC);
            assertThat(Instant.parse(headers.get(EventHeaders.CE_TIME))).isEqualTo(event.occurredAt());
            // Each header once: a consumer reading the first or the last value sees the same.
            assertThat(StreamSupport.stream(record.headers().spliterator(), false).map(Header::key)
                    .collect(Collectors.groupingBy(key -> key, Collectors.counting())).values()).containsOnly(1L);
            assertThat(EventCodec.fromRecord(record)).contains(event);
        }
        Map<String, String> tracedHeaders = headersOf(records.stream().filter(r -> r.key().equals("7001"))
                .findFirst().orElseThrow());
        // Same trace as the writer (a tracer, where present, makes the publication a child span of it).
        assertThat(tracedHeaders.get(EventHeaders.TRACE_PARENT)).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.backlog() == 0);
    }

    @Test
    void recordsWithAndWithoutTheHeadersAreEachAppliedOnceAndRedeliveriesChangeNothing() throws Exception {
        long reservation = 7101;
        // 1. a record of the new relay, with every header
        SeatReserved withHeaders = holds.hold(reservation, 1, false);
        await().atMost(Duration.ofSeconds(20)).until(() -> appliedSeqs(reservation).contains(1));
        ConsumerRecord<String, String> relayed = TopicReader.readUntil(bootstrap, Topics.RESERVATION_EVENTS,
                found -> found.stream().anyMatch(r -> r.key().equals("7101")), Duration.ofSeconds(20)).stream()
                .filter(r -> r.key().equals("7101")).findFirst().orElseThrow();
        assertThat(headersOf(relayed)).containsKey(EventHeaders.CE_ID);
        // 2. an old producer's record: no headers at all, identity only in the value
        SeatReserved withoutHeaders = SeatReserved.of(clock, reservation, 7, 1, 1, 2, 2, 50_000, clock.instant());
        // 3. one event first sent by an old producer, then again by an upgraded one (with headers): one event
        SeatReserved acrossTheUpgrade = SeatReserved.of(clock, reservation, 7, 1, 1, 3, 3, 50_000, clock.instant());
        // 4. ce_id is the identity: a second record with the same ce_id is the same event, whatever its value says
        String cloudEventId = UUID.randomUUID().toString();
        SeatReserved first = SeatReserved.of(clock, reservation, 7, 1, 1, 4, 4, 50_000, clock.instant());
        SeatReserved sameCloudEvent = SeatReserved.of(clock, reservation, 7, 1, 1, 5, 5, 50_000, clock.instant());
        SeatReserved last = SeatReserved.of(clock, reservation, 7, 1, 1, 6, 6, 50_000, clock.instant());

        for (int redelivery = 0; redelivery < 2; redelivery++) {
            send(relayed.value(), relayed.headers());
            send(EventCodec.toJson(withoutHeaders), new RecordHeaders());
        }
        send(EventCodec.toJson(acrossTheUpgrade), new RecordHeaders());
        send(EventCodec.toJson(acrossTheUpgrade), cloudEventHeaders(acrossTheUpgrade.eventId().toString()));
        send(EventCodec.toJson(first), cloudEventHeaders(cloudEventId));
        send(EventCodec.toJson(sameCloudEvent), cloudEventHeaders(cloudEventId));
        send(EventCodec.toJson(first), cloudEventHeaders(cloudEventId));
        // Same partition, so once the last one is applied every record before it has been consumed.
        send(EventCodec.toJson(last), cloudEventHeaders(last.eventId().toString()));
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedSeqs(reservation).contains(6));

        assertThat(appliedSeqs(reservation)).containsExactly(1, 2, 3, 4, 6);
        assertThat(jdbc.queryForList("SELECT event_id FROM applied_event WHERE reservation_id = ? ORDER BY seq",
                String.class, reservation)).containsExactly(withHeaders.eventId().toString(),
                withoutHeaders.eventId().toString(), acrossTheUpgrade.eventId().toString(), cloudEventId,
                last.eventId().toString());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM processed_event WHERE consumer = ? AND event_id = ?",
                Long.class, AppliedEventsListener.CONSUMER, cloudEventId)).isEqualTo(1);
    }

    private void send(String value, Iterable<Header> headers) throws Exception {
        RecordHeaders copy = new RecordHeaders();
        headers.forEach(h -> copy.add(new RecordHeader(h.key(), h.value())));
        kafka.send(new ProducerRecord<>(Topics.RESERVATION_EVENTS, null, "7101", value, copy)).get();
    }

    private static RecordHeaders cloudEventHeaders(String id) {
        RecordHeaders headers = new RecordHeaders();
        Map.of(EventHeaders.CE_ID, id, EventHeaders.CE_SOURCE, "/ticketing/events-test",
                        EventHeaders.CE_TYPE, "dev.ticketing.SeatReserved.v1", EventHeaders.CE_SPECVERSION, "1.0",
                        EventHeaders.CE_TIME, Instant.now().toString())
                .forEach((name, value) -> headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        return headers;
    }

    private List<Integer> appliedSeqs(long reservationId) {
        return jdbc.queryForList("SELECT seq FROM applied_event WHERE reservation_id = ? ORDER BY seq", Integer.class,
                reservationId);
    }

    private static Map<String, String> headersOf(ConsumerRecord<String, String> record) {
        return StreamSupport.stream(record.headers().spliterator(), false)
                .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8),
                        (a, b) -> b));
    }
}

package dev.ticketing.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EventCodecTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-11-25T10:00:00Z"), ZoneOffset.UTC);

    @Test
    void wireFormatIsFlatJsonReadableWithoutOurClasses() {
        SeatReserved event = SeatReserved.of(clock, 42, 7, 1, 3, 99, 12, 120_000,
                Instant.parse("2026-11-25T10:05:00Z"));

        JsonNode json = JsonMapper.builder().build().readTree(EventCodec.toJson(event));

        assertThat(json.get("eventType").asString()).isEqualTo("SeatReserved");
        assertThat(json.get("schemaVersion").asString()).isEqualTo("1.0");
        assertThat(json.get("eventId").asString()).isEqualTo(event.eventId().toString());
        assertThat(json.get("occurredAt").asString()).isEqualTo("2026-11-25T10:00:00Z");
        assertThat(json.get("holdExpiresAt").asString()).isEqualTo("2026-11-25T10:05:00Z");
        assertThat(json.get("reservationId").asLong()).isEqualTo(42);
        assertThat(json.get("price").asLong()).isEqualTo(120_000);
    }

    @Test
    void everyEventSurvivesTheRoundTrip() {
        Instant at = clock.instant();
        for (DomainEvent event : new DomainEvent[] {
                SeatReserved.of(clock, 1, 2, 3, 4, 5, 6, 7, at),
                SeatReleased.of(clock, 1, 2, 3, 4, SeatReleased.Reason.EXPIRED),
                PaymentCompleted.of(clock, 9, 1, 2, 5, 7, 4L),
                ReservationConfirmed.of(clock, 1, 9, 2, 3, 5),
                ReservationConfirmationFailed.of(clock, 1, 9, 2, "released"),
                PaymentRefunded.of(clock, 9, 1, 2, 7)}) {
            assertThat(EventCodec.fromJson(EventCodec.toJson(event))).contains(event);
        }
    }

    @Test
    void newerMinorVersionWithUnknownFieldsIsReadByAnOlderConsumer() {
        String fromNewerProducer = """
                {"eventId":"0b7e8a8e-5c0f-4f57-9d55-3d1d1f3e2a10","eventType":"PaymentCompleted",
                 "schemaVersion":"1.3","occurredAt":"2026-11-25T10:00:00Z","paymentId":9,"reservationId":1,
                 "userId":2,"seatId":5,"amount":7,"currency":"POINT","campaign":{"id":"opening-day"}}""";

        DomainEvent event = EventCodec.fromJson(fromNewerProducer).orElseThrow();

        assertThat(event).isInstanceOf(PaymentCompleted.class);
        assertThat(((PaymentCompleted) event).amount()).isEqualTo(7);
        assertThat(event.schemaVersion()).isEqualTo("1.3");
    }

    @Test
    void unknownEventTypeIsIgnoredNotAnError() {
        assertThat(EventCodec.fromJson("""
                {"eventId":"0b7e8a8e-5c0f-4f57-9d55-3d1d1f3e2a10","eventType":"SeatUpgraded","reservationId":1}"""))
                .isEmpty();
    }

    @Test
    void payloadThatIsNotAnEventIsAParseError() {
        assertThatThrownBy(() -> EventCodec.fromJson("{not json")).isInstanceOf(EventParseException.class);
        assertThatThrownBy(() -> EventCodec.fromJson("[1,2]")).isInstanceOf(EventParseException.class);
        assertThatThrownBy(() -> EventCodec.fromJson("{\"eventType\":\"PaymentCompleted\",\"amount\":\"lots\"}"))
                .isInstanceOf(EventParseException.class);
    }

    @Test
    void aRecordsCloudEventIdIsTheEventsIdentityAndARecordWithoutItKeepsTheValuesOne() {
        PaymentCompleted paid = PaymentCompleted.of(clock, 9, 1, 2, 5, 7, 4L);
        String json = EventCodec.toJson(paid);
        UUID cloudEventId = UUID.randomUUID();

        assertThat(EventCodec.fromRecord(record(json, null))).contains(paid);
        assertThat(EventCodec.fromRecord(record(json, paid.eventId().toString()))).contains(paid);
        assertThat(EventCodec.fromRecord(record(json, cloudEventId.toString())).orElseThrow().eventId())
                .isEqualTo(cloudEventId);
        assertThatThrownBy(() -> EventCodec.fromRecord(record(json, "not-a-uuid")))
                .isInstanceOf(EventParseException.class);
    }

    @Test
    void cloudEventsTypeSourceAndTimeAreDerivedFromTheEvent() {
        assertThat(EventHeaders.typeOf("SeatReserved", "1.0")).isEqualTo("dev.ticketing.SeatReserved.v1");
        assertThat(EventHeaders.typeOf("SeatReserved", "2.3")).isEqualTo("dev.ticketing.SeatReserved.v2");
        assertThat(EventHeaders.sourceOf("concert-service")).isEqualTo("/ticketing/concert-service");
        assertThat(EventCodec.occurredAt(EventCodec.toJson(PaymentCompleted.of(clock, 9, 1, 2, 5, 7, 4L))))
                .contains(clock.instant());
        assertThat(EventCodec.occurredAt("{\"eventType\":\"SeatReserved\"}")).isEmpty();
    }

    private static ConsumerRecord<String, String> record(String value, String cloudEventId) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>(Topics.PAYMENT_EVENTS, 0, 0, "9", value);
        if (cloudEventId != null) {
            record.headers().add(EventHeaders.CE_ID, cloudEventId.getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}

package dev.ticketing.events;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The wire format of events, defined once: flat JSON, ISO-8601 instants, unknown fields ignored. It is deliberately
 * independent of each service's web JSON settings, so a change there never changes what other teams consume.
 */
public final class EventCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    public static String toJson(DomainEvent event) {
        return MAPPER.writeValueAsString(event);
    }

    /**
     * Reads any known event. An event type this code does not know yet is {@link Optional#empty()} (a newer producer
     * is not an error); a payload that is not an event at all is an {@link EventParseException}.
     */
    public static Optional<DomainEvent> fromJson(String json) {
        return fromJson(json, null);
    }

    /**
     * Reads the event of a Kafka record, as {@link #fromJson(String)} does, with the identity CloudEvents gives it:
     * when the record carries {@code ce_id}, that is the event's {@code eventId} (which consumers' inboxes dedupe
     * on); a record of an older producer without the header keeps the {@code eventId} of its value. Our producers
     * write the same UUID in both, so a record is recognised as the same event with or without the headers. A
     * {@code ce_id} that is not a UUID makes the record unreadable ({@link EventParseException}).
     */
    public static Optional<DomainEvent> fromRecord(ConsumerRecord<?, String> record) {
        return fromJson(record.value(), EventHeaders.stringValue(record.headers(), EventHeaders.CE_ID));
    }

    /** The {@code occurredAt} of an event's JSON, or empty when it has none (used for {@code ce_time}). */
    public static Optional<Instant> occurredAt(String json) {
        try {
            JsonNode occurredAt = MAPPER.readTree(json).get("occurredAt");
            return occurredAt == null || !occurredAt.isString()
                    ? Optional.empty()
                    : Optional.of(Instant.parse(occurredAt.asString()));
        } catch (JacksonException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<DomainEvent> fromJson(String json, String cloudEventId) {
        try {
            JsonNode tree = MAPPER.readTree(json);
            JsonNode type = tree == null ? null : tree.get("eventType");
            if (type == null || !type.isString()) {
                throw new EventParseException("Not an event: no eventType field");
            }
            Class<? extends DomainEvent> eventClass = switch (type.asString()) {
                case SeatReserved.TYPE -> SeatReserved.class;
                case SeatReleased.TYPE -> SeatReleased.class;
                case PaymentCompleted.TYPE -> PaymentCompleted.class;
                case ReservationConfirmed.TYPE -> ReservationConfirmed.class;
                case ReservationConfirmationFailed.TYPE -> ReservationConfirmationFailed.class;
                case PaymentRefunded.TYPE -> PaymentRefunded.class;
                default -> null;
            };
            if (eventClass == null) {
                return Optional.empty();
            }
            if (cloudEventId != null && tree instanceof ObjectNode fields) {
                fields.put("eventId", cloudEventId);
            }
            return Optional.of(MAPPER.treeToValue(tree, eventClass));
        } catch (JacksonException e) {
            throw new EventParseException("Unreadable event payload: " + e.getOriginalMessage(), e);
        }
    }
}

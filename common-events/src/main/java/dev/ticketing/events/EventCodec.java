package dev.ticketing.events;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
            return Optional.of(MAPPER.treeToValue(tree, eventClass));
        } catch (JacksonException e) {
            throw new EventParseException("Unreadable event payload: " + e.getOriginalMessage(), e);
        }
    }
}

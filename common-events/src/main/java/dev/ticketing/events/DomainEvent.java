package dev.ticketing.events;

import java.time.Instant;
import java.util.UUID;

/**
 * Every event that crosses a service boundary. The JSON of an event is flat: these envelope fields sit beside the
 * payload fields, so a consumer in any language reads it without our classes.
 *
 * <p>{@code schemaVersion} is {@code MAJOR.MINOR}: a minor bump only adds optional fields, which older consumers
 * ignore; a major bump is a new event type on the same topic.
 */
public sealed interface DomainEvent
        permits SeatReserved, SeatReleased, PaymentCompleted, ReservationConfirmed, ReservationConfirmationFailed,
        PaymentRefunded {

    UUID eventId();

    String eventType();

    String schemaVersion();

    Instant occurredAt();

    /** The reservation this event is about: the Kafka key, so its events stay in order on one partition. */
    long reservationId();

    default String key() {
        return Long.toString(reservationId());
    }
}

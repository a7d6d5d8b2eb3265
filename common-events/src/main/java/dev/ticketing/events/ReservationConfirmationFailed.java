package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** A payment arrived for a hold that was already released: the payment must be refunded (saga compensation). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReservationConfirmationFailed(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long reservationId,
        long paymentId,
        long userId,
        String reason) implements DomainEvent {

    public static final String TYPE = "ReservationConfirmationFailed";
    public static final String VERSION = "1.0";

    public static ReservationConfirmationFailed of(Clock clock, long reservationId, long paymentId, long userId,
            String reason) {
        return new ReservationConfirmationFailed(UUID.randomUUID(), TYPE, VERSION, clock.instant(), reservationId,
                paymentId, userId, reason);
    }
}

package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The points of a payment whose seat could not be confirmed were given back. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentRefunded(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long paymentId,
        long reservationId,
        long userId,
        long amount) implements DomainEvent {

    public static final String TYPE = "PaymentRefunded";
    public static final String VERSION = "1.0";

    public static PaymentRefunded of(Clock clock, long paymentId, long reservationId, long userId, long amount) {
        return new PaymentRefunded(UUID.randomUUID(), TYPE, VERSION, clock.instant(), paymentId, reservationId, userId,
                amount);
    }
}

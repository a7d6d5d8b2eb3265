package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Points were debited for a held seat: the seat is to be sold and the user's queue token expired. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentCompleted(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long paymentId,
        long reservationId,
        long userId,
        long seatId,
        long amount) implements DomainEvent {

    public static final String TYPE = "PaymentCompleted";
    public static final String VERSION = "1.0";

    public static PaymentCompleted of(Clock clock, long paymentId, long reservationId, long userId, long seatId,
            long amount) {
        return new PaymentCompleted(UUID.randomUUID(), TYPE, VERSION, clock.instant(), paymentId, reservationId,
                userId, seatId, amount);
    }
}

package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Points were debited for a held seat: the seat is to be sold and the user's queue token in that concert's room expired. */
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
        long amount,
        Long concertId) implements DomainEvent {

    public static final String TYPE = "PaymentCompleted";
    /** {@code concertId} was added as an optional field: absent in events of producers before issue 16. */
    public static final String VERSION = "1.0";

    /**
     * @param concertId the reservation's concert, whose waiting room the payer leaves; null when the producer does not
     *                  know it (consumers must handle its absence)
     */
    public static PaymentCompleted of(Clock clock, long paymentId, long reservationId, long userId, long seatId,
            long amount, Long concertId) {
        return new PaymentCompleted(UUID.randomUUID(), TYPE, VERSION, clock.instant(), paymentId, reservationId,
                userId, seatId, amount, concertId);
    }
}

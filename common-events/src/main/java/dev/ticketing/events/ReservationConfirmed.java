package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The paid hold became a sale: the seat is sold to the user. The saga's happy ending. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReservationConfirmed(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long reservationId,
        long paymentId,
        long userId,
        long concertDateId,
        long seatId) implements DomainEvent {

    public static final String TYPE = "ReservationConfirmed";
    public static final String VERSION = "1.0";

    public static ReservationConfirmed of(Clock clock, long reservationId, long paymentId, long userId,
            long concertDateId, long seatId) {
        return new ReservationConfirmed(UUID.randomUUID(), TYPE, VERSION, clock.instant(), reservationId, paymentId,
                userId, concertDateId, seatId);
    }
}

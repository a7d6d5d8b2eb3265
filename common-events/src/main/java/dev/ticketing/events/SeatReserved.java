package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** A seat is held for one user until {@code holdExpiresAt}; payment may now take it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeatReserved(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long reservationId,
        long userId,
        long concertId,
        long concertDateId,
        long seatId,
        int seatNumber,
        long price,
        Instant holdExpiresAt) implements DomainEvent {

    public static final String TYPE = "SeatReserved";
    public static final String VERSION = "1.0";

    public static SeatReserved of(Clock clock, long reservationId, long userId, long concertId, long concertDateId,
            long seatId, int seatNumber, long price, Instant holdExpiresAt) {
        return new SeatReserved(UUID.randomUUID(), TYPE, VERSION, clock.instant(), reservationId, userId, concertId,
                concertDateId, seatId, seatNumber, price, holdExpiresAt);
    }
}

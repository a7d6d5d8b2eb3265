package dev.ticketing.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** A hold ended without a sale: the seat is available again and the reservation can no longer be paid. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SeatReleased(
        UUID eventId,
        String eventType,
        String schemaVersion,
        Instant occurredAt,
        long reservationId,
        long userId,
        long concertDateId,
        long seatId,
        Reason reason) implements DomainEvent {

    public static final String TYPE = "SeatReleased";
    public static final String VERSION = "1.0";

    public enum Reason { EXPIRED, CANCELLED }

    public static SeatReleased of(Clock clock, long reservationId, long userId, long concertDateId, long seatId,
            Reason reason) {
        return new SeatReleased(UUID.randomUUID(), TYPE, VERSION, clock.instant(), reservationId, userId,
                concertDateId, seatId, reason);
    }
}

package dev.ticketing.concert.domain;

/** A reservation starts HELD and ends CONFIRMED (paid, seat sold) or RELEASED (expired, seat available again). */
public enum ReservationStatus {
    HELD, CONFIRMED, RELEASED
}

package dev.ticketing.concert.domain;

/** One seat of a reservation, at the price it was held for. */
public record ReservedSeat(long seatId, int seatNumber, long price) {
}

package dev.ticketing.concert.domain;

import java.time.Instant;

/**
 * A seat as the hold use case needs it: where it belongs, what it costs, when its concert starts, and its status as
 * last committed (read without a lock: only the locked update decides who holds it).
 */
public record SeatToHold(long seatId, long dateId, long concertId, int seatNumber, long price, Instant startsAt,
        SeatStatus status) {

    public boolean belongsTo(long concertId, long dateId) {
        return this.concertId == concertId && this.dateId == dateId;
    }

    /** Held or sold when it was read: a hold of it would match nothing. */
    public boolean takenWhenRead() {
        return status != SeatStatus.AVAILABLE;
    }

    /** Holding a seat of a concert that has begun would sell a ticket nobody can use. */
    public boolean bookableAt(Instant now) {
        return now.isBefore(startsAt);
    }
}

package dev.ticketing.concert.domain;

import java.time.Instant;

/** A seat as the hold use case needs it: where it belongs, what it costs, and when its concert starts. */
public record SeatToHold(long seatId, long dateId, long concertId, int seatNumber, long price, Instant startsAt) {

    public boolean belongsTo(long concertId, long dateId) {
        return this.concertId == concertId && this.dateId == dateId;
    }

    /** Holding a seat of a concert that has begun would sell a ticket nobody can use. */
    public boolean bookableAt(Instant now) {
        return now.isBefore(startsAt);
    }
}

package dev.ticketing.concert.domain;

import java.time.Instant;

/** A date of a concert with how many of its seats can still be held. */
public record ConcertDateAvailability(long dateId, long concertId, Instant startsAt, int availableSeats) {
}

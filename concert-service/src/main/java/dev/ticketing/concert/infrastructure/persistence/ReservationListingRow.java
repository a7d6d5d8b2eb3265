package dev.ticketing.concert.infrastructure.persistence;

import java.time.Instant;

/** A row of "my reservations": the reservation (its seats come from a second query) and what the list shows of it. */
record ReservationListingRow(ReservationEntity reservation, String concertTitle, Instant startsAt) {
}

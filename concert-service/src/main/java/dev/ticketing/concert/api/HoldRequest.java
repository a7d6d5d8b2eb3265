package dev.ticketing.concert.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** Boxed so that a missing field is a 400 naming it, not a silent 0. */
record HoldRequest(@NotNull @Positive Long concertId, @NotNull @Positive Long dateId, @NotNull @Positive Long seatId) {
}

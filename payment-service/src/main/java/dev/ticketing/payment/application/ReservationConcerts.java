package dev.ticketing.payment.application;

import java.util.Optional;

/**
 * The concert of each reservation, as concert-service's {@code SeatReserved} told it: the waiting room a payment for
 * it belongs to. Unknown for a reservation whose {@code SeatReserved} has not arrived (or was written before issue 16).
 */
public interface ReservationConcerts {

    /** Records it once; a redelivery changes nothing (a reservation's concert never changes). */
    void record(long reservationId, long concertId);

    Optional<Long> concertOf(long reservationId);
}

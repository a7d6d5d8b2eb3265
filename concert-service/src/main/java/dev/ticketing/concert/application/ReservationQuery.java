package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

@Service
public class ReservationQuery {

    private final ReservationStore store;

    public ReservationQuery(ReservationStore store) {
        this.store = store;
    }

    /** Someone else's reservation is answered exactly like a missing one, so ids reveal nothing. */
    public Reservation ownReservation(long userId, long reservationId) {
        return store.find(reservationId)
                .filter(reservation -> reservation.ownedBy(userId))
                .orElseThrow(() -> new ConcertException.ReservationNotFound(reservationId));
    }

    /** Whoever holds it: for the internal route only, never for a user. */
    public Reservation anyReservation(long reservationId) {
        return store.find(reservationId).orElseThrow(() -> new ConcertException.ReservationNotFound(reservationId));
    }

    /** One page of the user's own reservations, newest first; {@code status} empty: every status. */
    public Page reservationsOf(long userId, Optional<ReservationStatus> status, int page, int size) {
        return new Page(store.reservationsOf(userId, status, page, size), page, size,
                store.countReservationsOf(userId, status));
    }

    public record Page(List<ReservationStore.ReservationListing> items, int page, int size, long total) {
    }
}

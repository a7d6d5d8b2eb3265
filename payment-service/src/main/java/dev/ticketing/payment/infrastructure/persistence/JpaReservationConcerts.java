package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.ReservationConcerts;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
class JpaReservationConcerts implements ReservationConcerts {

    private final ReservationConcertEntityRepository concerts;

    JpaReservationConcerts(ReservationConcertEntityRepository concerts) {
        this.concerts = concerts;
    }

    @Override
    public void record(long reservationId, long concertId) {
        concerts.record(reservationId, concertId);
    }

    @Override
    public Optional<Long> concertOf(long reservationId) {
        return concerts.concertOf(reservationId);
    }
}

package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.ReservationConcerts;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReservationConcerts implements ReservationConcerts {

    private final JdbcClient jdbc;

    JdbcReservationConcerts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(long reservationId, long concertId) {
        jdbc.sql("INSERT IGNORE INTO reservation_concert (reservation_id, concert_id) VALUES (?, ?)")
                .params(reservationId, concertId).update();
    }

    @Override
    public Optional<Long> concertOf(long reservationId) {
        return jdbc.sql("SELECT concert_id FROM reservation_concert WHERE reservation_id = ?")
                .param(reservationId).query(Long.class).optional();
    }
}

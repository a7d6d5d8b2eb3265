package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.domain.ReservationStatus;
import dev.ticketing.payment.domain.ReservationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcReservationViewRepository implements ReservationViewRepository {

    private final JdbcClient jdbc;

    JdbcReservationViewRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ReservationView> find(long reservationId) {
        return jdbc.sql("""
                SELECT reservation_id, user_id, seat_id, price, hold_expires_at, status
                FROM reservation_view WHERE reservation_id = ?""")
                .param(reservationId).query(JdbcReservationViewRepository::map).optional();
    }

    @Override
    public void save(ReservationView view, Instant now) {
        Timestamp expiry = view.holdExpiresAt() == null ? null : Timestamp.from(view.holdExpiresAt());
        jdbc.sql("""
                INSERT INTO reservation_view (reservation_id, user_id, seat_id, price, hold_expires_at, status,
                                              updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON DUPLICATE KEY UPDATE price = VALUES(price), hold_expires_at = VALUES(hold_expires_at),
                                        status = VALUES(status), updated_at = VALUES(updated_at)""")
                .params(view.reservationId(), view.userId(), view.seatId(), view.price(), expiry,
                        view.status().name(), Timestamp.from(now))
                .update();
    }

    @Override
    public void saveIfAbsent(ReservationView view, Instant now) {
        // INSERT IGNORE on the primary key: a row an event wrote first (before or after this read) is never replaced
        jdbc.sql("""
                INSERT IGNORE INTO reservation_view (reservation_id, user_id, seat_id, price, hold_expires_at, status,
                                                     updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)""")
                .params(view.reservationId(), view.userId(), view.seatId(), view.price(),
                        view.holdExpiresAt() == null ? null : Timestamp.from(view.holdExpiresAt()),
                        view.status().name(), Timestamp.from(now))
                .update();
    }

    private static ReservationView map(ResultSet rs, int row) throws SQLException {
        Long price = rs.getObject("price", Long.class);
        return new ReservationView(rs.getLong("reservation_id"), rs.getLong("user_id"), rs.getLong("seat_id"),
                price, JdbcPaymentRepository.instant(rs, "hold_expires_at"),
                ReservationStatus.valueOf(rs.getString("status")));
    }
}

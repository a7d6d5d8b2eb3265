package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.PaymentRepository;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentStatus;
import dev.ticketing.payment.domain.ReservationView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Plain SQL: every transition is one conditional UPDATE whose WHERE clause is the concurrency rule. */
@Repository
class JdbcPaymentRepository implements PaymentRepository {

    private static final String COLUMNS = """
            id, reservation_id, user_id, seat_id, amount, status, attempt, created_at, attempted_at, completed_at,
            refunded_at""";

    private final JdbcClient jdbc;

    JdbcPaymentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Payment> findById(long paymentId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE id = ?").param(paymentId)
                .query(JdbcPaymentRepository::map).optional();
    }

    @Override
    public Optional<Payment> findByReservationId(long reservationId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM payment WHERE reservation_id = ?").param(reservationId)
                .query(JdbcPaymentRepository::map).optional();
    }

    @Override
    public Optional<Payment> insertPending(ReservationView reservation, Instant now) {
        KeyHolder key = new GeneratedKeyHolder();
        try {
            // The unique key on reservation_id is what makes concurrent first requests create one payment.
            jdbc.sql("""
                    INSERT INTO payment (reservation_id, user_id, seat_id, amount, status, attempt, created_at,
                                         attempted_at)
                    VALUES (?, ?, ?, ?, 'PENDING', 1, ?, ?)""")
                    .params(reservation.reservationId(), reservation.userId(), reservation.seatId(),
                            reservation.price(), Timestamp.from(now), Timestamp.from(now))
                    .update(key, "id");
        } catch (DuplicateKeyException alreadyExists) {
            return Optional.empty();
        }
        return findById(key.getKeyAs(Number.class).longValue());
    }

    @Override
    public boolean startNextAttempt(long paymentId, int attempt, Instant now) {
        return jdbc.sql("""
                UPDATE payment SET status = 'PENDING', attempt = attempt + 1, attempted_at = ?
                WHERE id = ? AND status = 'FAILED' AND attempt = ?""")
                .params(Timestamp.from(now), paymentId, attempt).update() == 1;
    }

    @Override
    public boolean complete(long paymentId, int attempt, Instant now) {
        return jdbc.sql("""
                UPDATE payment SET status = 'COMPLETED', completed_at = ?
                WHERE id = ? AND status IN ('PENDING', 'FAILED') AND attempt = ?""")
                .params(Timestamp.from(now), paymentId, attempt).update() == 1;
    }

    @Override
    public boolean fail(long paymentId, int attempt) {
        return jdbc.sql("UPDATE payment SET status = 'FAILED' WHERE id = ? AND status = 'PENDING' AND attempt = ?")
                .params(paymentId, attempt).update() == 1;
    }

    @Override
    public boolean startRefund(long paymentId) {
        return jdbc.sql("UPDATE payment SET status = 'REFUND_PENDING' WHERE id = ? AND status = 'COMPLETED'")
                .param(paymentId).update() == 1;
    }

    @Override
    public boolean markRefunded(long paymentId, Instant now) {
        return jdbc.sql("""
                UPDATE payment SET status = 'REFUNDED', refunded_at = ? WHERE id = ? AND status = 'REFUND_PENDING'""")
                .params(Timestamp.from(now), paymentId).update() == 1;
    }

    @Override
    public List<Payment> findPendingAttemptedBefore(Instant startedBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM payment WHERE status = 'PENDING' AND attempted_at < ? ORDER BY attempted_at LIMIT ?")
                .params(Timestamp.from(startedBefore), limit)
                .query(JdbcPaymentRepository::map).list();
    }

    private static Payment map(ResultSet rs, int row) throws SQLException {
        return new Payment(rs.getLong("id"), rs.getLong("reservation_id"), rs.getLong("user_id"),
                rs.getLong("seat_id"), rs.getLong("amount"), PaymentStatus.valueOf(rs.getString("status")),
                rs.getInt("attempt"), instant(rs, "created_at"), instant(rs, "attempted_at"),
                instant(rs, "completed_at"), instant(rs, "refunded_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}

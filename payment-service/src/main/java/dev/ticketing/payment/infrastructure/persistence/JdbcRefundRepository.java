package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.RefundRepository;
import dev.ticketing.payment.domain.Refund;
import dev.ticketing.payment.domain.RefundReason;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class JdbcRefundRepository implements RefundRepository {

    private static final String COLUMNS =
            "id, payment_id, user_id, amount, reason, idempotency_key, status, tries, next_try_at";

    private final JdbcClient jdbc;

    JdbcRefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public long add(long paymentId, long userId, long amount, RefundReason reason, String idempotencyKey,
            Instant now) {
        // The unique idempotency key makes recording the same refund twice a no-op.
        jdbc.sql("""
                INSERT INTO refund (payment_id, user_id, amount, reason, idempotency_key, status, tries, next_try_at,
                                    created_at)
                VALUES (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?)
                ON DUPLICATE KEY UPDATE id = id""")
                .params(paymentId, userId, amount, reason.name(), idempotencyKey, Timestamp.from(now),
                        Timestamp.from(now))
                .update();
        return jdbc.sql("SELECT id FROM refund WHERE idempotency_key = ?").param(idempotencyKey)
                .query(Long.class).single();
    }

    @Override
    public Optional<Refund> find(long refundId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM refund WHERE id = ?").param(refundId)
                .query(JdbcRefundRepository::map).optional();
    }

    @Override
    public List<Refund> findDue(Instant now, int limit) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM refund WHERE status = 'PENDING' AND next_try_at <= ? ORDER BY next_try_at LIMIT ?")
                .params(Timestamp.from(now), limit).query(JdbcRefundRepository::map).list();
    }

    @Override
    public boolean markDone(long refundId, Instant now) {
        return jdbc.sql("UPDATE refund SET status = 'DONE', completed_at = ? WHERE id = ? AND status = 'PENDING'")
                .params(Timestamp.from(now), refundId).update() == 1;
    }

    @Override
    public void recordFailedTry(long refundId, String error, Instant nextTryAt) {
        jdbc.sql("""
                UPDATE refund SET tries = tries + 1, last_error = ?, next_try_at = ?
                WHERE id = ? AND status = 'PENDING'""")
                .params(error, Timestamp.from(nextTryAt), refundId).update();
    }

    @Override
    public long countPending() {
        return jdbc.sql("SELECT COUNT(*) FROM refund WHERE status = 'PENDING'").query(Long.class).single();
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        return new Refund(rs.getLong("id"), rs.getLong("payment_id"), rs.getLong("user_id"), rs.getLong("amount"),
                RefundReason.valueOf(rs.getString("reason")), rs.getString("idempotency_key"),
                "DONE".equals(rs.getString("status")), rs.getInt("tries"),
                JdbcPaymentRepository.instant(rs, "next_try_at"));
    }
}

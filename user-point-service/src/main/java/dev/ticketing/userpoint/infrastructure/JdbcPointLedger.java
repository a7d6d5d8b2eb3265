package dev.ticketing.userpoint.infrastructure;

import dev.ticketing.userpoint.application.PointLedger;
import dev.ticketing.userpoint.domain.OperationKey;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.PointTransaction;
import dev.ticketing.userpoint.domain.TransactionType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** The ledger in MySQL/MariaDB. The WHERE clauses of the UPDATEs are the concurrency rules of the service. */
@Repository
class JdbcPointLedger implements PointLedger {

    private static final String APPLIED = "APPLIED";
    private static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    private static final String BALANCE_LIMIT_EXCEEDED = "BALANCE_LIMIT_EXCEEDED";

    private final JdbcClient jdbc;

    JdbcPointLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public OptionalLong balanceOf(long userId) {
        return jdbc.sql("SELECT balance FROM point_balance WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .optional()
                .map(OptionalLong::of)
                .orElse(OptionalLong.empty());
    }

    @Override
    public boolean credit(long userId, long amount, long ceiling, Instant at) {
        // Safe under concurrency: the condition is evaluated on the locked row, and written as ceiling - amount so
        // that it cannot overflow.
        return jdbc.sql("""
                        UPDATE point_balance SET balance = balance + ?, updated_at = ?
                        WHERE user_id = ? AND balance <= ? - ?""")
                .params(amount, Timestamp.from(at), userId, ceiling, amount)
                .update() == 1;
    }

    @Override
    public boolean debit(long userId, long amount, Instant at) {
        // Safe under concurrency: the condition is evaluated on the locked row, so two debits can never both see
        // the same old balance.
        return jdbc.sql("""
                        UPDATE point_balance SET balance = balance - ?, updated_at = ?
                        WHERE user_id = ? AND balance >= ?""")
                .params(amount, Timestamp.from(at), userId, amount)
                .update() == 1;
    }

    @Override
    public PointTransaction append(long userId, TransactionType type, long amount, long balanceAfter, Instant at) {
        KeyHolder id = new GeneratedKeyHolder();
        jdbc.sql("""
                        INSERT INTO point_transaction (user_id, type, amount, balance_after, created_at)
                        VALUES (?, ?, ?, ?, ?)""")
                .params(userId, type.name(), amount, balanceAfter, Timestamp.from(at))
                .update(id, "id");
        return new PointTransaction(id.getKeyAs(Number.class).longValue(), userId, type, amount, balanceAfter, at);
    }

    @Override
    public void recordOutcome(OperationKey key, PointOutcome outcome, Instant at) {
        Long transactionId = null;
        Long balanceSeen = null;
        String kind = switch (outcome) {
            case PointOutcome.Applied applied -> {
                transactionId = applied.transaction().id();
                yield APPLIED;
            }
            case PointOutcome.InsufficientBalance refused -> {
                balanceSeen = refused.balance();
                yield INSUFFICIENT_BALANCE;
            }
            case PointOutcome.BalanceLimitExceeded refused -> {
                balanceSeen = refused.balance();
                yield BALANCE_LIMIT_EXCEEDED;
            }
        };
        jdbc.sql("""
                        INSERT INTO point_operation
                            (user_id, type, idempotency_key, outcome, amount, transaction_id, balance_seen, created_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(key.userId(), key.type().name(), key.key(), kind, outcome.amount(), transactionId,
                        balanceSeen, Timestamp.from(at))
                .update();
    }

    @Override
    public Optional<PointOutcome> outcomeOf(OperationKey key) {
        return jdbc.sql("""
                        SELECT o.outcome, o.amount, o.balance_seen, o.created_at,
                               t.id, t.type, t.amount AS t_amount, t.balance_after, t.created_at AS t_created_at
                        FROM point_operation o LEFT JOIN point_transaction t ON t.id = o.transaction_id
                        WHERE o.user_id = ? AND o.type = ? AND o.idempotency_key = ?""")
                .params(key.userId(), key.type().name(), key.key())
                .query((rs, row) -> outcome(key, rs))
                .optional();
    }

    private static PointOutcome outcome(OperationKey key, ResultSet rs) throws SQLException {
        return switch (rs.getString("outcome")) {
            case APPLIED -> new PointOutcome.Applied(new PointTransaction(rs.getLong("id"), key.userId(),
                    TransactionType.valueOf(rs.getString("type")), rs.getLong("t_amount"),
                    rs.getLong("balance_after"), rs.getTimestamp("t_created_at").toInstant()));
            case INSUFFICIENT_BALANCE -> new PointOutcome.InsufficientBalance(key.userId(), rs.getLong("amount"),
                    rs.getLong("balance_seen"));
            case BALANCE_LIMIT_EXCEEDED -> new PointOutcome.BalanceLimitExceeded(key.userId(), rs.getLong("amount"),
                    rs.getLong("balance_seen"));
            default -> throw new IllegalStateException("Unknown stored outcome " + rs.getString("outcome"));
        };
    }

    @Override
    public List<PointTransaction> history(long userId, long offset, int limit) {
        // Per user, ids grow in the order changes were applied: each insert happens while the balance row is locked.
        return jdbc.sql("""
                        SELECT id, type, amount, balance_after, created_at FROM point_transaction
                        WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?""")
                .params(userId, limit, offset)
                .query((rs, row) -> new PointTransaction(rs.getLong("id"), userId,
                        TransactionType.valueOf(rs.getString("type")), rs.getLong("amount"),
                        rs.getLong("balance_after"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    @Override
    public long historySize(long userId) {
        return jdbc.sql("SELECT COUNT(*) FROM point_transaction WHERE user_id = ?")
                .param(userId)
                .query(Long.class)
                .single();
    }
}

package dev.ticketing.userpoint;

import dev.ticketing.userpoint.domain.TransactionType;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Users for tests, created the way the schema expects (user, balance row, and a ledger row for any starting balance),
 * and reads of what the database holds, independent of the code under test.
 */
public final class TestUsers {

    public record LedgerRow(long id, TransactionType type, long amount, long balanceAfter) {
    }

    private static final AtomicLong NEXT_ID = new AtomicLong(10_000);

    private final JdbcClient jdbc;

    public TestUsers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(long startingBalance) {
        long id = NEXT_ID.incrementAndGet();
        LocalDateTime now = LocalDateTime.ofInstant(Instant.now(), ZoneOffset.UTC);
        jdbc.sql("INSERT INTO users (id, name, created_at) VALUES (?, ?, ?)").params(id, "test-" + id, now).update();
        jdbc.sql("INSERT INTO point_balance (user_id, balance, updated_at) VALUES (?, ?, ?)")
                .params(id, startingBalance, now).update();
        if (startingBalance > 0) {
            jdbc.sql("""
                            INSERT INTO point_transaction (user_id, type, amount, balance_after, created_at)
                            VALUES (?, 'CHARGE', ?, ?, ?)""")
                    .params(id, startingBalance, startingBalance, now).update();
        }
        return id;
    }

    /** An id no user has. */
    public long unknown() {
        return NEXT_ID.incrementAndGet() + 1_000_000_000L;
    }

    public long balance(long userId) {
        return jdbc.sql("SELECT balance FROM point_balance WHERE user_id = ?").param(userId).query(Long.class)
                .single();
    }

    /** The user's ledger in the order it was written. */
    public List<LedgerRow> ledger(long userId) {
        return jdbc.sql("SELECT id, type, amount, balance_after FROM point_transaction WHERE user_id = ? ORDER BY id")
                .param(userId)
                .query((rs, row) -> new LedgerRow(rs.getLong("id"), TransactionType.valueOf(rs.getString("type")),
                        rs.getLong("amount"), rs.getLong("balance_after")))
                .list();
    }

    public long ledgerSum(long userId) {
        return ledger(userId).stream().mapToLong(row -> row.type().signed(row.amount())).sum();
    }
}

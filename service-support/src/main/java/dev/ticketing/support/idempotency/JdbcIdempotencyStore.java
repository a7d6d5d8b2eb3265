package dev.ticketing.support.idempotency;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link IdempotencyStore} on MySQL/MariaDB. The primary key (user, key) is what lets one request own a key; every
 * change of a row is conditional on the owner and state it expects, so two instances can never both believe they
 * own a key, and a purge can never delete a key that is live.
 */
public class JdbcIdempotencyStore implements IdempotencyStore {

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    public JdbcIdempotencyStore(JdbcClient jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions);
        // Committed at once and visible to every instance: that is what makes a concurrent request see "in flight".
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.ownTransaction.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    }

    @Override
    public boolean insert(long userId, String key, String fingerprint, String owner, Instant leaseUntil, Instant now,
            Instant expiresAt) {
        try {
            ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                            INSERT INTO idempotent_request
                                (user_id, idempotency_key, fingerprint, owner, lease_until, created_at, expires_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)""")
                    .params(userId, key, fingerprint, owner, utc(leaseUntil), utc(now), utc(expiresAt))
                    .update());
            return true;
        } catch (DuplicateKeyException taken) {
            return false;
        }
    }

    @Override
    public Optional<Entry> find(long userId, String key) {
        return ownTransaction.execute(status -> jdbc.sql("""
                        SELECT fingerprint, owner, lease_until, expires_at, result_type, result
                        FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?""")
                .params(userId, key)
                .query((rs, row) -> new Entry(userId, key, rs.getString("fingerprint"), rs.getString("owner"),
                        instant(rs.getObject("lease_until", LocalDateTime.class)),
                        instant(rs.getObject("expires_at", LocalDateTime.class)),
                        rs.getString("result_type"), rs.getString("result")))
                .optional());
    }

    @Override
    public boolean takeOver(long userId, String key, String previousOwner, String owner, Instant leaseUntil,
            Instant now) {
        // Waits for the row lock of a transaction completing this key right now, then matches nothing.
        return Boolean.TRUE.equals(ownTransaction.execute(status -> jdbc.sql("""
                        UPDATE idempotent_request SET owner = ?, lease_until = ?
                        WHERE user_id = ? AND idempotency_key = ? AND owner = ? AND result IS NULL
                          AND lease_until <= ?""")
                .params(owner, utc(leaseUntil), userId, key, previousOwner, utc(now))
                .update() == 1));
    }

    @Override
    public boolean complete(long userId, String key, String owner, String resultType, String result, Instant now) {
        // The row stays locked until the caller's transaction ends, so a takeover cannot slip in before its commit.
        return jdbc.sql("""
                        UPDATE idempotent_request SET result_type = ?, result = ?, completed_at = ?
                        WHERE user_id = ? AND idempotency_key = ? AND owner = ? AND result IS NULL""")
                .params(resultType, result, utc(now), userId, key, owner)
                .update() == 1;
    }

    @Override
    public boolean completeInOwnTransaction(long userId, String key, String owner, String resultType, String result,
            Instant now) {
        return Boolean.TRUE.equals(ownTransaction.execute(
                status -> complete(userId, key, owner, resultType, result, now)));
    }

    @Override
    public void release(long userId, String key, String owner) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        DELETE FROM idempotent_request
                        WHERE user_id = ? AND idempotency_key = ? AND owner = ? AND result IS NULL""")
                .params(userId, key, owner)
                .update());
    }

    @Override
    public void deleteIfExpired(long userId, String key, Instant now) {
        ownTransaction.executeWithoutResult(status -> jdbc.sql("""
                        DELETE FROM idempotent_request
                        WHERE user_id = ? AND idempotency_key = ? AND expires_at <= ?""")
                .params(userId, key, utc(now))
                .update());
    }

    @Override
    public int purgeExpired(Instant now, int limit) {
        // Safe on any number of instances at once: each purge claims expired rows no other purge holds (SKIP LOCKED)
        // and deletes only those. Two plain "DELETE ... ORDER BY expires_at LIMIT" at once deadlock (seen in
        // ChargeIdempotencyTest's two-instance purge).
        return ownTransaction.execute(status -> {
            List<Map<String, Object>> claimed = jdbc.sql("""
                            SELECT user_id, idempotency_key FROM idempotent_request
                            WHERE expires_at <= ? ORDER BY expires_at LIMIT ? FOR UPDATE SKIP LOCKED""")
                    .params(utc(now), limit)
                    .query().listOfRows();
            for (Map<String, Object> row : claimed) {
                jdbc.sql("DELETE FROM idempotent_request WHERE user_id = ? AND idempotency_key = ?")
                        .params(row.get("user_id"), row.get("idempotency_key"))
                        .update();
            }
            return claimed.size();
        });
    }

    /** The columns are DATETIME(6) holding UTC (docs/conventions.md, "Time columns"): bound without any zone. */
    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC);
    }
}

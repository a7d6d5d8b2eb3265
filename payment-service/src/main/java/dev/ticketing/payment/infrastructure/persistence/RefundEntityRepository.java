package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.Refund;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface RefundEntityRepository extends Repository<RefundEntity, Long> {

    String SELECT_REFUND = """
            select new dev.ticketing.payment.domain.Refund(r.id, r.paymentId, r.userId, r.amount, r.reason,
                r.idempotencyKey, case when r.status = 'DONE' then true else false end, r.tries, r.nextTryAt)
            from RefundEntity r""";

    // The unique idempotency key makes recording the same refund twice a no-op.
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO refund (payment_id, user_id, amount, reason, idempotency_key, status, tries, next_try_at,
                                created_at)
            VALUES (:paymentId, :userId, :amount, :reason, :idempotencyKey, 'PENDING', 0, :now, :now)
            ON DUPLICATE KEY UPDATE id = id""")
    void add(long paymentId, long userId, long amount, String reason, String idempotencyKey, Instant now);

    @Query("select r.id from RefundEntity r where r.idempotencyKey = :idempotencyKey")
    long idOf(String idempotencyKey);

    @Query(SELECT_REFUND + " where r.id = :id")
    Optional<Refund> findRefund(long id);

    @Query(SELECT_REFUND + " where r.status = 'PENDING' and r.nextTryAt <= :now order by r.nextTryAt limit :limit")
    List<Refund> findDue(Instant now, int limit);

    // Only the worker that moves it from PENDING completes it (and emits its event).
    @Modifying
    @Transactional
    @Query("""
            update RefundEntity r set r.status = 'DONE', r.completedAt = :now
            where r.id = :id and r.status = 'PENDING'""")
    int markDone(long id, Instant now);

    @Modifying
    @Transactional
    @Query("""
            update RefundEntity r set r.tries = r.tries + 1, r.lastError = :error, r.nextTryAt = :nextTryAt
            where r.id = :id and r.status = 'PENDING'""")
    void recordFailedTry(long id, String error, Instant nextTryAt);

    @Query("select count(r) from RefundEntity r where r.status = 'PENDING'")
    long countPending();
}

package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.Refund;
import dev.ticketing.payment.domain.RefundReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface RefundRepository {

    /** Records a refund to do (due now) and returns its id; the same key again returns the existing refund's id. */
    long add(long paymentId, long userId, long amount, RefundReason reason, String idempotencyKey, Instant now);

    Optional<Refund> find(long refundId);

    List<Refund> findDue(Instant now, int limit);

    /** Pending → done; false when another worker finished it first. */
    boolean markDone(long refundId, Instant now);

    void recordFailedTry(long refundId, String error, Instant nextTryAt);

    long countPending();
}

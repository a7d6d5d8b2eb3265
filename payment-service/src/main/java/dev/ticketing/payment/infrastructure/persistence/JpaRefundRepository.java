package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.RefundRepository;
import dev.ticketing.payment.domain.Refund;
import dev.ticketing.payment.domain.RefundReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Repository;

@Repository
class JpaRefundRepository implements RefundRepository {

    private final RefundEntityRepository refunds;

    JpaRefundRepository(RefundEntityRepository refunds) {
        this.refunds = refunds;
    }

    @Override
    public long add(long paymentId, long userId, long amount, RefundReason reason, String idempotencyKey,
            Instant now) {
        refunds.add(paymentId, userId, amount, reason.name(), idempotencyKey, now);
        return refunds.idOf(idempotencyKey);
    }

    @Override
    public Optional<Refund> find(long refundId) {
        return refunds.findRefund(refundId);
    }

    @Override
    public List<Refund> findDue(Instant now, int limit) {
        return refunds.findDue(now, limit);
    }

    @Override
    public boolean markDone(long refundId, Instant now) {
        return refunds.markDone(refundId, now) == 1;
    }

    @Override
    public void recordFailedTry(long refundId, String error, Instant nextTryAt) {
        refunds.recordFailedTry(refundId, error, nextTryAt);
    }

    @Override
    public long countPending() {
        return refunds.countPending();
    }
}

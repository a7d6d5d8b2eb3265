package dev.ticketing.payment.application;

import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.Refund;
import dev.ticketing.payment.domain.RefundReason;
import java.time.Clock;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives points back for recorded refunds until user-point-service confirms each one. A refund is tried once right
 * after it is recorded and then by {@link #refundDue()} with back-off, so neither an outage of user-point-service nor
 * a crash can lose it; its idempotency key makes the tries one refund.
 */
@Service
public class RefundPoints {

    private static final Logger log = LoggerFactory.getLogger(RefundPoints.class);
    private static final int BATCH = 50;

    private final RefundRepository refunds;
    private final PaymentRepository payments;
    private final PointsLedger ledger;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final Executor background;
    private final PaymentProperties properties;
    private final Clock clock;

    public RefundPoints(RefundRepository refunds, PaymentRepository payments, PointsLedger ledger, EventOutbox outbox,
            TransactionTemplate transaction, @Qualifier("applicationTaskExecutor") Executor background,
            PaymentProperties properties, Clock clock) {
        this.refunds = refunds;
        this.payments = payments;
        this.ledger = ledger;
        this.outbox = outbox;
        this.transaction = transaction;
        this.background = background;
        this.properties = properties;
        this.clock = clock;
    }

    /** A first try off the caller's thread (a Kafka listener or a user's request must not wait for it). */
    public void tryInBackground(long refundId) {
        background.execute(() -> {
            try {
                refunds.find(refundId).filter(refund -> !refund.done()).ifPresent(this::refund);
            } catch (RuntimeException e) {
                log.warn("First try of refund {} failed; the retry job will take it: {}", refundId, e.toString());
            }
        });
    }

    /** Tries every refund that is due; returns how many were completed. */
    public int refundDue() {
        int completed = 0;
        for (Refund refund : refunds.findDue(clock.instant(), BATCH)) {
            if (refund(refund)) {
                completed++;
            }
        }
        return completed;
    }

    private boolean refund(Refund refund) {
        PointsLedger.Outcome outcome;
        try {
            outcome = ledger.refund(refund.userId(), refund.amount(), refund.idempotencyKey());
        } catch (PaymentError.PointsUnavailable unavailable) {
            postpone(refund, "user-point-service unavailable");
            return false;
        }
        return switch (outcome) {
            case PointsLedger.Applied applied -> {
                complete(refund);
                yield true;
            }
            case PointsLedger.UnknownUser unknown -> {
                // Cannot happen for a user who paid; keep it visible (and retried slowly) rather than drop money.
                log.error("Refund {} of payment {}: user-point-service does not know user {}", refund.id(),
                        refund.paymentId(), refund.userId());
                postpone(refund, "user " + refund.userId() + " unknown to user-point-service");
                yield false;
            }
            case PointsLedger.InsufficientBalance impossible -> {
                log.error("Refund {}: user-point-service answered insufficient balance to a refund", refund.id());
                postpone(refund, "insufficient balance answered to a refund");
                yield false;
            }
        };
    }

    private void complete(Refund refund) {
        transaction.executeWithoutResult(status -> {
            if (!refunds.markDone(refund.id(), clock.instant())) {
                return; // another worker completed it (and emitted the event) first
            }
            if (refund.reason() == RefundReason.RESERVATION_NOT_CONFIRMED
                    && payments.markRefunded(refund.paymentId(), clock.instant())) {
                Payment payment = payments.findById(refund.paymentId()).orElseThrow();
                outbox.add(PaymentRefunded.of(clock, payment.id(), payment.reservationId(), payment.userId(),
                        refund.amount()));
            }
        });
        log.info("Refunded {} points to user {} for payment {} ({})", refund.amount(), refund.userId(),
                refund.paymentId(), refund.reason());
    }

    private void postpone(Refund refund, String error) {
        int failedTries = refund.tries() + 1;
        refunds.recordFailedTry(refund.id(), error, clock.instant().plus(Refund.backOffAfter(failedTries, properties.refundMaxBackOff())));
        log.warn("Refund {} of payment {} not done ({}), try {}; will retry", refund.id(), refund.paymentId(), error,
                failedTries);
    }
}

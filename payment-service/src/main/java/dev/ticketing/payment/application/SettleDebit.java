package dev.ticketing.payment.application;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.payment.application.PayForReservation.Result;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.RefundReason;
import dev.ticketing.support.idempotency.IdempotentRequests;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles one PENDING payment attempt: debits the points with the attempt's own key, then completes the payment
 * (with its PaymentCompleted event) or fails the attempt.
 *
 * <p>Why a debit never happens twice: user-point-service applies each debit key once, and a retry (a timeout, a
 * second request, the abandoned-payment job) debits with the same key. Why a completion never happens twice: {@code
 * complete} is a conditional update on the attempt, and only its winner writes the event.
 */
@Service
public class SettleDebit {

    private static final Logger log = LoggerFactory.getLogger(SettleDebit.class);

    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final RefundPoints refundPoints;
    private final PointsLedger ledger;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final ReservationConcerts concerts;
    private final Clock clock;
    private final IdempotentRequests idempotentRequests;

    public SettleDebit(PaymentRepository payments, RefundRepository refunds, RefundPoints refundPoints,
            PointsLedger ledger, EventOutbox outbox, TransactionTemplate transaction, ReservationConcerts concerts,
            Clock clock, IdempotentRequests idempotentRequests) {
        this.payments = payments;
        this.refunds = refunds;
        this.refundPoints = refundPoints;
        this.ledger = ledger;
        this.outbox = outbox;
        this.transaction = transaction;
        this.concerts = concerts;
        this.clock = clock;
        this.idempotentRequests = idempotentRequests;
    }

    /** No transaction is open here: the PENDING payment is committed, and no connection is held across the debit. */
    public Result settle(Payment payment) {
        PointsLedger.Outcome outcome = ledger.debit(payment.userId(), payment.amount(), payment.debitKey());
        return switch (outcome) {
            case PointsLedger.Applied applied -> completeAfterDebit(payment);
            case PointsLedger.InsufficientBalance refused -> failAttempt(payment,
                    new PaymentError.InsufficientBalance(payment.amount()));
            case PointsLedger.UnknownUser refused -> failAttempt(payment,
                    new PaymentError.UserNotFound(payment.userId()));
        };
    }

    private Result completeAfterDebit(Payment payment) {
        Optional<Result> won = transaction.execute(status -> {
            if (!payments.complete(payment.id(), payment.attempt(), clock.instant())) {
                return Optional.<Result>empty();
            }
            outbox.add(PaymentCompleted.of(clock, payment.id(), payment.reservationId(), payment.userId(),
                    payment.seatId(), payment.amount(), concerts.concertOf(payment.reservationId()).orElse(null)));
            Result paid = new Result(payments.findById(payment.id()).orElseThrow(), false);
            // The answer of an Idempotency-Key commits with the completion: a crash before the answer replays it.
            idempotentRequests.completeWithinTransaction(paid);
            return Optional.of(paid);
        });
        if (won.isPresent()) {
            return won.get();
        }
        Payment current = payments.findById(payment.id()).orElseThrow();
        if (current.status().isPaid() && current.attempt() == payment.attempt()) {
            return new Result(current, true); // a concurrent request settled this same attempt and debit
        }
        // This debit belongs to an attempt that another attempt has replaced: it must not stay with the user's money.
        long refundId = refunds.add(payment.id(), payment.userId(), payment.amount(), RefundReason.SUPERSEDED_DEBIT,
                Payment.supersededDebitRefundKey(payment.id(), payment.attempt()), clock.instant());
        log.warn("Debit of superseded attempt {} of payment {} will be refunded (refund {})", payment.attempt(),
                payment.id(), refundId);
        refundPoints.tryInBackground(refundId);
        if (current.status().isPaid()) {
            return new Result(current, true);
        }
        throw new PaymentError.PointsUnavailable();
    }

    private Result failAttempt(Payment payment, PaymentError refusal) {
        if (payments.fail(payment.id(), payment.attempt())) {
            throw refusal;
        }
        Payment current = payments.findById(payment.id()).orElseThrow();
        if (current.status().isPaid()) {
            return new Result(current, true); // the same attempt was debited for a concurrent request meanwhile
        }
        throw refusal;
    }
}

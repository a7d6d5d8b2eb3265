package dev.ticketing.payment.application;

import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.RefundReason;
import dev.ticketing.payment.domain.ReservationView;
import dev.ticketing.support.idempotency.IdempotentRequests;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Pays for a held seat: at most one payment per reservation, at most one debit per payment attempt, and the payment
 * is COMPLETED (with its PaymentCompleted event) only after user-point-service confirmed the debit.
 *
 * <p>No transaction is open while user-point-service is called: the PENDING payment is committed first, so a debit
 * can never exist without a payment record, and a database connection is never held across a slow HTTP call.
 */
@Service
public class PayForReservation {

    private static final Logger log = LoggerFactory.getLogger(PayForReservation.class);
    private static final Duration VIEW_POLL = Duration.ofMillis(50);

    private final ReservationViewRepository views;
    private final ReservationDirectory directory;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final RefundPoints refundPoints;
    private final PointsLedger ledger;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final PaymentProperties properties;
    private final ReservationConcerts concerts;
    private final Clock clock;
    private final IdempotentRequests idempotentRequests;

    public PayForReservation(ReservationViewRepository views, ReservationDirectory directory,
            PaymentRepository payments, RefundRepository refunds, RefundPoints refundPoints, PointsLedger ledger,
            EventOutbox outbox, TransactionTemplate transaction, PaymentProperties properties,
            ReservationConcerts concerts, Clock clock, IdempotentRequests idempotentRequests) {
        this.views = views;
        this.concerts = concerts;
        this.directory = directory;
        this.payments = payments;
        this.refunds = refunds;
        this.refundPoints = refundPoints;
        this.ledger = ledger;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
        this.idempotentRequests = idempotentRequests;
    }

    /** @param alreadyPaid true when the payment was completed before this request (answered 200 instead of 201) */
    public record Result(Payment payment, boolean alreadyPaid) {
    }

    public Result pay(long userId, long reservationId) {
        ReservationView reservation = awaitReservation(reservationId);
        reservation.requireOwnedBy(userId);
        Optional<Payment> existing = payments.findByReservationId(reservationId);
        if (existing.isEmpty()) {
            reservation.requirePayableBy(userId, clock.instant());
            Optional<Payment> created = payments.insertPending(reservation, clock.instant());
            if (created.isPresent()) {
                return settle(created.get());
            }
            // A concurrent request created it first (unique reservation id): carry on with that one.
            existing = payments.findByReservationId(reservationId);
        }
        return continuePaying(existing.orElseThrow(), reservation, userId);
    }

    /**
     * Settles a PENDING payment whose requester went away, with the same key the requester used. Whatever the outcome
     * (completed, refused, still unavailable), the payment's state says it; nothing is thrown.
     */
    public void settleAbandoned(Payment payment) {
        try {
            log.info("Settled abandoned payment {}: {}", payment.id(), settle(payment).payment().status());
        } catch (PaymentError notNow) {
            log.info("Abandoned payment {} not settled: {}", payment.id(), notNow.getMessage());
        }
    }

    private Result continuePaying(Payment payment, ReservationView reservation, long userId) {
        return switch (payment.status()) {
            case COMPLETED, REFUND_PENDING, REFUNDED -> new Result(payment, true);
            // A PENDING attempt may already have been debited (its answer lost to a timeout): only settling it with
            // its own key tells, so it is settled even if the hold expired meanwhile; concert-service then either
            // sells the seat or asks for the refund.
            case PENDING -> settle(payment);
            case FAILED -> {
                reservation.requirePayableBy(userId, clock.instant());
                payments.startNextAttempt(payment.id(), payment.attempt(), clock.instant());
                // Won or lost, the payment now has a newer attempt (or was completed): continue with what is stored.
                Payment current = payments.findById(payment.id()).orElseThrow();
                yield continuePaying(current, reservation, userId);
            }
        };
    }

    private Result settle(Payment payment) {
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

    private ReservationView awaitReservation(long reservationId) {
        long deadline = System.nanoTime() + properties.reservationWait().toNanos();
        while (true) {
            Optional<ReservationView> view = views.find(reservationId);
            if (view.isPresent()) {
                return view.get();
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            sleep(VIEW_POLL);
        }
        // Not in the view: its SeatReserved may be late (a consumer rejoining its group, Kafka down), so only
        // concert-service can tell. Unreachable, it keeps the answer at RESERVATION_PENDING: a hold that exists is
        // never called not found.
        ReservationView found = directory.find(reservationId)
                .orElseThrow(() -> new PaymentError.ReservationNotFound(reservationId));
        // Only if the events have not written it meanwhile: theirs may be newer (a release) and must win.
        views.saveIfAbsent(found, clock.instant());
        log.info("Reservation {} was not in the view yet; concert-service answered {}", reservationId,
                found.status());
        return found;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the reservation", e);
        }
    }
}

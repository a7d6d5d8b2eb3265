package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Clock;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The payment attempt a pay request goes on with: a new PENDING payment for the reservation, the PENDING attempt
 * another request started, a next attempt after a refused one, or the payment already made.
 *
 * <p>Why there is at most one payment per reservation: its row is unique on the reservation id, so of two first
 * requests one inserts and the other finds that row. Why at most one live attempt: a next attempt replaces a FAILED
 * one only by a conditional update on its attempt number, so two requests retrying at once start one attempt.
 */
@Service
public class StartPayment {

    /** What the request goes on with. */
    public sealed interface Start {

        /** A PENDING attempt to settle with its own debit key. */
        record ToSettle(Payment payment) implements Start {
        }

        /** Completed (or refunding, refunded) before this request. */
        record AlreadyPaid(Payment payment) implements Start {
        }
    }

    private final PaymentRepository payments;
    private final Clock clock;

    public StartPayment(PaymentRepository payments, Clock clock) {
        this.payments = payments;
        this.clock = clock;
    }

    /** @param reservation the reservation, already known to be {@code userId}'s */
    public Start start(long userId, ReservationView reservation) {
        Optional<Payment> existing = payments.findByReservationId(reservation.reservationId());
        if (existing.isEmpty()) {
            reservation.requirePayableBy(userId, clock.instant());
            Optional<Payment> created = payments.insertPending(reservation, clock.instant());
            if (created.isPresent()) {
                return new Start.ToSettle(created.get());
            }
            // A concurrent request created it first (unique reservation id): carry on with that one.
            existing = payments.findByReservationId(reservation.reservationId());
        }
        return goOnWith(existing.orElseThrow(), reservation, userId);
    }

    private Start goOnWith(Payment payment, ReservationView reservation, long userId) {
        return switch (payment.status()) {
            case COMPLETED, REFUND_PENDING, REFUNDED -> new Start.AlreadyPaid(payment);
            // A PENDING attempt may already have been debited (its answer lost to a timeout): only settling it with
            // its own key tells, so it is settled even if the hold expired meanwhile; concert-service then either
            // sells the seat or asks for the refund.
            case PENDING -> new Start.ToSettle(payment);
            case FAILED -> {
                reservation.requirePayableBy(userId, clock.instant());
                payments.startNextAttempt(payment.id(), payment.attempt(), clock.instant());
                // Won or lost, the payment now has a newer attempt (or was completed): go on with what is stored.
                yield goOnWith(payments.findById(payment.id()).orElseThrow(), reservation, userId);
            }
        };
    }
}

package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Payments. Every state change is a conditional update that names the state (and attempt) it starts from, so that of
 * concurrent writers exactly one wins and the others learn it from a {@code false}.
 */
public interface PaymentRepository {

    Optional<Payment> findById(long paymentId);

    Optional<Payment> findByReservationId(long reservationId);

    /** A PENDING first attempt for the reservation, or empty when the reservation already has a payment. */
    Optional<Payment> insertPending(ReservationView reservation, Instant now);

    /** FAILED at {@code attempt} → PENDING at {@code attempt + 1}. */
    boolean startNextAttempt(long paymentId, int attempt, Instant now);

    /**
     * PENDING or FAILED at {@code attempt} → COMPLETED. FAILED is accepted because a debit confirmed for this very
     * attempt wins over a refusal seen for it by a concurrent request.
     */
    boolean complete(long paymentId, int attempt, Instant now);

    /** PENDING at {@code attempt} → FAILED. */
    boolean fail(long paymentId, int attempt);

    /** COMPLETED → REFUND_PENDING. */
    boolean startRefund(long paymentId);

    /** REFUND_PENDING → REFUNDED. */
    boolean markRefunded(long paymentId, Instant now);

    /** PENDING payments whose current attempt started before {@code startedBefore}: their requester went away. */
    List<Payment> findPendingAttemptedBefore(Instant startedBefore, int limit);
}

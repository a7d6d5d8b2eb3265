package dev.ticketing.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One payment per reservation. Each debit attempt has its own idempotency key, so retrying an attempt whose answer was
 * lost can never debit twice, while a new attempt after a refusal (the user charged points meanwhile) is a new debit.
 *
 * @param attempt     1 for the first debit attempt; raised each time a FAILED payment is tried again
 * @param attemptedAt when the current attempt started: a PENDING payment older than that is settled by a job
 */
public record Payment(
        long id,
        long reservationId,
        long userId,
        long seatId,
        long amount,
        PaymentStatus status,
        int attempt,
        Instant createdAt,
        Instant attemptedAt,
        Instant completedAt,
        Instant refundedAt) {

    public Payment {
        Objects.requireNonNull(status, "status");
        if (amount <= 0) {
            throw new IllegalArgumentException("A payment is for a positive amount, got " + amount);
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("Attempts count from 1, got " + attempt);
        }
    }

    /** The key user-point-service deduplicates this attempt's debit on. */
    public String debitKey() {
        return debitKey(id, attempt);
    }

    public static String debitKey(long paymentId, int attempt) {
        return "payment-" + paymentId + "-" + attempt;
    }

    /** The key of the one saga refund a payment can have, however many times its failure is reported. */
    public String refundKey() {
        return "refund-" + id;
    }

    /** The key of the refund of a debit that lost to another attempt of the same payment (see PayForReservation). */
    public static String supersededDebitRefundKey(long paymentId, int attempt) {
        return "refund-" + paymentId + "-" + attempt;
    }

    public boolean ownedBy(long user) {
        return userId == user;
    }
}

package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.PaymentError;

/**
 * Points as user-point-service keeps them. Both operations are idempotent on their key: calling again with the same
 * key returns the first answer and never moves points twice, which is what makes every retry here safe.
 */
public interface PointsLedger {

    /** @throws PaymentError.PointsUnavailable when user-point-service cannot answer now (down, slow, circuit open) */
    Outcome debit(long userId, long amount, String idempotencyKey);

    /** @throws PaymentError.PointsUnavailable when user-point-service cannot answer now (down, slow, circuit open) */
    Outcome refund(long userId, long amount, String idempotencyKey);

    sealed interface Outcome {
    }

    record Applied(long transactionId, long balance) implements Outcome {
    }

    record InsufficientBalance() implements Outcome {
    }

    record UnknownUser() implements Outcome {
    }
}

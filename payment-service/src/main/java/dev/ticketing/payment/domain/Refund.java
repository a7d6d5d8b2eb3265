package dev.ticketing.payment.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * Points owed back to a user, recorded before anything is asked of user-point-service, so that a refund survives any
 * outage: it is retried until user-point-service confirms it, and its key makes every retry the same refund.
 */
public record Refund(
        long id,
        long paymentId,
        long userId,
        long amount,
        RefundReason reason,
        String idempotencyKey,
        boolean done,
        int tries,
        Instant nextTryAt) {

    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);

    /**
     * Exponential back-off after {@code failedTries} failures (1 s, 2 s, 4 s, ...), capped at {@code max} so that a
     * long outage is still retried regularly and the refund lands soon after user-point-service is back.
     */
    public static Duration backOffAfter(int failedTries, Duration max) {
        int doublings = Math.min(Math.max(failedTries - 1, 0), 20);
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << doublings);
        return backOff.compareTo(max) > 0 ? max : backOff;
    }
}

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
    private static final Duration MAX_BACK_OFF = Duration.ofMinutes(1);

    /** Exponential back-off after {@code failedTries} failures, capped so a long outage is retried every minute. */
    public static Duration backOffAfter(int failedTries) {
        int doublings = Math.min(Math.max(failedTries - 1, 0), 10);
        Duration backOff = FIRST_BACK_OFF.multipliedBy(1L << doublings);
        return backOff.compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff;
    }
}

package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.QueueToken;
import dev.ticketing.queue.domain.TokenState;
import java.time.Instant;
import java.util.UUID;

/**
 * Where the waiting room lives. Every operation is atomic on the store's side, so concurrent requests and several
 * instances need no coordination of their own. Failures to reach the store surface as
 * {@link dev.ticketing.queue.domain.DependencyUnavailableException}.
 */
public interface QueueStore {

    /** Puts {@code candidate} at the end of the line for {@code userId}, unless the user already holds a live token. */
    IssueOutcome issue(long userId, QueueToken candidate, Instant now);

    Lookup status(QueueToken token, Instant now);

    /** Expires active tokens due at {@code now}, then admits the oldest waiting ones into the free places. */
    TickResult tick(Instant now);

    /**
     * Ends the visit of a user who paid, and revokes their admission token if they were admitted; applying the same
     * {@code eventId} again does nothing.
     */
    PaymentExpiry expireOnPayment(UUID eventId, long userId, Instant paidAt, Instant now);

    /**
     * @param admittedRecently admissions in the configured rate window, for the wait estimate (0 unless waiting)
     * @param activeNow        tokens active now, whose places are not free, for the wait estimate (0 unless waiting)
     */
    record IssueOutcome(QueueToken token, TokenState state, boolean newlyIssued, long admittedRecently,
                        long activeNow) {
    }

    /** Same meaning of {@code admittedRecently} and {@code activeNow} as in {@link IssueOutcome}. */
    record Lookup(TokenState state, long admittedRecently, long activeNow) {
    }

    record TickResult(int expired, int admitted, long active, long waiting, long admittedRecently) {
    }

    enum PaymentExpiry {
        EXPIRED, DUPLICATE, NO_LIVE_TOKEN, TOKEN_NEWER_THAN_PAYMENT
    }
}

package dev.ticketing.concert.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a hold lasts and how many live holds one user may have at once (anti-hoarding). A hold is live while it
 * is HELD and not past its expiry; an expired hold no longer counts even before the release job has run.
 */
public record HoldPolicy(Duration holdDuration, int maxLiveHoldsPerUser) {

    public HoldPolicy {
        Objects.requireNonNull(holdDuration, "holdDuration");
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("The hold duration must be positive, was " + holdDuration);
        }
        if (maxLiveHoldsPerUser < 1) {
            throw new IllegalArgumentException("A user must be allowed at least one hold, was " + maxLiveHoldsPerUser);
        }
    }

    public Instant expiryOfHoldMadeAt(Instant now) {
        return now.plus(holdDuration);
    }

    /** @throws ConcertException.HoldLimitReached when one more hold would exceed the limit */
    public void checkRoomForOneMoreHold(long userId, int liveHolds) {
        if (liveHolds >= maxLiveHoldsPerUser) {
            throw new ConcertException.HoldLimitReached(userId, maxLiveHoldsPerUser);
        }
    }
}

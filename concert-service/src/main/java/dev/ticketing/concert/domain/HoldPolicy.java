package dev.ticketing.concert.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long a hold lasts and how many live holds one user may have at once (anti-hoarding). A hold is live while it
 * is HELD and not past its expiry; an expired hold no longer counts even before the release job has run.
 */
public record HoldPolicy(Duration holdDuration, int maxLiveHoldsPerUser, int maxSeatsPerUserAndDate) {

    public HoldPolicy(Duration holdDuration, int maxLiveHoldsPerUser) {
        this(holdDuration, maxLiveHoldsPerUser, maxLiveHoldsPerUser);
    }

    public HoldPolicy {
        Objects.requireNonNull(holdDuration, "holdDuration");
        if (holdDuration.isNegative() || holdDuration.isZero()) {
            throw new IllegalArgumentException("The hold duration must be positive, was " + holdDuration);
        }
        if (maxLiveHoldsPerUser < 1) {
            throw new IllegalArgumentException("A user must be allowed at least one hold, was " + maxLiveHoldsPerUser);
        }
        if (maxSeatsPerUserAndDate < 1) {
            throw new IllegalArgumentException("A user must be allowed at least one seat per date, was "
                    + maxSeatsPerUserAndDate);
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

    /** The most seats one request may ask for: more could never be granted. */
    public int maxSeatsPerRequest() {
        return Math.min(maxLiveHoldsPerUser, maxSeatsPerUserAndDate);
    }

    /**
     * @param liveHeldSeats seats the user holds right now (live holds, any date)
     * @throws ConcertException.HoldLimitReached when {@code requested} more seats would exceed the limit
     */
    public void checkRoomForMoreHeldSeats(long userId, int liveHeldSeats, int requested) {
        if (requested == 1) {
            checkRoomForOneMoreHold(userId, liveHeldSeats);
        } else if (liveHeldSeats + requested > maxLiveHoldsPerUser) {
            throw new ConcertException.HoldLimitReached(userId, liveHeldSeats, requested, maxLiveHoldsPerUser);
        }
    }

    /**
     * Anti-scalping: held and bought seats of one date count together.
     *
     * @param heldOrSoldSeats the user's live held and sold seats of the date
     * @throws ConcertException.PurchaseLimitReached when {@code requested} more seats would exceed the limit
     */
    public void checkPurchaseLimit(long dateId, int heldOrSoldSeats, int requested) {
        if (heldOrSoldSeats + requested > maxSeatsPerUserAndDate) {
            throw new ConcertException.PurchaseLimitReached(dateId, heldOrSoldSeats, requested,
                    maxSeatsPerUserAndDate);
        }
    }
}

package dev.ticketing.queue.domain;

import java.time.Duration;

/**
 * How fast the waiting room lets people in, for telling a waiting user how long they will wait. Measured as the
 * admissions of the last {@code window}; before anything was admitted in that window the best guess is the
 * configured throughput, capacity per active lifetime (every place is freed at the latest when its token expires).
 * Admissions happen at ticks, every {@code tickInterval}.
 */
public record AdmissionRate(long admittedInWindow, Duration window, int capacity, Duration activeTtl,
                            Duration tickInterval) {

    public AdmissionRate {
        if (window.isZero() || window.isNegative() || activeTtl.isZero() || activeTtl.isNegative()
                || tickInterval.isZero() || tickInterval.isNegative()) {
            throw new IllegalArgumentException("window, active lifetime and tick interval must be positive");
        }
        if (capacity <= 0 || admittedInWindow < 0) {
            throw new IllegalArgumentException("capacity must be positive and admissions not negative");
        }
    }

    /** Admissions per second. */
    public double perSecond() {
        if (admittedInWindow > 0) {
            return admittedInWindow / (window.toMillis() / 1000.0);
        }
        return capacity / (activeTtl.toMillis() / 1000.0);
    }

    /**
     * Seconds until a user with {@code position} others ahead is admitted, rounded up; at least one tick interval,
     * since nobody is admitted between ticks. The places free now ({@code capacity - activeNow}) go at the next tick
     * whatever the recent rate: in a quiet room few were admitted lately because few came, not because the room
     * could not take them. Those further back wait for places to be freed, at the observed rate.
     */
    public long estimatedWaitSeconds(long position, long activeNow) {
        if (position < 0 || activeNow < 0) {
            throw new IllegalArgumentException("position and active count must not be negative");
        }
        long oneTick = Math.max(1, (long) Math.ceil(tickInterval.toMillis() / 1000.0));
        long freeNow = Math.max(0, capacity - activeNow);
        if (position < freeNow) {
            return oneTick;
        }
        long waitingForFreedPlaces = position + 1 - freeNow;
        return Math.max(oneTick, (long) Math.ceil(waitingForFreedPlaces / perSecond()));
    }
}

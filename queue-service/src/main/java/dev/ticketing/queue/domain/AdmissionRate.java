package dev.ticketing.queue.domain;

import java.time.Duration;

/**
 * How fast the waiting room lets people in, for telling a waiting user how long they will wait. Measured as the
 * admissions of the last {@code window}; before anything was admitted in that window the best guess is the
 * configured throughput, capacity per active lifetime (every place is freed at the latest when its token expires).
 */
public record AdmissionRate(long admittedInWindow, Duration window, int capacity, Duration activeTtl) {

    public AdmissionRate {
        if (window.isZero() || window.isNegative() || activeTtl.isZero() || activeTtl.isNegative()) {
            throw new IllegalArgumentException("window and active lifetime must be positive");
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

    /** Seconds until a user with {@code position} others ahead is admitted, rounded up; at least 1. */
    public long estimatedWaitSeconds(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative");
        }
        return Math.max(1, (long) Math.ceil((position + 1) / perSecond()));
    }
}

package dev.ticketing.userpoint.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The attempts one subject (a username or a client address) made in its current fixed window, counting the attempt
 * being made. Over the limit, the subject waits until the window that began at {@code windowStart} ends.
 */
public record LoginAttempts(int attempts, Instant windowStart) {

    public boolean over(int limit) {
        return attempts > limit;
    }

    /** Whole seconds until the window ends, at least 1 (for Retry-After). */
    public long secondsLeft(Duration window, Instant now) {
        Duration left = Duration.between(now, windowStart.plus(window));
        long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}

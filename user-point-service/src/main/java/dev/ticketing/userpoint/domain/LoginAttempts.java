package dev.ticketing.userpoint.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * The attempts one subject (a username or a client address) made in its fixed window that began at
 * {@code windowStart}. Over the limit, the subject waits until that window ends.
 */
public record LoginAttempts(int attempts, Instant windowStart) {

    public boolean over(int limit) {
        return attempts > limit;
    }

    /** Whether the window is still running at {@code now}: a row of an older window counts nothing. */
    public boolean live(Duration window, Instant now) {
        return windowStart.plus(window).isAfter(now);
    }

    /** These attempts and the one being made. */
    public LoginAttempts andThisOne() {
        return new LoginAttempts(attempts + 1, windowStart);
    }

    /** Whole seconds until the window ends, at least 1 (for Retry-After). */
    public long secondsLeft(Duration window, Instant now) {
        Duration left = Duration.between(now, windowStart.plus(window));
        long seconds = left.toSeconds() + (left.toNanosPart() > 0 ? 1 : 0);
        return Math.max(1, seconds);
    }
}

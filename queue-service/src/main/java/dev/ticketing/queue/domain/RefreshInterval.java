package dev.ticketing.queue.domain;

/**
 * When a waiting client should poll again: soon when its turn is near, rarely when far back, so a large crowd spreads
 * its polls instead of asking every second. {@code max(1, min(60, ceil(estimatedWait / 4)))} seconds, and never
 * beyond the next admission round when the client is among the next {@code capacity} in line (their turn may come at
 * that round). A client in front polls every second or two; one ten minutes back every 60 s, losing at most a
 * quarter of its remaining wait to the poll interval.
 */
public final class RefreshInterval {

    public static final long MIN_SECONDS = 1;
    public static final long MAX_SECONDS = 60;

    private RefreshInterval() {
    }

    public static long seconds(long position, long estimatedWaitSeconds, int capacity, long admissionIntervalSeconds) {
        long byWait = (Math.max(0, estimatedWaitSeconds) + 3) / 4;
        long seconds = Math.max(MIN_SECONDS, Math.min(MAX_SECONDS, byWait));
        if (position < capacity) {
            seconds = Math.min(seconds, Math.max(MIN_SECONDS, admissionIntervalSeconds));
        }
        return seconds;
    }
}

package dev.ticketing.testsupport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The application's Clock in tests: a base clock plus an offset the test moves by hand, so holds, windows and
 * lifetimes pass without sleeping. Shared by every thread of the application; the application works in UTC.
 * <ul>
 * <li>{@link #stoppedAt}: time moves only when the test says, so a test can assert exact instants;</li>
 * <li>{@link #running}: real time plus the offset, for a service that also waits on time it does not read from this
 * clock (a retry's back-off on the scheduler, a JWT decoder checking {@code exp} against the system clock).</li>
 * </ul>
 */
public final class MutableClock extends Clock {

    private final Clock base;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    private MutableClock(Clock base) {
        this.base = base;
    }

    public static MutableClock stoppedAt(Instant start) {
        return new MutableClock(Clock.fixed(start, ZoneOffset.UTC));
    }

    public static MutableClock running() {
        return new MutableClock(Clock.systemUTC());
    }

    /** Moves the clock by {@code duration}; a negative one moves it back (a test returning to its start). */
    public void advance(Duration duration) {
        offset.accumulateAndGet(duration, Duration::plus);
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone.normalized())) {
            return this;
        }
        throw new UnsupportedOperationException("The application works in UTC, not " + zone);
    }
}

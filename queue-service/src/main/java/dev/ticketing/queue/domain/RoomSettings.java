package dev.ticketing.queue.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How a room admits: at most {@code capacity} ACTIVE at once, one admission round per {@code admissionInterval},
 * each admitted user ACTIVE for {@code activeTtl}; with {@code opensAt}, nobody is admitted before it and everyone who
 * joined before is shuffled at it. {@code paused}: no admissions at all (expiry goes on).
 */
public record RoomSettings(int capacity, Duration admissionInterval, Duration activeTtl, Instant opensAt,
                           boolean paused) {

    public static final int MAX_CAPACITY = 1_000_000;
    public static final Duration MAX_ADMISSION_INTERVAL = Duration.ofHours(1);

    public RoomSettings {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 1.." + MAX_CAPACITY);
        }
        if (admissionInterval.isNegative() || admissionInterval.isZero()
                || admissionInterval.compareTo(MAX_ADMISSION_INTERVAL) > 0) {
            throw new IllegalArgumentException("admission interval must be positive and at most an hour");
        }
        if (activeTtl.isNegative() || activeTtl.isZero()) {
            throw new IllegalArgumentException("active lifetime must be positive");
        }
    }
}

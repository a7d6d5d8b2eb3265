package dev.ticketing.queue.application;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The waiting room's tunables (environment names in README.md).
 *
 * @param capacity            how many users may be ACTIVE at once
 * @param admissionInterval   how often the scheduler expires and admits
 * @param activeTtl           how long an admitted user stays ACTIVE
 * @param expiredTombstoneTtl how long an expired token is still recognised as expired rather than unknown
 * @param rateWindow          admissions of this recent past give the rate behind the estimated wait
 * @param processedEventTtl   how long a consumed event id is remembered to ignore its redeliveries (Kafka keeps 7 days)
 * @param schedulerEnabled    off in tests that drive ticks themselves
 */
@Validated
@ConfigurationProperties("ticketing.queue")
public record QueueProperties(
        @DefaultValue("100") @Min(1) int capacity,
        @DefaultValue("5s") @NotNull Duration admissionInterval,
        @DefaultValue("10m") @NotNull Duration activeTtl,
        @DefaultValue("1h") @NotNull Duration expiredTombstoneTtl,
        @DefaultValue("5m") @NotNull Duration rateWindow,
        @DefaultValue("7d") @NotNull Duration processedEventTtl,
        @DefaultValue("true") boolean schedulerEnabled) {

    public QueueProperties {
        requirePositive("admission-interval", admissionInterval);
        requirePositive("active-ttl", activeTtl);
        requirePositive("expired-tombstone-ttl", expiredTombstoneTtl);
        requirePositive("rate-window", rateWindow);
        requirePositive("processed-event-ttl", processedEventTtl);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("ticketing.queue." + name + " must be positive, was " + value);
        }
    }
}

package dev.ticketing.queue.application;

import dev.ticketing.queue.domain.RoomId;
import dev.ticketing.queue.domain.RoomSettings;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The waiting room's tunables (environment names in README.md). {@code capacity}, {@code admissionInterval} and
 * {@code activeTtl} are every room's defaults; {@code rooms} overrides them per concert id in configuration, and an
 * operator overrides both live (stored in Redis, see the ops API).
 *
 * @param capacity            how many users of one room may be ACTIVE at once
 * @param admissionInterval   how often a room admits
 * @param activeTtl           how long an admitted user stays ACTIVE
 * @param expiredTombstoneTtl how long an expired token is still recognised as expired rather than unknown
 * @param rateWindow          admissions of this recent past give the rate behind the estimated wait
 * @param processedEventTtl   how long a consumed event id is remembered to ignore its redeliveries (Kafka keeps 7 days)
 * @param schedulerEnabled    off in tests that drive ticks themselves
 * @param schedulerPeriod     how often each instance looks at every room (opening due? admission round due?); a
 *                            room's admission interval is kept across instances by the round's time in Redis
 * @param defaultRoomEnabled  whether a token request without a concert id joins the room {@code default}
 * @param rooms               per concert id: defaults of that room (each field optional)
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
        @DefaultValue("true") boolean schedulerEnabled,
        @DefaultValue("1s") @NotNull Duration schedulerPeriod,
        @DefaultValue("true") boolean defaultRoomEnabled,
        Map<String, RoomDefaults> rooms) {

    public QueueProperties {
        requirePositive("admission-interval", admissionInterval);
        requirePositive("active-ttl", activeTtl);
        requirePositive("expired-tombstone-ttl", expiredTombstoneTtl);
        requirePositive("rate-window", rateWindow);
        requirePositive("processed-event-ttl", processedEventTtl);
        requirePositive("scheduler-period", schedulerPeriod);
        rooms = rooms == null ? Map.of() : Map.copyOf(rooms);
        rooms.keySet().forEach(RoomId::new); // a key that is not a concert id fails the start
    }

    /** The settings from configuration alone, before an operator's changes. */
    public RoomSettings configured(RoomId room) {
        RoomDefaults own = rooms.getOrDefault(room.value(), RoomDefaults.NONE);
        return new RoomSettings(own.capacity() != null ? own.capacity() : capacity,
                own.admissionInterval() != null ? own.admissionInterval() : admissionInterval,
                own.activeTtl() != null ? own.activeTtl() : activeTtl, own.opensAt(), false);
    }

    private static void requirePositive(String name, Duration value) {
        if (value != null && (value.isZero() || value.isNegative())) {
            throw new IllegalArgumentException("ticketing.queue." + name + " must be positive, was " + value);
        }
    }

    /** One room's defaults in configuration; a field left out takes the service-wide default. */
    public record RoomDefaults(Integer capacity, Duration admissionInterval, Duration activeTtl, Instant opensAt) {

        static final RoomDefaults NONE = new RoomDefaults(null, null, null, null);
    }
}

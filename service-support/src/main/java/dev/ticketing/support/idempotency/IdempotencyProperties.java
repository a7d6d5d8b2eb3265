package dev.ticketing.support.idempotency;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code ticketing.idempotency.*}.
 *
 * @param enabled      a service with the table (Flyway) turns it on
 * @param retention    how long a key and its answer are kept ({@code IDEMPOTENCY_KEY_RETENTION}, 24 h)
 * @param lease        how long a request may hold its key before another request may take the key over because the
 *                     first one is presumed dead ({@code IDEMPOTENCY_KEY_LEASE}); longer than any request can take
 * @param inFlightWait how long a request finding its key in flight waits for that request's result before it is
 *                     answered 409 ({@code IDEMPOTENCY_KEY_IN_FLIGHT_WAIT}): a double click gets the result, not an
 *                     error, when the first request takes milliseconds
 * @param retryAfter   the {@code Retry-After} of 409 {@code IDEMPOTENCY_KEY_IN_USE}
 * @param purgeInterval how often expired keys are deleted ({@code IDEMPOTENCY_KEY_PURGE_INTERVAL})
 * @param purgeBatchSize rows deleted per statement, so the purge never holds many locks at once
 */
@ConfigurationProperties("ticketing.idempotency")
public record IdempotencyProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("24h") Duration retention,
        @DefaultValue("30s") Duration lease,
        @DefaultValue("1s") Duration inFlightWait,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("10m") Duration purgeInterval,
        @DefaultValue("500") int purgeBatchSize) {

    public IdempotencyProperties {
        if (!lease.isPositive() || retention.compareTo(lease) <= 0) {
            throw new IllegalArgumentException("ticketing.idempotency: lease must be positive and below retention");
        }
        if (purgeBatchSize < 1) {
            throw new IllegalArgumentException("ticketing.idempotency.purge-batch-size must be positive");
        }
    }
}

package dev.ticketing.events.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param pollInterval    safety-net poll; normal publication is triggered by the commit itself
 * @param batchSize       rows per relay transaction
 * @param sendTimeout     how long a batch waits for Kafka's acknowledgements before it is rolled back and retried
 * @param retention       how long published rows are kept (for audit and replay) before clean-up deletes them
 * @param cleanupInterval how often published rows past their retention are deleted
 */
@ConfigurationProperties("ticketing.outbox")
public record OutboxProperties(
        @DefaultValue("1s") Duration pollInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("1d") Duration retention,
        @DefaultValue("10m") Duration cleanupInterval) {
}

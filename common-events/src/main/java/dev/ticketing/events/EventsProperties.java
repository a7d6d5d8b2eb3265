package dev.ticketing.events;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param partitions                   partitions of each ticketing topic (ordering holds per reservation id key)
 * @param replicationFactor            1 on a single local broker; 3 in production
 * @param consumerRetries              retries of a failing record before it goes to the dead-letter topic
 * @param consumerRetryInitialInterval first back-off; doubles on each retry
 * @param consumerInstanceId           this instance's name, unique among the instances of the service (the pod
 *                                     name); set, every listener is a static group member named after it; blank,
 *                                     dynamic membership
 */
@ConfigurationProperties("ticketing.events")
public record EventsProperties(
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("3") int consumerRetries,
        @DefaultValue("200ms") Duration consumerRetryInitialInterval,
        @DefaultValue("") String consumerInstanceId) {
}

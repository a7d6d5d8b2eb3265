package dev.ticketing.payment.infrastructure.concert;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how patiently concert-service's internal reservation route is called. Retry and circuit breaker live
 * under {@code resilience4j.*.instances.concert} in application.yml.
 */
@ConfigurationProperties("payment.concert")
public record ConcertProperties(
        @DefaultValue("http://127.0.0.1:8082") URI baseUrl,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout) {
}

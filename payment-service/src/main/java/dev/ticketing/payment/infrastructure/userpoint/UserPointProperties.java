package dev.ticketing.payment.infrastructure.userpoint;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how patiently user-point-service is called. Retry and circuit breaker live under
 * {@code resilience4j.*.instances.userPoint} in application.yml.
 *
 * @param readTimeout how long one call waits for the answer; a retry's total is about attempts × this
 */
@ConfigurationProperties("payment.user-point")
public record UserPointProperties(
        @DefaultValue("http://127.0.0.1:8084") URI baseUrl,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout) {
}

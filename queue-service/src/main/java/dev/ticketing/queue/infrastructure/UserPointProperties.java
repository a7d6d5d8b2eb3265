package dev.ticketing.queue.infrastructure;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Where user-point-service is, and how long a token request may wait for it. */
@ConfigurationProperties("ticketing.user-point")
public record UserPointProperties(
        @DefaultValue("http://127.0.0.1:8084") String baseUrl,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout) {
}

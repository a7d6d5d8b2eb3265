package dev.ticketing.support.peer;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code peers.<name>.*}: where one peer is and how long a call to it may take.
 *
 * @param baseUrl        required; each service sets it from its environment variable ({@code USER_POINT_URL}, ...)
 * @param connectTimeout how long a try waits for the connection
 * @param readTimeout    how long a try waits for the whole answer, headers and body; a retried call takes up to
 *                       about attempts × this
 */
public record PeerProperties(
        URI baseUrl,
        @DefaultValue("300ms") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout) {

    public PeerProperties {
        if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("base-url is required: an absolute http(s) URL, got " + baseUrl);
        }
        if (!connectTimeout.isPositive() || !readTimeout.isPositive()) {
            throw new IllegalArgumentException("connect-timeout and read-timeout must be positive");
        }
    }
}

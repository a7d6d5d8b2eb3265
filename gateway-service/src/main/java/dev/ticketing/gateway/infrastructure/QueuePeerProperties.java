package dev.ticketing.gateway.infrastructure;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code peers.queue.*}: queue-service as the token validation calls it, with the keys the servlet services' peers
 * have (service-support's {@code PeerProperties}, docs/conventions.md "Calling another service").
 *
 * @param baseUrl        queue-service ({@code QUEUE_URL})
 * @param connectTimeout TCP connect; below {@code readTimeout} so a dead host fails fast
 * @param readTimeout    the whole validation call, after which the request gets 503
 */
@ConfigurationProperties("peers.queue")
public record QueuePeerProperties(
        URI baseUrl,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("1s") Duration readTimeout) {

    public QueuePeerProperties {
        if (baseUrl == null || baseUrl.getScheme() == null || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("peers.queue.base-url is required: an absolute http(s) URL, got "
                    + baseUrl);
        }
        if (!connectTimeout.minus(readTimeout).isNegative()) {
            throw new IllegalArgumentException("peers.queue.connect-timeout must be below its read-timeout");
        }
    }
}

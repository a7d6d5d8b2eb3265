package dev.ticketing.payment.infrastructure.http;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * The one way this service calls another: a {@link RestClient} on the JDK HTTP client with connect and read timeouts,
 * each call wrapped in the resilience4j retry (outside) and circuit breaker (inside, so every try counts) of one
 * instance name, configured in application.yml.
 */
public final class GuardedPeer {

    private final RestClient http;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    public GuardedPeer(RestClient.Builder builder, URI baseUrl, Duration connectTimeout, Duration readTimeout,
            String resilienceInstance, CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.http = builder
                .baseUrl(baseUrl.toString())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                        .withTimeouts(connectTimeout, readTimeout)))
                .build();
        this.circuitBreaker = circuitBreakers.circuitBreaker(resilienceInstance);
        this.retry = retries.retry(resilienceInstance);
    }

    public RestClient http() {
        return http;
    }

    /** Runs the call through the retry and the circuit breaker; their exceptions reach the caller unchanged. */
    public <T> T call(Supplier<T> call) {
        return Retry.decorateSupplier(retry, CircuitBreaker.decorateSupplier(circuitBreaker, call)).get();
    }
}

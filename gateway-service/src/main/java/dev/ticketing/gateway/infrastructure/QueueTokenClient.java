package dev.ticketing.gateway.infrastructure;

import dev.ticketing.gateway.application.TokenDirectory;
import dev.ticketing.gateway.application.TokenDirectoryUnavailable;
import dev.ticketing.gateway.domain.OpaqueTokenView;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.circuitbreaker.ReactiveCircuitBreaker;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Asks queue-service about a token, one GET per validation over pooled keep-alive connections, inside a Resilience4j
 * time limiter and circuit breaker. "Unknown token" is a normal answer and counts as a success for the breaker, so a
 * flood of garbage tokens cannot open the circuit for everyone.
 */
public class QueueTokenClient implements TokenDirectory {

    private static final Logger log = LoggerFactory.getLogger(QueueTokenClient.class);

    /**
     * The peer's name, as in {@code peers.queue} and its circuit breaker and time limiter (metrics:
     * {@code resilience4j_circuitbreaker_*{name="queue"}}, {@code reactor_netty_connection_provider_*{name="queue"}}).
     */
    public static final String PEER = "queue";

    private final WebClient queue;
    private final ReactiveCircuitBreaker breaker;

    public QueueTokenClient(WebClient queue, ReactiveCircuitBreaker breaker) {
        this.queue = queue;
        this.breaker = breaker;
    }

    @Override
    public Mono<Optional<OpaqueTokenView>> find(String token) {
        Mono<Optional<OpaqueTokenView>> call = queue.get()
                .uri("/internal/queue/tokens/{token}", token)
                .exchangeToMono(response -> {
                    if (response.statusCode().is2xxSuccessful()) {
                        return response.bodyToMono(QueueTokenResponse.class)
                                .map(body -> Optional.of(body.toState()));
                    }
                    // 404 is queue-service's TOKEN_INVALID; 400 means it refused the token's shape: both "unknown"
                    if (response.statusCode().isSameCodeAs(HttpStatus.NOT_FOUND)
                            || response.statusCode().isSameCodeAs(HttpStatus.BAD_REQUEST)) {
                        return response.releaseBody().thenReturn(Optional.<OpaqueTokenView>empty());
                    }
                    return response.createError();
                })
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("queue-service answered without a body")));
        return breaker.run(call, failure -> {
            // per request only at DEBUG: during an outage this fires for every request; state changes log at WARN
            log.debug("Queue token validation failed", failure);
            return Mono.error(new TokenDirectoryUnavailable(describe(failure), failure));
        });
    }

    private static String describe(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "queue-service did not answer in time";
        }
        if (failure instanceof io.github.resilience4j.circuitbreaker.CallNotPermittedException) {
            return "queue-service is failing; not asking it for a few seconds";
        }
        return "queue-service could not be reached";
    }
}

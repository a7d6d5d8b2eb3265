package dev.ticketing.support.peer;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.web.client.RestClient;

/**
 * The one way a service calls another (docs/conventions.md, "Calling another service"). {@link #client(String)} gives
 * the {@link RestClient} of a peer named in kebab-case, the same name everywhere: its address and timeouts are
 * {@code peers.<name>.*}, its retry and circuit breaker are the resilience4j instances {@code <name>} of
 * application.yml (their metrics carry {@code name="<name>"}), and its JSON is read and written by the application's
 * one {@code JsonMapper} (Boot's {@code RestClient.Builder}, with its tracing).
 *
 * <p>Every call either gets an answer below 500, which the caller reads as it likes ({@code retrieve()} throws
 * {@code HttpClientErrorException} for a 4xx, {@code exchange} hands it over), or throws
 * {@link PeerUnavailableException}. GET, HEAD, OPTIONS, PUT and DELETE are retried; a POST only with
 * {@code .attribute(PeerClients.IDEMPOTENT, true)}, which says the peer applies it once however often it is sent.
 */
public final class PeerClients {

    /** Request attribute (value {@code true}): this POST or PATCH may be sent again, the peer deduplicates it. */
    public static final String IDEMPOTENT = PeerClients.class.getName() + ".IDEMPOTENT";

    private static final Pattern KEBAB_CASE = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Logger log = LoggerFactory.getLogger(PeerClients.class);

    private final Map<String, PeerProperties> peers;
    private final Supplier<RestClient.Builder> builders;
    private final CircuitBreakerRegistry circuitBreakers;
    private final RetryRegistry retries;
    private final Map<String, RestClient> clients = new ConcurrentHashMap<>();

    public PeerClients(Map<String, PeerProperties> peers, Supplier<RestClient.Builder> builders,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        peers.keySet().forEach(PeerClients::requireKebabCase);
        this.peers = Map.copyOf(peers);
        this.builders = builders;
        this.circuitBreakers = circuitBreakers;
        this.retries = retries;
    }

    /**
     * The client of one peer, built once. Called while the caller's bean is created, so a peer without its address or
     * without its resilience4j instances stops the application at start-up, naming what is missing.
     */
    public RestClient client(String name) {
        return clients.computeIfAbsent(name, this::build);
    }

    private RestClient build(String name) {
        requireKebabCase(name);
        PeerProperties peer = peers.get(name);
        if (peer == null) {
            throw new IllegalStateException("peer '" + name + "' has no peers." + name + ".base-url in application.yml");
        }
        CircuitBreaker circuitBreaker = circuitBreakers.find(name).orElseThrow(() -> new IllegalStateException(
                "peer '" + name + "' has no resilience4j.circuitbreaker.instances." + name + " in application.yml"));
        Retry retry = retries.find(name).orElseThrow(() -> new IllegalStateException(
                "peer '" + name + "' has no resilience4j.retry.instances." + name + " in application.yml"));
        // one line per state change instead of one per refused call
        circuitBreaker.getEventPublisher().onStateTransition(event ->
                log.warn("Circuit breaker of peer {}: {}", name, event.getStateTransition()));
        return builders.get()
                .baseUrl(peer.baseUrl())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                        .withTimeouts(peer.connectTimeout(), peer.readTimeout())))
                .requestInterceptor(new PeerGuard(name, circuitBreaker, retry))
                .build();
    }

    private static void requireKebabCase(String name) {
        if (!KEBAB_CASE.matcher(name).matches()) {
            throw new IllegalArgumentException("peer name '" + name + "' is not kebab-case (user-point, concert)");
        }
    }
}

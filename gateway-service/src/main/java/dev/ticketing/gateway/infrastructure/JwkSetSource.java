package dev.ticketing.gateway.infrastructure;

import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The identity provider's public signing keys, fetched from its JWKS and kept for {@code ttl}. Spring's reactive
 * decoder keeps the first set it fetched forever and fetches again for every token whose {@code kid} it does not
 * know; here the set is fetched again once it is older than {@code ttl} (so a retired key stops being accepted), a
 * token with an unknown {@code kid} fetches again at most once per {@code minRefreshInterval}, and concurrent
 * requests share one fetch. A fetch that fails while an older set is at hand keeps that set (the provider being down
 * must not log everybody out); with no set at all the keys are {@link JwkSetUnavailableException unavailable}.
 */
public final class JwkSetSource {

    private static final Logger log = LoggerFactory.getLogger(JwkSetSource.class);
    private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
            new ParameterizedTypeReference<>() { };

    private record Snapshot(JWKSet keys, Instant fetchedAt) {
    }

    private final WebClient web;
    private final Mono<URI> location;
    private final Duration ttl;
    private final Duration minRefreshInterval;
    private final Duration timeout;
    private final Clock clock;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();
    private final AtomicReference<CompletableFuture<JWKSet>> inFlight = new AtomicReference<>();
    private volatile Instant lastAttempt;

    private JwkSetSource(WebClient web, Mono<URI> location, Duration ttl, Duration minRefreshInterval,
            Duration timeout, Clock clock) {
        this.web = web;
        this.location = location;
        this.ttl = ttl;
        this.minRefreshInterval = minRefreshInterval;
        this.timeout = timeout;
        this.clock = clock;
    }

    /** Keys from a known JWKS URI: nothing is fetched before the first token arrives. */
    public static JwkSetSource at(URI jwkSetUri, WebClient web, Duration ttl, Duration minRefreshInterval,
            Duration timeout, Clock clock) {
        return new JwkSetSource(web, Mono.just(jwkSetUri), ttl, minRefreshInterval, timeout, clock);
    }

    /**
     * Keys from the {@code jwks_uri} of the issuer's OpenID discovery document
     * ({@code <issuer>/.well-known/openid-configuration}), read when the first token arrives and kept once read. The
     * document must name the same issuer (OpenID Connect Discovery 1.0, section 4.3).
     */
    public static JwkSetSource discoveredFrom(String issuer, WebClient web, Duration ttl, Duration minRefreshInterval,
            Duration timeout, Clock clock) {
        URI configuration = URI.create(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        AtomicReference<URI> discovered = new AtomicReference<>();
        Mono<URI> location = Mono.defer(() -> {
            URI known = discovered.get();
            if (known != null) {
                return Mono.just(known);
            }
            return web.get().uri(configuration).accept(MediaType.APPLICATION_JSON).retrieve()
                    .bodyToMono(JSON_OBJECT)
                    .timeout(timeout)
                    .map(document -> {
                        if (!issuer.equals(document.get("issuer")) || !(document.get("jwks_uri") instanceof String uri)) {
                            throw new IllegalStateException(configuration + " does not describe the issuer " + issuer);
                        }
                        return URI.create(uri);
                    })
                    .doOnNext(discovered::set);
        });
        return new JwkSetSource(web, location, ttl, minRefreshInterval, timeout, clock);
    }

    /**
     * Fetches the keys now if none are known yet, without waiting; a failure is logged and the first request that
     * needs the keys tries again.
     */
    public void prefetch() {
        if (current.get() == null) {
            refresh(clock.instant()).subscribe(
                    keys -> log.info("Fetched {} signing key(s) of the identity provider", keys.getKeys().size()),
                    failure -> { });
        }
    }

    /** The keys that may have signed a token with this header; empty when none does. */
    public Flux<JWK> keysFor(JWSHeader header) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(header));
        Instant now = clock.instant();
        Snapshot snapshot = current.get();
        if (snapshot == null) {
            return refresh(now).flatMapIterable(selector::select);
        }
        if (!now.isBefore(snapshot.fetchedAt().plus(ttl)) && mayRefresh(now)) {
            return refresh(now)
                    .onErrorResume(failure -> Mono.just(snapshot.keys()))
                    .flatMapIterable(selector::select);
        }
        List<JWK> found = selector.select(snapshot.keys());
        String kid = header.getKeyID();
        if (!found.isEmpty() || kid == null || snapshot.keys().getKeyByKeyId(kid) != null || !mayRefresh(now)) {
            return Flux.fromIterable(found);
        }
        // a kid we do not know: perhaps a key published since the last fetch
        return refresh(now)
                .onErrorResume(failure -> Mono.just(snapshot.keys()))
                .flatMapIterable(selector::select);
    }

    private boolean mayRefresh(Instant now) {
        Instant last = lastAttempt;
        return last == null || !now.isBefore(last.plus(minRefreshInterval));
    }

    /**
     * One fetch at a time, shared by every request that needs it; a request that gives up (its client went away)
     * does not cancel the fetch for the others.
     */
    private Mono<JWKSet> refresh(Instant now) {
        CompletableFuture<JWKSet> running = inFlight.get();
        if (running == null) {
            CompletableFuture<JWKSet> started = new CompletableFuture<>();
            if (inFlight.compareAndSet(null, started)) {
                lastAttempt = now;
                fetch().subscribe(
                        keys -> {
                            current.set(new Snapshot(keys, clock.instant()));
                            inFlight.set(null);
                            started.complete(keys);
                        },
                        failure -> {
                            log.warn("Could not fetch the identity provider's keys: {}", failure.toString());
                            inFlight.set(null);
                            started.completeExceptionally(new JwkSetUnavailableException(failure));
                        });
                running = started;
            } else {
                running = inFlight.get();
                if (running == null) {
                    // the other fetch finished between the two reads: its result is the current set
                    Snapshot fresh = current.get();
                    return fresh != null ? Mono.just(fresh.keys())
                            : Mono.error(new JwkSetUnavailableException(null));
                }
            }
        }
        return Mono.fromFuture(running, true);
    }

    private Mono<JWKSet> fetch() {
        return location.flatMap(uri -> web.get().uri(uri)
                        .accept(MediaType.APPLICATION_JSON, MediaType.valueOf("application/jwk-set+json"))
                        .retrieve()
                        .bodyToMono(String.class))
                .timeout(timeout)
                .map(JwkSetSource::parsePublicKeys)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty JWKS response")));
    }

    /** Only the public parts are kept, whatever the document holds. */
    private static JWKSet parsePublicKeys(String body) {
        try {
            return JWKSet.parse(body).toPublicJWKSet();
        } catch (ParseException e) {
            throw new IllegalStateException("not a JWK set: " + e.getMessage(), e);
        }
    }

    /** The keys could not be fetched and none were fetched before. */
    public static final class JwkSetUnavailableException extends RuntimeException {

        JwkSetUnavailableException(Throwable cause) {
            super("The identity provider's keys cannot be fetched", cause);
        }
    }
}

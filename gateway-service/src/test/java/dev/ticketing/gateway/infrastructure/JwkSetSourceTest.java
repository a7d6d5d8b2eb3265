package dev.ticketing.gateway.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.Race;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** The key cache on its own, against real HTTP servers: discovery, shared fetches, expiry, what is kept. */
class JwkSetSourceTest {

    private static final Duration TTL = Duration.ofMinutes(5);
    private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

    private final ECKey key = TestIssuer.newKey("key-1");
    private final AtomicReference<String> issuerInDocument = new AtomicReference<>();
    private final AtomicInteger discoveryFetches = new AtomicInteger();
    private final AtomicInteger keyFetches = new AtomicInteger();
    private final MovableClock clock = new MovableClock();
    private TestHttpServer issuer;

    @AfterEach
    void stop() {
        if (issuer != null) {
            issuer.close();
        }
    }

    @Test
    void keysAreFoundThroughTheIssuersDiscoveryDocumentReadOnce() {
        startIssuer(Duration.ZERO, new JWKSet(key));
        issuerInDocument.set(issuer.baseUrl());
        JwkSetSource source = JwkSetSource.discoveredFrom(issuer.baseUrl(), WebClient.create(), TTL, MIN_INTERVAL,
                Duration.ofSeconds(10), clock);

        assertThat(keysFor(source, "key-1")).extracting(JWK::getKeyID).containsExactly("key-1");
        clock.advance(TTL.plusSeconds(1));
        assertThat(keysFor(source, "key-1")).hasSize(1);

        assertThat(keyFetches).as("the expired set was fetched again").hasValue(2);
        assertThat(discoveryFetches).as("the discovery document, once").hasValue(1);
    }

    @Test
    void aDiscoveryDocumentOfAnotherIssuerIsNotTrusted() {
        startIssuer(Duration.ZERO, new JWKSet(key));
        issuerInDocument.set("https://evil.example");
        JwkSetSource source = JwkSetSource.discoveredFrom(issuer.baseUrl(), WebClient.create(), TTL, MIN_INTERVAL,
                Duration.ofSeconds(10), clock);

        assertThatThrownBy(() -> keysFor(source, "key-1"))
                .isInstanceOf(JwkSetSource.JwkSetUnavailableException.class);
        assertThat(keyFetches).hasValue(0);
    }

    @Test
    void concurrentRequestsShareOneFetch() {
        startIssuer(Duration.ofMillis(300), new JWKSet(key));
        JwkSetSource source = at();

        List<Race.Outcome<Integer>> outcomes = Race.run(50, i -> () -> keysFor(source, "key-1").size());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value()).isEqualTo(1));
        assertThat(keyFetches).hasValue(1);
    }

    @Test
    void unknownKeyIdsFetchAgainAtMostOncePerInterval() {
        startIssuer(Duration.ZERO, new JWKSet(key));
        JwkSetSource source = at();
        keysFor(source, "key-1");

        for (int i = 0; i < 20; i++) {
            assertThat(keysFor(source, "made-up-" + i)).isEmpty();
        }
        assertThat(keyFetches).as("the first fetch only: the interval starts with it").hasValue(1);
        clock.advance(MIN_INTERVAL);
        assertThat(keysFor(source, "made-up-again")).isEmpty();
        assertThat(keyFetches).hasValue(2);
    }

    @Test
    void onlyPublicKeysAreKeptWhateverTheDocumentHolds() {
        startIssuer(Duration.ZERO, new JWKSet(key));
        JwkSetSource source = at();

        List<JWK> keys = keysFor(source, "key-1");

        assertThat(keys).hasSize(1);
        assertThat(keys.getFirst().isPrivate()).isFalse();
    }

    private JwkSetSource at() {
        return JwkSetSource.at(URI.create(issuer.baseUrl() + "/jwks"), WebClient.create(), TTL, MIN_INTERVAL,
                Duration.ofSeconds(10), clock);
    }

    private static List<JWK> keysFor(JwkSetSource source, String kid) {
        return source.keysFor(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).build()).collectList().block();
    }

    /** Serves the discovery document and the JWKS as given (private parts included, on purpose). */
    private void startIssuer(Duration delay, JWKSet keys) {
        issuer = TestHttpServer.answering(exchange -> {
            if (exchange.getRequestURI().getPath().equals("/.well-known/openid-configuration")) {
                discoveryFetches.incrementAndGet();
                TestHttpServer.respond(exchange, 200, "{\"issuer\":\"" + issuerInDocument.get()
                        + "\",\"jwks_uri\":\"" + issuer.baseUrl() + "/jwks\"}");
                return;
            }
            keyFetches.incrementAndGet();
            TestHttpServer.delay(delay);
            TestHttpServer.respond(exchange, 200, keys.toString(false));
        });
    }

    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-12-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}

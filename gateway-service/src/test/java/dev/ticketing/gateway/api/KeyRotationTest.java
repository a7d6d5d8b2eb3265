package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.jwk.ECKey;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The resource server's view of the issuer's keys over time, with a key set kept for one second: a key is accepted
 * while the JWKS publishes it and refused once it is gone from there; the issuer being down keeps the keys last
 * fetched, and with none fetched yet a token cannot be checked (503, not 401: the token may be fine). The route is
 * {@code GET /api/queue/tokens/me}, which needs an access token only; queue-service is an echo server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "AUTH_JWK_SET_CACHE_TTL=1s", "AUTH_JWK_SET_REFRESH_MIN_INTERVAL=200ms",
        // the first test needs a gateway that knows no key yet
        "AUTH_JWK_SET_PREFETCH=false",
        // the first fetch of a cold gateway on a loaded machine
        "AUTH_JWK_SET_TIMEOUT=10s"})
@RealInfrastructure(database = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationTest {

    private static final Duration CACHE_TTL = Duration.ofSeconds(1);
    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final TestHttpServer SERVICES = TestHttpServer.echo();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("QUEUE_URL", SERVICES::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        SERVICES.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        SERVICES.resetRequests();
    }

    @Test
    @Order(1)
    void issuerUnreachableBeforeAnyKeyIsKnownIsServiceUnavailableNotInvalid() {
        ISSUER.failJwksWith(500);
        try {
            EntityExchangeResult<byte[]> result = send(ISSUER.token(1));
            assertThat(result.getStatus().value()).isEqualTo(503);
            JsonNode problem = json.readTree(result.getResponseBody());
            assertThat(problem.get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
            assertThat(result.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(SERVICES.requests()).isZero();
        } finally {
            ISSUER.failJwksWith(0);
        }
        awaitStatus(ISSUER.token(1), 200, Duration.ofSeconds(5));
    }

    @Test
    @Order(2)
    void aKeyIsAcceptedWhilePublishedAndRefusedOnceRetired() throws Exception {
        ECKey oldKey = ISSUER.signingKey();
        String oldToken = ISSUER.token(1);
        assertThat(send(oldToken).getStatus().value()).isEqualTo(200);

        // rotation, step 1: the new key is published next to the old one and signs from now on
        ECKey newKey = TestIssuer.newKey("key-2");
        ISSUER.publish(oldKey, newKey);
        ISSUER.signWith(newKey);
        String newToken = ISSUER.token(2);
        // its kid is unknown to the cached set: the gateway fetches again, but at most once per refresh interval
        // (200 ms here), so a fetch just before the publication may postpone the acceptance by that interval
        awaitStatus(newToken, 200, Duration.ofSeconds(2));
        // several cache lifetimes later the old key is still published, so its tokens still work
        Thread.sleep(CACHE_TTL.multipliedBy(2).plusMillis(500));
        assertThat(send(oldToken).getStatus().value()).as("old key, still published").isEqualTo(200);
        assertThat(send(newToken).getStatus().value()).isEqualTo(200);

        // step 2: the old key is retired
        ISSUER.publish(newKey);
        awaitStatus(oldToken, 401, CACHE_TTL.plusSeconds(4));
        EntityExchangeResult<byte[]> refused = send(oldToken);
        assertThat(json.readTree(refused.getResponseBody()).get("code").asString()).isEqualTo("ACCESS_TOKEN_INVALID");
        assertThat(send(newToken).getStatus().value()).as("new key throughout").isEqualTo(200);
        // a retired key stays refused: its kid is unknown now, and asking the JWKS again does not bring it back
        Thread.sleep(CACHE_TTL.plusMillis(300).toMillis());
        assertThat(send(oldToken).getStatus().value()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void issuerDownLaterKeepsTheKeysLastFetched() throws Exception {
        String token = ISSUER.token(3);
        assertThat(send(token).getStatus().value()).isEqualTo(200);
        ISSUER.failJwksWith(503);
        try {
            int fetchesBefore = ISSUER.jwksRequests();
            Thread.sleep(CACHE_TTL.multipliedBy(2).toMillis()); // the cached set really expires: its keys outlive it
            for (int i = 0; i < 5; i++) {
                assertThat(send(token).getStatus().value()).as("request %d with the issuer down", i).isEqualTo(200);
            }
            assertThat(ISSUER.jwksRequests()).as("the expired set was fetched again").isGreaterThan(fetchesBefore);
        } finally {
            ISSUER.failJwksWith(0);
        }
    }

    private EntityExchangeResult<byte[]> send(String accessToken) {
        return http.get().uri("/api/queue/tokens/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken)
                .exchange().expectBody().returnResult();
    }

    private void awaitStatus(String accessToken, int status, Duration timeout) {
        await("answer " + status).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> send(accessToken).getStatus().value(), answer -> answer == status);
    }
}

package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A started gateway fetches the issuer's keys once it is ready, before any request needs them: the first burst after
 * a start (an opening, a rollout) is then checked against keys already known instead of all waiting on one fetch.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@RealInfrastructure(database = false)
class SigningKeysPrefetchTest {

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

    @Test
    void theKeysAreFetchedOnceAtStartAndTheFirstTokenNeedsNoFetch() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ISSUER.jwksRequests() == 1);

        WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(20))
                .build().get().uri("/api/queue/tokens/me").header("Authorization", "Bearer " + ISSUER.token(1))
                .header("X-Queue-Token", "any").exchange().expectStatus().isOk();
        assertThat(ISSUER.jwksRequests()).isEqualTo(1);
    }
}

package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.AdmissionKeys;
import dev.ticketing.gateway.GatewayApplication;
import dev.ticketing.gateway.ProblemAssert;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.InfrastructureLocator;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Ending an admission early, across gateway instances: two gateways (two application contexts in this JVM, each with
 * its own Redis subscription) let an admission token through; queue-service revokes it the way
 * expire_on_payment.lua does (ZADD to the revocation set, PUBLISH on its channel, proven in queue-service's
 * WaitingRoomStoreTest); both refuse it within a second. A third gateway started after the revocation refuses it as
 * soon as it reports ready. The live set's periodic reload is set to an hour here, so the bound is the subscription's.
 */
class AdmissionRevocationTest {

    private static final Duration BOUND = Duration.ofSeconds(1);
    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final TestHttpServer SERVICES = TestHttpServer.echo();
    private static final AdmissionKeys ADMISSION = AdmissionKeys.generate("revocation-test-1");
    private static final String REVOCATIONS = "it:gateway-revocations:" + UUID.randomUUID() + ":admission-revoked";
    private static final List<ConfigurableApplicationContext> GATEWAYS = new ArrayList<>();
    private static RedisClient redisClient;
    private static StatefulRedisConnection<String, String> redisConnection;
    private static RedisCommands<String, String> redis;

    @BeforeAll
    static void connect() {
        InfrastructureLocator.Redis location = InfrastructureLocator.redis();
        redisClient = RedisClient.create("redis://" + location.host() + ":" + location.port());
        redisConnection = redisClient.connect();
        redis = redisConnection.sync();
    }

    @AfterAll
    static void stop() {
        GATEWAYS.forEach(ConfigurableApplicationContext::close);
        if (redis != null) {
            redis.del(REVOCATIONS);
            redisConnection.close();
            redisClient.shutdown();
        }
        SERVICES.close();
        ISSUER.close();
    }

    @Test
    void revokedAdmissionIsRefusedByEveryGatewayWithinTheBoundAndByOneStartedLater() throws Exception {
        WebTestClient first = startGateway();
        WebTestClient second = startGateway();
        Instant expiresAt = Instant.now().plusSeconds(600);
        String jti = UUID.randomUUID().toString().replace("-", "");
        String revoked = ADMISSION.token(5, "default", expiresAt, jti);
        String other = ADMISSION.token(5, expiresAt);
        for (WebTestClient gateway : List.of(first, second)) {
            assertThat(concerts(gateway, revoked).getStatus().value()).isEqualTo(200);
        }

        long started = System.nanoTime();
        redis.zadd(REVOCATIONS, expiresAt.toEpochMilli(), jti);
        redis.publish(REVOCATIONS, jti + " " + expiresAt.toEpochMilli());
        for (WebTestClient gateway : List.of(first, second)) {
            while (concerts(gateway, revoked).getStatus().value() == 200) {
                assertThat(Duration.ofNanos(System.nanoTime() - started)).as("refused within the bound")
                        .isLessThan(BOUND.multipliedBy(3));
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(took).as("both gateways refuse the revoked admission").isLessThanOrEqualTo(BOUND);
        for (WebTestClient gateway : List.of(first, second)) {
            ProblemAssert.assertProblem(concerts(gateway, revoked), 401, "TOKEN_EXPIRED", "revoked");
            assertThat(concerts(gateway, other).getStatus().value()).as("another admission").isEqualTo(200);
        }

        // started after the revocation: it knows it as soon as it reports ready
        WebTestClient third = startGateway();
        third.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("UP");
        ProblemAssert.assertProblem(concerts(third, revoked), 401, "TOKEN_EXPIRED", "revoked, late gateway");
        assertThat(concerts(third, other).getStatus().value()).isEqualTo(200);
    }

    private static EntityExchangeResult<byte[]> concerts(WebTestClient gateway, String admission) {
        return gateway.get().uri("/api/concerts/1/dates").header("Authorization", "Bearer " + ISSUER.token(5))
                .header("X-Queue-Token", admission).exchange().expectBody().returnResult();
    }

    private static WebTestClient startGateway() {
        InfrastructureLocator.Redis location = InfrastructureLocator.redis();
        Map<String, Object> properties = new HashMap<>();
        // the application's own keys read these names (application.yml), so they are set as such
        properties.put("PORT", "0");
        properties.put("REDIS_HOST", location.host());
        properties.put("REDIS_PORT", Integer.toString(location.port()));
        properties.put("REDIS_KEY_PREFIX", "it:gateway-revocations:" + UUID.randomUUID() + ":");
        properties.put("AUTH_JWK_SET_URI", ISSUER.jwkSetUri());
        properties.put("AUTH_ISSUER", TestIssuer.ISSUER);
        properties.put("AUTH_JWK_SET_TIMEOUT", "10s");
        properties.put("QUEUE_URL", SERVICES.baseUrl());
        properties.put("CONCERT_URL", SERVICES.baseUrl());
        properties.put("PAYMENT_URL", SERVICES.baseUrl());
        properties.put("USER_POINT_URL", SERVICES.baseUrl());
        properties.put("ADMISSION_ISSUER", AdmissionKeys.ISSUER);
        properties.put("ADMISSION_SIGNING_KEY_ID", ADMISSION.id());
        properties.put("ADMISSION_SIGNING_PUBLIC_KEY", ADMISSION.publicPem());
        properties.put("ADMISSION_REVOCATIONS_KEY", REVOCATIONS);
        properties.put("ADMISSION_REVOCATIONS_RELOAD", "1h");
        properties.put("TRACING_SAMPLING", "0");
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .properties(properties).run();
        GATEWAYS.add(context);
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
    }
}

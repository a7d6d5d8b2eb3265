package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.RawHttp;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.gateway.infrastructure.QueueTokenClient;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.ServiceProcess;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's edge behaviour over real HTTP: routing, the problem format of its own errors, identity and request-id
 * headers, CORS, OpenAPI aggregation, and what happens when queue-service is slow or failing. Every service URL points
 * at an echo server (what the gateway forwards is visible); token validation points at a server whose answers each
 * test chooses (slow, failing, "unknown token"). Every request carries user 1's access token (signed by a
 * {@link TestIssuer}); {@link AccessTokenTest} covers requests without one.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "resilience4j.circuitbreaker.instances.queue.sliding-window-size=60",
        "resilience4j.circuitbreaker.instances.queue.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.queue.wait-duration-in-open-state=60s",
        "GATEWAY_TOKEN_RATE_LIMIT_ENABLED=false",
        "DOWNSTREAM_RESPONSE_TIMEOUT=1s",
        "AUTH_JWK_SET_TIMEOUT=10s"})
@RealInfrastructure(database = false)
class GatewayEdgeTest {

    /** A well-formed token: it passes the gateway's shape check and is asked about at "queue-service". */
    private static final String WELL_FORMED_TOKEN = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    enum QueueBehaviour { UNKNOWN_TOKEN, UNKNOWN_TOKEN_AFTER_A_PAUSE, SLOW, BROKEN }

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final String ACCESS_TOKEN = ISSUER.token(1);
    private static final TestHttpServer SERVICES = TestHttpServer.echo();
    private static final AtomicInteger QUEUE_CALLS = new AtomicInteger();
    private static volatile QueueBehaviour queueBehaviour = QueueBehaviour.UNKNOWN_TOKEN;
    private static final TestHttpServer QUEUE_VALIDATION = TestHttpServer.answering(exchange -> {
        QUEUE_CALLS.incrementAndGet();
        switch (queueBehaviour) {
            case UNKNOWN_TOKEN -> TestHttpServer.respond(exchange, 404,
                    "{\"status\":404,\"code\":\"TOKEN_INVALID\"}");
            case UNKNOWN_TOKEN_AFTER_A_PAUSE -> {
                TestHttpServer.delay(Duration.ofMillis(300));
                TestHttpServer.respond(exchange, 404, "{\"status\":404,\"code\":\"TOKEN_INVALID\"}");
            }
            case SLOW -> {
                TestHttpServer.delay(Duration.ofSeconds(5));
                TestHttpServer.respond(exchange, 200, "{\"userId\":1,\"status\":\"ACTIVE\"}");
            }
            case BROKEN -> TestHttpServer.respond(exchange, 500, "{\"status\":500}");
        }
    });
    /** Nothing listens here: a service that is down. */
    private static final int CLOSED_PORT = ServiceProcess.freePort();

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("QUEUE_URL", SERVICES::baseUrl);
        registry.add("CONCERT_URL", SERVICES::baseUrl);
        registry.add("USER_POINT_URL", SERVICES::baseUrl);
        registry.add("PAYMENT_URL", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("peers.queue.base-url", QUEUE_VALIDATION::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        SERVICES.close();
        QUEUE_VALIDATION.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    CircuitBreakerRegistry breakers;
    @Autowired
    JsonMapper json;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + ACCESS_TOKEN)
                .responseTimeout(Duration.ofSeconds(20)).build();
        queueBehaviour = QueueBehaviour.UNKNOWN_TOKEN;
        breaker().reset();
        QUEUE_CALLS.set(0);
    }

    @Test
    void unknownPathIsANotFoundProblem() {
        JsonNode problem = problem(http.get().uri("/api/unknown").exchange(), 404);
        assertThat(problem.get("code").asString()).isEqualTo("NOT_FOUND");
        assertThat(problem.get("type").asString()).isEqualTo("https://ticketing.dev/problems/not-found");
        assertThat(problem.get("title").asString()).isEqualTo("Not found");
        assertThat(problem.get("status").asInt()).isEqualTo(404);
    }

    @Test
    void internalEndpointsAreNeverRouted() {
        for (String path : List.of("/internal/queue/tokens/" + WELL_FORMED_TOKEN, "/internal/users/1",
                "/internal/points/debits")) {
            assertThat(problem(http.get().uri(path).exchange(), 404).get("code").asString()).isEqualTo("NOT_FOUND");
        }
    }

    @Test
    void dotSegmentsAndEncodedSeparatorsCannotReachAnotherPath() {
        for (String path : List.of("/api/points/../../internal/users/1", "/api/queue/%2e%2e/%2e%2e/internal/users/1",
                "/api/queue/tokens%2F..%2F..%2Finternal", "/api/points;x=1/../../internal/users/1")) {
            RawHttp.Response response = RawHttp.send(port, "GET " + path + " HTTP/1.1");
            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.body()).contains("\"code\":\"INVALID_REQUEST\"");
        }
    }

    @Test
    void queueRouteReplacesAClientUserIdInEveryLetterCaseAndKeepsTheToken() {
        RawHttp.Response response = RawHttp.send(port, "GET /api/queue/tokens/me HTTP/1.1",
                "Authorization: Bearer " + ACCESS_TOKEN,
                "X-User-Id: 7", "x-user-id: 8", "X-USER-ID: 9", "X-Queue-Token: " + WELL_FORMED_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        JsonNode received = json.readTree(response.body());
        assertThat(received.get("path").asString()).isEqualTo("/api/queue/tokens/me");
        assertThat(received.get("headers").get("x-user-id").valueStream().map(JsonNode::asString).toList())
                .containsExactly("1");
        assertThat(received.get("headers").get("x-queue-token").get(0).asString()).isEqualTo(WELL_FORMED_TOKEN);
    }

    @Test
    void requestIdIsCreatedWhenAbsentPassedToTheServiceAndReturned() {
        EntityExchangeResult<byte[]> result = http.get().uri("/api/queue/tokens/me").exchange()
                .expectStatus().isOk().expectBody().returnResult();

        String requestId = result.getResponseHeaders().getFirst("X-Request-Id");
        assertThat(requestId).matches("[0-9a-f-]{36}");
        assertThat(receivedHeader(result, "x-request-id")).containsExactly(requestId);
    }

    @Test
    void clientRequestIdIsKeptWhenPlainAndReplacedWhenNot() {
        EntityExchangeResult<byte[]> kept = http.get().uri("/api/queue/tokens/me")
                .header("X-Request-Id", "web-42.a:b").exchange().expectBody().returnResult();
        assertThat(kept.getResponseHeaders().getFirst("X-Request-Id")).isEqualTo("web-42.a:b");
        assertThat(receivedHeader(kept, "x-request-id")).containsExactly("web-42.a:b");

        EntityExchangeResult<byte[]> replaced = http.get().uri("/api/queue/tokens/me")
                .header("X-Request-Id", "x\" injected=1").exchange().expectBody().returnResult();
        assertThat(replaced.getResponseHeaders().getFirst("X-Request-Id")).matches("[0-9a-f-]{36}");
    }

    @Test
    void traceContextContinuesIntoTheService() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        EntityExchangeResult<byte[]> result = http.get().uri("/api/queue/tokens/me")
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01").exchange()
                .expectStatus().isOk().expectBody().returnResult();

        List<String> traceparent = receivedHeader(result, "traceparent");
        assertThat(traceparent).hasSize(1);
        assertThat(traceparent.getFirst()).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
    }

    @Test
    void browserPreflightFromALocalFrontendIsAllowed() {
        http.options().uri("/api/reservations")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "x-queue-token, idempotency-key, content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowed -> assertThat(allowed.toLowerCase())
                                .contains("x-queue-token", "idempotency-key", "content-type"));
    }

    @Test
    void anIdempotencyKeyReachesTheServiceAsSentAndTheReplayHeaderIsReadableByTheBrowser() {
        EntityExchangeResult<byte[]> result = http.get().uri("/api/queue/tokens/me")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header("Idempotency-Key", "\"8e03978e-40d5-43e8-bc93-6894a57f9324\"")
                .exchange().expectStatus().isOk().expectBody().returnResult();

        assertThat(receivedHeader(result, "idempotency-key"))
                .containsExactly("\"8e03978e-40d5-43e8-bc93-6894a57f9324\"");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS))
                .contains("Idempotent-Replayed");
    }

    @Test
    void browserFromAnUnknownOriginIsRefused() {
        http.options().uri("/api/reservations")
                .header(HttpHeaders.ORIGIN, "https://evil.example")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
                .exchange()
                .expectStatus().isForbidden()
                .expectHeader().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
    }

    @Test
    void gatewayErrorsAreReadableByTheBrowser() {
        http.get().uri("/api/concerts/1/dates").header(HttpHeaders.ORIGIN, "http://127.0.0.1:3000").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://127.0.0.1:3000")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains("Retry-After", "X-Request-Id"));
    }

    @Test
    void missingOrMalformedTokenIsRefusedWithoutAskingQueueService() {
        assertThat(problem(http.get().uri("/api/concerts/1/dates").exchange(), 401).get("code").asString())
                .isEqualTo("TOKEN_INVALID");
        RawHttp.Response blank = RawHttp.send(port, "GET /api/concerts/1/dates HTTP/1.1",
                "Authorization: Bearer " + ACCESS_TOKEN, "X-Queue-Token:    ");
        assertThat(blank.status()).isEqualTo(401);
        assertThat(blank.body()).contains("\"code\":\"TOKEN_INVALID\"");
        for (String garbage : List.of("", "short", "A".repeat(201), "AAAAAAAAAAAAAAAAAAAAAAAA/../../actuator",
                "AAAAAAAAAAAAAAAAAAAAAAAA%2F..")) {
            JsonNode problem = problem(http.get().uri("/api/points").header("X-Queue-Token", garbage).exchange(),
                    401);
            assertThat(problem.get("code").asString()).as(garbage).isEqualTo("TOKEN_INVALID");
        }
        assertThat(QUEUE_CALLS).hasValue(0);
    }

    @Test
    void tokenUnknownToQueueServiceIsInvalidAndNeverOpensTheCircuit() {
        for (int i = 0; i < 8; i++) {
            JsonNode problem = problem(http.get().uri("/api/payments/1").header("X-Queue-Token", WELL_FORMED_TOKEN)
                    .exchange(), 401);
            assertThat(problem.get("code").asString()).isEqualTo("TOKEN_INVALID");
        }
        assertThat(QUEUE_CALLS).hasValue(8);
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void manyConcurrentValidationsAreAllAnsweredNotCappedByABulkhead() {
        queueBehaviour = QueueBehaviour.UNKNOWN_TOKEN_AFTER_A_PAUSE;
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/concerts/1/dates"))
                .header("X-Queue-Token", WELL_FORMED_TOKEN).header("Authorization", "Bearer " + ACCESS_TOKEN)
                .timeout(Duration.ofSeconds(20)).build();

        List<Race.Outcome<Integer>> outcomes = Race.run(60, i -> () ->
                client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value()).isEqualTo(401));
        assertThat(QUEUE_CALLS).hasValue(60);
    }

    @Test
    void slowQueueServiceIsServiceUnavailableWithinTheTimeout() {
        queueBehaviour = QueueBehaviour.SLOW;
        long started = System.nanoTime();
        JsonNode problem = problem(http.get().uri("/api/concerts/1/dates").header("X-Queue-Token", WELL_FORMED_TOKEN)
                .exchange(), 503);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(problem.get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.get("detail").asString()).contains("did not answer in time");
        // the configured timeout is 1 s; the margin is for a loaded 2-core machine, far below the 5 s the server takes
        assertThat(took).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
        assertThat(breaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void failingQueueServiceOpensTheCircuitAndLaterRequestsAreRefusedAtOnce() {
        queueBehaviour = QueueBehaviour.BROKEN;
        for (int i = 0; i < 4; i++) {
            problem(http.get().uri("/api/concerts/1/dates").header("X-Queue-Token", WELL_FORMED_TOKEN).exchange(), 503);
        }
        assertThat(breaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        JsonNode problem = problem(http.get().uri("/api/points").header("X-Queue-Token", WELL_FORMED_TOKEN)
                .exchange(), 503);
        assertThat(problem.get("detail").asString()).contains("not asking it");
        assertThat(QUEUE_CALLS).as("no call while the circuit is open").hasValue(4);
        http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody(String.class)
                .value(metrics -> assertThat(metrics)
                        .containsPattern("resilience4j_circuitbreaker_state\\{[^}]*name=\"queue\""
                                + "[^}]*state=\"open\"[^}]*} 1.0"));
    }

    @Test
    void unreachableServiceIsAServiceUnavailableProblem() {
        JsonNode problem = problem(http.get().uri("/v3/api-docs/payment-service").exchange(), 503);
        assertThat(problem.get("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(problem.get("detail").asString()).isEqualTo("payment-service could not be reached");
    }

    @Test
    @SuppressWarnings("unchecked")
    void swaggerUiListsTheDocumentOfEveryService() {
        http.get().uri("/v3/api-docs/gateway/swagger-config").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.urls[*].name").value(names -> assertThat((List<Object>) names).containsExactlyInAnyOrder(
                        "queue-service", "concert-service", "payment-service", "user-point-service"))
                .jsonPath("$.urls[*].url").value(urls -> assertThat((List<Object>) urls).containsExactlyInAnyOrder(
                        "/v3/api-docs/queue-service", "/v3/api-docs/concert-service",
                        "/v3/api-docs/payment-service", "/v3/api-docs/user-point-service"));
        http.get().uri("/swagger-ui/index.html").exchange().expectStatus().isOk();
    }

    @Test
    void serviceDocumentIsFetchedFromTheServiceItself() {
        http.get().uri("/v3/api-docs/concert-service").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.path").isEqualTo("/v3/api-docs");
    }

    @Test
    void tokenIssuanceLimitCanBeSwitchedOffForLoadTests() {
        for (int i = 0; i < 5; i++) {
            http.post().uri("/api/queue/tokens").contentType(MediaType.APPLICATION_JSON).bodyValue("{\"userId\":1}")
                    .exchange()
                    .expectStatus().isOk()
                    .expectHeader().doesNotExist("X-RateLimit-Remaining")
                    .expectBody().jsonPath("$.path").isEqualTo("/api/queue/tokens");
        }
    }

    @Test
    void healthProbesAndMetricsAreExposed() {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness",
                "/actuator/prometheus")) {
            http.get().uri(path).exchange().expectStatus().isOk();
        }
    }

    private JsonNode problem(WebTestClient.ResponseSpec response, int status) {
        byte[] body = response.expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        JsonNode problem = json.readTree(body);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("https://ticketing.dev/problems/");
        return problem;
    }

    private List<String> receivedHeader(EntityExchangeResult<byte[]> echoed, String name) {
        JsonNode values = json.readTree(echoed.getResponseBody()).get("headers").get(name);
        return values == null ? List.of() : values.valueStream().map(JsonNode::asString).toList();
    }

    private CircuitBreaker breaker() {
        return breakers.circuitBreaker(QueueTokenClient.PEER);
    }
}

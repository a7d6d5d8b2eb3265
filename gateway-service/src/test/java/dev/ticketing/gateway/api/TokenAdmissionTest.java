package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ticketing.gateway.AdmissionKeys;
import dev.ticketing.gateway.ProblemAssert;
import dev.ticketing.gateway.RawHttp;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.InfrastructureLocator;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The token check against the real queue-service (its own JVM on real Redis), for every class of route. The services behind the protected routes are an echo server, so what
 * reaches a service (above all {@code X-User-Id}) is visible. Requests carry the access token of the queue token's
 * user (signed by a {@link TestIssuer}) unless a test says otherwise.
 *
 * <p>queue-service admits one user at a time here, every 200 ms, for 15 s: user 1 is ACTIVE and user 2 WAITING at the
 * start; once user 1's token runs out it is EXPIRED and user 2 is admitted. The methods run in that order, and the
 * last one stops queue-service.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "TOKEN_ISSUANCE_RATE=1", "TOKEN_ISSUANCE_BURST=3",
        // the tests stand for several clients behind one proxy: the client is the X-Forwarded-For entry
        "gateway.client-address.trusted-proxy-hops=1",
        "AUTH_JWK_SET_TIMEOUT=10s"})
@RealInfrastructure(database = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TokenAdmissionTest {

    private static final Duration ACTIVE_TTL = Duration.ofSeconds(15);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Routes that need an ACTIVE token, one per service and method. */
    private static final List<Request> ACTIVE_ONLY = List.of(
            new Request(HttpMethod.GET, "/api/concerts/1/dates"),
            new Request(HttpMethod.GET, "/api/concerts/1/dates/1/seats"),
            new Request(HttpMethod.POST, "/api/reservations"),
            new Request(HttpMethod.POST, "/api/payments"));
    /** Routes where a waiting user may go. */
    private static final List<Request> WAITING_OR_ACTIVE = List.of(
            new Request(HttpMethod.GET, "/api/points"),
            new Request(HttpMethod.POST, "/api/points/charges"));

    record Request(HttpMethod method, String path) {
    }

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final AdmissionKeys ADMISSION = AdmissionKeys.generate("queue-test-1");
    private static final TestHttpServer SERVICES = TestHttpServer.echo();
    private static ServiceProcess queue;
    private static CompletableFuture<Void> servicesStarted;
    private static String queueUrl;
    private static final String QUEUE_PREFIX = "it:gateway-queue:" + UUID.randomUUID() + ":";
    private static String activeToken;
    private static String waitingToken;

    @DynamicPropertySource
    static void services(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("QUEUE_URL", TokenAdmissionTest::startQueueService);
        registry.add("CONCERT_URL", SERVICES::baseUrl);
        registry.add("PAYMENT_URL", SERVICES::baseUrl);
        registry.add("USER_POINT_URL", SERVICES::baseUrl);
        registry.add("ADMISSION_ISSUER", () -> AdmissionKeys.ISSUER);
        registry.add("ADMISSION_SIGNING_KEY_ID", ADMISSION::id);
        registry.add("ADMISSION_SIGNING_PUBLIC_KEY", ADMISSION::publicPem);
        registry.add("ADMISSION_REVOCATIONS_KEY", () -> QUEUE_PREFIX + "admission-revoked");
    }

    /**
     * Starts queue-service in the background on a port chosen now, so the gateway's context starts meanwhile;
     * {@link #setUp()} waits for it.
     */
    static synchronized String startQueueService() {
        if (servicesStarted == null) {
            int queuePort = ServiceProcess.freePort();
            InfrastructureLocator.Redis redis = InfrastructureLocator.redis();
            CompletableFuture<ServiceProcess> queueStarted = CompletableFuture.supplyAsync(() ->
                    ServiceProcess.start("queue-service", Map.ofEntries(
                            Map.entry("spring.data.redis.host", redis.host()),
                            Map.entry("spring.data.redis.port", Integer.toString(redis.port())),
                            Map.entry("ticketing.redis.key-prefix", QUEUE_PREFIX),
                            Map.entry("ticketing.queue.capacity", "1"),
                            Map.entry("ticketing.queue.admission-interval", "200ms"),
                            Map.entry("ticketing.queue.active-ttl", ACTIVE_TTL.toSeconds() + "s"),
                            // no Kafka here: the payment listener would join the running system's consumer group
                            Map.entry("ticketing.queue.consume-payment-events", "false"),
                            Map.entry("spring.kafka.admin.auto-create", "false"),
                            Map.entry("ticketing.admission.issuer", AdmissionKeys.ISSUER),
                            Map.entry("ticketing.admission.keys[0].id", ADMISSION.id()),
                            Map.entry("ticketing.admission.keys[0].public-key", ADMISSION.publicPem()),
                            Map.entry("ticketing.admission.keys[0].private-key", ADMISSION.privatePem())),
                            queuePort));
            servicesStarted = queueStarted.thenAccept(started -> queue = started);
            queueUrl = "http://127.0.0.1:" + queuePort;
        }
        return queueUrl;
    }

    @AfterAll
    static void stopServices() {
        if (servicesStarted != null) {
            servicesStarted.exceptionally(failure -> null).join();
        }
        for (AutoCloseable resource : new AutoCloseable[] {queue, SERVICES, ISSUER}) {
            try {
                if (resource != null) {
                    resource.close();
                }
            } catch (Exception ignored) {
                // the next resource still has to go
            }
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    WebTestClient http;
    WebTestClient queueDirect;

    @BeforeEach
    void setUp() {
        servicesStarted.join();
        SERVICES.resetRequests();
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        queueDirect = WebTestClient.bindToServer().baseUrl(queue.baseUrl())
                .responseTimeout(Duration.ofSeconds(20)).build();
        if (activeToken == null) {
            activeToken = issueDirectly(1);
            awaitStatus(activeToken, "ACTIVE", Duration.ofSeconds(10));
            waitingToken = issueDirectly(2);
            assertThat(statusAtQueue(waitingToken)).isEqualTo("WAITING");
        }
    }

    @Test
    @Order(1)
    void requestWithoutATokenIsRefusedOnEveryProtectedRoute() {
        for (Request request : all()) {
            assertProblem(send(request, null), 401, "TOKEN_INVALID", request);
        }
    }

    @Test
    @Order(1)
    void garbageOrUnknownTokenIsRefusedOnEveryProtectedRoute() {
        for (Request request : all()) {
            assertProblem(send(request, "not a token!"), 401, "TOKEN_INVALID", request);
            assertProblem(send(request, "QUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFB"), 401, "TOKEN_INVALID", request);
        }
    }

    @Test
    @Order(1)
    void waitingTokenGetsItsPlaceInLineOnActiveOnlyRoutes() {
        for (Request request : ACTIVE_ONLY) {
            EntityExchangeResult<byte[]> result = send(request, waitingToken);
            JsonNode problem = assertProblem(result, 403, "TOKEN_WAITING", request);
            assertThat(result.getResponseHeaders().getFirst("Retry-After")).isEqualTo("5");
            assertThat(problem.get("position").asLong()).isZero();
            assertThat(problem.get("estimatedWaitSeconds").asLong()).isNotNegative();
        }
    }

    @Test
    @Order(1)
    void waitingTokenReachesThePointsService() {
        for (Request request : WAITING_OR_ACTIVE) {
            assertThat(userIdsReceived(send(request, waitingToken), request)).containsExactly("2");
        }
    }

    @Test
    @Order(1)
    void activeTokenReachesEveryServiceAsItsUser() {
        assertStillActive(activeToken);
        for (Request request : all()) {
            EntityExchangeResult<byte[]> result = send(request, activeToken);
            assertThat(userIdsReceived(result, request)).containsExactly("1");
            assertThat(received(result).get("headers").get("x-queue-token").get(0).asString())
                    .isEqualTo(activeToken);
            assertThat(received(result).get("path").asString()).isEqualTo(request.path());
        }
    }

    @Test
    @Order(1)
    void admissionTokenReachesEveryServiceAsItsUserAndRoom() {
        assertStillActive(activeToken);
        String admission = admissionTokenThroughTheGateway(activeToken, 1);

        for (Request request : all()) {
            EntityExchangeResult<byte[]> result = send(request, admission, 1);
            assertThat(userIdsReceived(result, request)).containsExactly("1");
            assertThat(received(result).get("headers").get("x-admitted-room").get(0).asString())
                    .isEqualTo("default");
        }
    }

    /**
     * One admitted token (signed like queue-service's, with a lifetime longer than this test's 15 s), 1,000 protected
     * requests: queue-service's own request counter for its validation route does not move.
     */
    @Test
    @Order(3)
    void protectedRequestsWithAnAdmissionTokenNeverCallQueueService() {
        String admission = ADMISSION.token(7, java.time.Instant.now().plusSeconds(600));
        String accessToken = ISSUER.token(7);
        double validationsBefore = awaitValidationsSettled();

        for (int i = 0; i < 1000; i++) {
            // the body is read so the connection goes back to the client's pool
            http.get().uri("/api/concerts/1/dates").header("Authorization", "Bearer " + accessToken)
                    .header("X-Queue-Token", admission).exchange().expectStatus().isOk().expectBody().returnResult();
        }

        assertThat(queueValidations()).as("queue-service's internal validation requests").isEqualTo(validationsBefore);
        // the counter does count: an opaque token is still checked there
        send(ACTIVE_ONLY.getFirst(), waitingToken, 2);
        assertThat(awaitValidationsSettled()).isEqualTo(validationsBefore + 1);
    }

    @Test
    @Order(1)
    void forgedAdmittedRoomNeverReachesAService() {
        String admission = admissionTokenThroughTheGateway(activeToken, 1);
        RawHttp.Response response = RawHttp.send(port, "GET /api/concerts/1/dates HTTP/1.1",
                "Authorization: Bearer " + ISSUER.token(1), "X-Admitted-Room: vip", "x-admitted-room: backstage",
                "X-Queue-Token: " + admission, "Content-Length: 0");
        assertThat(response.status()).isEqualTo(200);
        JsonNode rooms = JSON.readTree(response.body()).get("headers").get("x-admitted-room");
        assertThat(rooms.valueStream().map(JsonNode::asString).toList()).containsExactly("default");
        // and on a route without a queue token (the waiting poll), none at all
        RawHttp.Response poll = RawHttp.send(port, "GET /api/points HTTP/1.1",
                "Authorization: Bearer " + ISSUER.token(2), "X-Admitted-Room: vip", "X-Queue-Token: " + waitingToken,
                "Content-Length: 0");
        assertThat(JSON.readTree(poll.body()).get("headers").get("x-admitted-room")).isNull();
    }

    @Test
    @Order(1)
    void anotherUsersOrAForgedAdmissionTokenIsRefused() {
        String admission = admissionTokenThroughTheGateway(activeToken, 1);
        String forged = AdmissionKeys.generate(ADMISSION.id()).token(1, java.time.Instant.now().plusSeconds(60));
        for (Request request : all()) {
            assertProblem(send(request, admission, 2), 403, "TOKEN_NOT_YOURS", request);
            assertProblem(send(request, forged, 1), 401, "TOKEN_INVALID", request);
            // an access token is no admission token
            assertProblem(send(request, ISSUER.token(1), 1), 401, "TOKEN_INVALID", request);
        }
        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
    }

    @Test
    @Order(1)
    void anotherUsersQueueTokenIsRefusedOnEveryProtectedRouteAndItsStateIsNotTold() {
        assertStillActive(activeToken);
        for (Request request : all()) {
            assertProblem(send(request, activeToken, 2), 403, "TOKEN_NOT_YOURS", request);
            assertProblem(send(request, waitingToken, 1), 403, "TOKEN_NOT_YOURS", request);
        }
        // queue-service answers /tokens/me itself, for the user of the access token
        EntityExchangeResult<byte[]> status = http.get().uri("/api/queue/tokens/me")
                .header("Authorization", "Bearer " + ISSUER.token(2)).header("X-Queue-Token", activeToken)
                .exchange().expectBody().returnResult();
        assertProblem(status, 403, "TOKEN_NOT_YOURS", new Request(HttpMethod.GET, "/api/queue/tokens/me"));
        assertThat(new String(status.getResponseBody())).doesNotContain(activeToken).doesNotContain("ACTIVE");
        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
    }

    @Test
    @Order(1)
    void queueTokenWithoutAnAccessTokenIsUnauthenticated() {
        for (Request request : all()) {
            EntityExchangeResult<byte[]> result = http.method(request.method()).uri(request.path())
                    .header("X-Queue-Token", activeToken).exchange().expectBody().returnResult();
            assertProblem(result, 401, "UNAUTHENTICATED", request);
        }
        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
    }

    @Test
    @Order(2)
    void issuanceThroughTheGatewayIsForTheAccessTokensUserWhateverTheBodySays() {
        // user 2 names user 1 (who holds the ACTIVE token): user 2 gets their own waiting token back
        EntityExchangeResult<byte[]> asked = http.post().uri("/api/queue/tokens")
                .header("Authorization", "Bearer " + ISSUER.token(2)).header("X-Forwarded-For", "203.0.113.50")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("userId", 1)).exchange()
                .expectStatus().isOk().expectBody().returnResult();
        JsonNode token = json.readTree(asked.getResponseBody());
        assertThat(token.get("userId").asLong()).isEqualTo(2);
        assertThat(token.get("token").asString()).isEqualTo(waitingToken).isNotEqualTo(activeToken);
        // no body at all: a new place for user 5
        http.post().uri("/api/queue/tokens").header("Authorization", "Bearer " + ISSUER.token(5))
                .header("X-Forwarded-For", "203.0.113.51").exchange()
                .expectStatus().isCreated()
                .expectBody().jsonPath("$.userId").isEqualTo(5).jsonPath("$.status").isEqualTo("WAITING");
    }

    @Test
    @Order(2)
    void forgedUserIdNeverReachesAService() {
        assertStillActive(activeToken);
        for (Request request : all()) {
            RawHttp.Response response = RawHttp.send(port, request.method() + " " + request.path() + " HTTP/1.1",
                    "Authorization: Bearer " + ISSUER.token(1), "X-User-Id: 999", "x-user-id: 998", "X-USER-ID: 997", "X-Queue-Token: " + activeToken,
                    "Content-Length: 0");
            assertThat(response.status()).as(request.toString()).isEqualTo(200);
            JsonNode userIds = JSON.readTree(response.body()).get("headers").get("x-user-id");
            assertThat(userIds.valueStream().map(JsonNode::asString).toList()).as(request.toString())
                    .containsExactly("1");
        }
    }

    @Test
    @Order(2)
    void queueStatusIsServedByQueueServiceThroughTheGateway() {
        http.get().uri("/api/queue/tokens/me").header("X-Queue-Token", waitingToken)
                .header("Authorization", "Bearer " + ISSUER.token(2)).exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("WAITING").jsonPath("$.userId").isEqualTo(2);
    }

    @Test
    @Order(3)
    void tokenIssuanceIsLimitedPerClientAfterTheBurst() {
        issueThroughGateway(3, "203.0.113.99").expectStatus().is2xxSuccessful()
                .expectHeader().valueEquals("X-RateLimit-Burst-Capacity", "3");
        int burst = 3;
        long started = System.nanoTime();
        int allowed = 0;
        EntityExchangeResult<byte[]> limited = null;
        while (limited == null && allowed < burst + 5) {
            EntityExchangeResult<byte[]> result = issueThroughGateway(3, "203.0.113.7").expectBody().returnResult();
            if (result.getStatus().value() == 429) {
                limited = result;
            } else {
                assertThat(result.getStatus().is2xxSuccessful()).isTrue();
                allowed++;
            }
        }
        long elapsedSeconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

        assertThat(limited).as("a 429 after the burst").isNotNull();
        // the bucket refills 1 per second, so a slow machine may see one more per second elapsed
        assertThat(allowed).isBetween(burst, burst + (int) elapsedSeconds + 1);
        assertProblem(limited, 429, "RATE_LIMITED", new Request(HttpMethod.POST, "/api/queue/tokens"));
        assertThat(limited.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
        // another client is not affected
        issueThroughGateway(4, "203.0.113.8").expectStatus().is2xxSuccessful();
    }

    @Test
    @Order(4)
    void expiredTokenIsRefusedAndTheNextUserIsAdmitted() {
        awaitStatus(activeToken, "EXPIRED", ACTIVE_TTL.plusSeconds(10));
        for (Request request : all()) {
            assertProblem(send(request, activeToken), 401, "TOKEN_EXPIRED", request);
        }
        awaitStatus(waitingToken, "ACTIVE", Duration.ofSeconds(10));
        for (Request request : ACTIVE_ONLY) {
            assertThat(userIdsReceived(send(request, waitingToken), request)).containsExactly("2");
        }
    }

    @Test
    @Order(5)
    void stoppedQueueServiceMeansServiceUnavailableWithinTheTimeout() {
        queue.kill();
        for (Request request : all()) {
            long started = System.nanoTime();
            EntityExchangeResult<byte[]> result = send(request, waitingToken);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            JsonNode problem = assertProblem(result, 503, "SERVICE_UNAVAILABLE", request);
            assertThat(problem.get("detail").asString()).contains("queue token cannot be checked");
            // the configured timeout is 1 s (peers.queue.read-timeout); a refused connection is faster still
            assertThat(took).as(request.toString()).isLessThan(Duration.ofMillis(1500));
        }
    }

    private static List<Request> all() {
        return java.util.stream.Stream.concat(ACTIVE_ONLY.stream(), WAITING_OR_ACTIVE.stream()).toList();
    }

    /** With the access token of the queue token's user (user 1 when there is no queue token). */
    private EntityExchangeResult<byte[]> send(Request request, String token) {
        return send(request, token, token != null && token.equals(waitingToken) ? 2 : 1);
    }

    private EntityExchangeResult<byte[]> send(Request request, String token, long accessTokenUser) {
        WebTestClient.RequestBodySpec spec = http.method(request.method()).uri(request.path())
                .header("Authorization", "Bearer " + ISSUER.token(accessTokenUser));
        if (token != null) {
            spec.header("X-Queue-Token", token);
        }
        if (request.method() == HttpMethod.POST) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return spec.exchange().expectBody().returnResult();
    }

    private JsonNode assertProblem(EntityExchangeResult<byte[]> result, int status, String code, Request request) {
        return ProblemAssert.assertProblem(result, status, code, request.toString());
    }

    private List<String> userIdsReceived(EntityExchangeResult<byte[]> result, Request request) {
        assertThat(result.getStatus().value()).as(request.toString()).isEqualTo(200);
        JsonNode values = received(result).get("headers").get("x-user-id");
        return values == null ? List.of() : values.valueStream().map(JsonNode::asString).toList();
    }

    private JsonNode received(EntityExchangeResult<byte[]> result) {
        return json.readTree(result.getResponseBody());
    }

    private WebTestClient.ResponseSpec issueThroughGateway(long userId, String client) {
        return http.post().uri("/api/queue/tokens").header("X-Forwarded-For", client)
                .header("Authorization", "Bearer " + ISSUER.token(userId))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange();
    }

    private String issueDirectly(long userId) {
        byte[] body = queueDirect.post().uri("/api/queue/tokens").header("X-User-Id", Long.toString(userId))
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return json.readTree(body).get("token").asString();
    }

    private String admissionTokenThroughTheGateway(String token, long userId) {
        byte[] body = http.get().uri("/api/queue/tokens/me").header("X-Queue-Token", token)
                .header("Authorization", "Bearer " + ISSUER.token(userId)).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode status = json.readTree(body);
        assertThat(status.get("status").asString()).isEqualTo("ACTIVE");
        return status.get("admissionToken").asString();
    }

    /** The count once it stopped moving (a request's timer is recorded just after its answer is sent). */
    private double awaitValidationsSettled() {
        AtomicReference<Double> last = new AtomicReference<>(queueValidations());
        await("queue-service's validation count settled").atMost(Duration.ofSeconds(3))
                .pollInterval(Duration.ofMillis(100)).during(Duration.ofMillis(300))
                .until(() -> {
                    double now = queueValidations();
                    return now == last.getAndSet(now);
                });
        return last.get();
    }

    /** queue-service's own count of requests to its internal validation route. */
    private double queueValidations() {
        String metrics = new String(queueDirect.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        return metrics.lines()
                .filter(line -> line.startsWith("http_server_requests_seconds_count{")
                        && line.contains("uri=\"/internal/queue/tokens/{token}\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private String statusAtQueue(String token) {
        byte[] body = queueDirect.get().uri("/internal/queue/tokens/{token}", token).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return json.readTree(body).get("status").asString();
    }

    private void assertStillActive(String token) {
        assertThat(statusAtQueue(token)).as("precondition: user 1's token is still within its %s", ACTIVE_TTL)
                .isEqualTo("ACTIVE");
    }

    private void awaitStatus(String token, String status, Duration timeout) {
        await("token becomes " + status).atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(() -> statusAtQueue(token), status::equals);
    }
}

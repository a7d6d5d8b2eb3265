package dev.ticketing.gateway.api;

import static dev.ticketing.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.RealInfrastructure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The waiting rooms' routes at the gateway: the operator's controls only for access tokens whose {@code roles} hold
 * OPERATOR (everyone else 403 {@code ACCESS_DENIED}, nothing forwarded); a room's public view and the list of
 * concerts for any logged-in user without a queue token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "QUEUE_TOKEN_TIMEOUT=10s", "AUTH_JWK_SET_TIMEOUT=10s"})
@RealInfrastructure(database = false)
class OperatorRoutesTest {

    private static final long USER = 7;
    private static final long OPERATOR = 1001;
    private static final List<Request> OPS_ROUTES = List.of(
            new Request(HttpMethod.GET, "/api/ops/rooms/1"),
            new Request(HttpMethod.PATCH, "/api/ops/rooms/1"),
            new Request(HttpMethod.POST, "/api/ops/rooms/1/pause"),
            new Request(HttpMethod.POST, "/api/ops/rooms/1/resume"),
            new Request(HttpMethod.PUT, "/api/ops/rooms/1/opens-at"),
            new Request(HttpMethod.GET, "/api/ops/rooms/1/audit"));

    record Request(HttpMethod method, String path) {
    }

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final TestHttpServer QUEUE = TestHttpServer.echo();
    private static final TestHttpServer CONCERT = TestHttpServer.echo();
    private static final TestHttpServer QUEUE_VALIDATION = TestHttpServer.answering(exchange ->
            TestHttpServer.respond(exchange, 404, "{\"status\":404,\"code\":\"TOKEN_INVALID\"}"));

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("QUEUE_URL", QUEUE::baseUrl);
        registry.add("CONCERT_URL", CONCERT::baseUrl);
        registry.add("PAYMENT_URL", CONCERT::baseUrl);
        registry.add("USER_POINT_URL", CONCERT::baseUrl);
        registry.add("peers.queue.base-url", QUEUE_VALIDATION::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        QUEUE.close();
        CONCERT.close();
        QUEUE_VALIDATION.close();
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
        QUEUE.resetRequests();
        CONCERT.resetRequests();
    }

    @Test
    void everyOperatorRouteIsDeniedToATokenWithoutTheOperatorRole() {
        String user = ISSUER.token(USER);
        String noRoles = TestIssuer.sign(ISSUER.signingKey(), TestIssuer.claims(USER).claim("roles", null).build());
        String lowerCase = TestIssuer.sign(ISSUER.signingKey(), TestIssuer.claims(USER)
                .claim("roles", List.of("USER", "operator")).build());
        for (Request request : OPS_ROUTES) {
            for (String token : List.of(user, noRoles, lowerCase)) {
                assertProblem(send(request, token), 403, "ACCESS_DENIED", request.toString());
            }
            assertProblem(send(request, null), 401, "UNAUTHENTICATED", request.toString());
        }
        assertThat(QUEUE.requests()).as("requests that reached queue-service").isZero();
    }

    @Test
    void anOperatorReachesQueueServiceAsThatUser() {
        String operator = TestIssuer.sign(ISSUER.signingKey(), TestIssuer.claims(OPERATOR)
                .claim("roles", List.of("USER", "OPERATOR")).build());
        for (Request request : OPS_ROUTES) {
            JsonNode received = json.readTree(ok(send(request, operator)));
            assertThat(received.get("path").asString()).isEqualTo(request.path());
            assertThat(received.get("method").asString()).isEqualTo(request.method().name());
            assertThat(received.get("headers").get("x-user-id").get(0).asString()).isEqualTo("1001");
        }
        assertThat(QUEUE.requests()).isEqualTo(OPS_ROUTES.size());
    }

    @Test
    void aRoomAndTheListOfConcertsNeedALoginButNoQueueToken() {
        String user = ISSUER.token(USER);
        assertThat(json.readTree(ok(send(new Request(HttpMethod.GET, "/api/rooms/1"), user))).get("path").asString())
                .isEqualTo("/api/rooms/1");
        assertThat(json.readTree(ok(send(new Request(HttpMethod.GET, "/api/concerts"), user))).get("path")
                .asString()).isEqualTo("/api/concerts");
        // a concert's dates still need an admission
        assertProblem(send(new Request(HttpMethod.GET, "/api/concerts/1/dates"), user), 401, "TOKEN_INVALID",
                "dates without a queue token");
        assertProblem(send(new Request(HttpMethod.GET, "/api/concerts"), null), 401, "UNAUTHENTICATED",
                "concerts without a login");
        assertThat(CONCERT.requests()).isEqualTo(1);
    }

    private static byte[] ok(EntityExchangeResult<byte[]> result) {
        assertThat(result.getStatus().value()).as(new String(result.getResponseBodyContent() == null ? new byte[0]
                : result.getResponseBodyContent())).isEqualTo(200);
        return result.getResponseBodyContent();
    }

    private EntityExchangeResult<byte[]> send(Request request, String accessToken) {
        WebTestClient.RequestBodySpec spec = http.method(request.method()).uri(request.path());
        if (accessToken != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
        if (request.method() != HttpMethod.GET) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return spec.exchange().expectBody().returnResult();
    }
}

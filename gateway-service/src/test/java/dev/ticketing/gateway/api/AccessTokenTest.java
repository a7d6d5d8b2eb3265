package dev.ticketing.gateway.api;

import static dev.ticketing.gateway.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.ticketing.gateway.RawHttp;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.Race;
import dev.ticketing.testsupport.RealInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway as an OAuth2 resource server, over real HTTP: access tokens signed in the test and checked against a
 * real JWKS server ({@link TestIssuer}); the services behind are an echo server that counts what reaches it, and the
 * queue-token check is a server that knows one ACTIVE token of user 1.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "TOKEN_ISSUANCE_RATE=1000", "TOKEN_ISSUANCE_BURST=1000",
        // what is under test is the access token; a loaded machine must not turn the queue-token check into a 503
        "QUEUE_TOKEN_TIMEOUT=10s", "AUTH_JWK_SET_TIMEOUT=10s"})
@RealInfrastructure(database = false)
class AccessTokenTest {

    private static final long USER_A = 1;
    private static final long USER_B = 2;
    /** User A's ACTIVE queue token at the queue-token server. */
    private static final String QUEUE_TOKEN_A = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    /** Every route that needs an access token, one per service and method; the first six also need a queue token. */
    private static final List<Request> WITH_QUEUE_TOKEN = List.of(
            new Request(HttpMethod.GET, "/api/concerts/1/dates"),
            new Request(HttpMethod.GET, "/api/concerts/1/dates/1/seats"),
            new Request(HttpMethod.POST, "/api/reservations"),
            new Request(HttpMethod.POST, "/api/payments"),
            new Request(HttpMethod.GET, "/api/points"),
            new Request(HttpMethod.POST, "/api/points/charges"));
    private static final List<Request> PROTECTED = java.util.stream.Stream.concat(WITH_QUEUE_TOKEN.stream(),
            java.util.stream.Stream.of(new Request(HttpMethod.POST, "/api/queue/tokens"),
                    new Request(HttpMethod.GET, "/api/queue/tokens/me"))).toList();
    private static final List<Request> PUBLIC = List.of(
            new Request(HttpMethod.POST, "/api/users"),
            new Request(HttpMethod.POST, "/api/auth/login"),
            new Request(HttpMethod.GET, "/.well-known/jwks.json"),
            new Request(HttpMethod.GET, "/.well-known/openid-configuration"));

    record Request(HttpMethod method, String path) {
    }

    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final TestHttpServer SERVICES = TestHttpServer.echo();
    private static final TestHttpServer QUEUE_VALIDATION = TestHttpServer.answering(exchange -> {
        if (exchange.getRequestURI().getPath().endsWith("/" + QUEUE_TOKEN_A)) {
            TestHttpServer.respond(exchange, 200, "{\"userId\":" + USER_A + ",\"status\":\"ACTIVE\",\"expiresAt\":\""
                    + Instant.now().plus(Duration.ofMinutes(10)) + "\"}");
        } else {
            TestHttpServer.respond(exchange, 404, "{\"status\":404,\"code\":\"TOKEN_INVALID\"}");
        }
    });

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("QUEUE_URL", SERVICES::baseUrl);
        registry.add("CONCERT_URL", SERVICES::baseUrl);
        registry.add("PAYMENT_URL", SERVICES::baseUrl);
        registry.add("USER_POINT_URL", SERVICES::baseUrl);
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
    JsonMapper json;
    @Autowired
    ApplicationContext context;

    WebTestClient http;

    @BeforeEach
    void setUp() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20)).build();
        SERVICES.resetRequests();
        QUEUE_VALIDATION.resetRequests();
    }

    @Test
    void withoutAnAccessTokenEveryUserRouteIsUnauthenticatedAndNothingIsForwarded() {
        for (Request request : PROTECTED) {
            assertUnauthenticated(send(request, null, null), request);
            // a queue token alone is not enough either
            assertUnauthenticated(send(request, null, QUEUE_TOKEN_A), request);
        }
        // an Authorization header of another scheme is no access token
        RawHttp.Response basic = RawHttp.send(port, "GET /api/points HTTP/1.1", "Authorization: Basic dXNlcjpwdw==",
                "X-Queue-Token: " + QUEUE_TOKEN_A);
        assertThat(basic.status()).isEqualTo(401);
        assertThat(basic.body()).contains("\"code\":\"UNAUTHENTICATED\"");

        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
        assertThat(QUEUE_VALIDATION.requests()).as("queue tokens checked").isZero();
    }

    @Test
    void everyKindOfBadAccessTokenIsInvalidAndNothingIsForwarded() throws Exception {
        ECKey published = ISSUER.signingKey();
        ECKey impostor = TestIssuer.newKey(published.getKeyID());
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("bad signature", TestIssuer.sign(impostor, TestIssuer.claims(USER_A).build()));
        bad.put("signature of another token", swapSignature(ISSUER.token(USER_A), ISSUER.token(USER_B)));
        bad.put("alg none", unsigned(TestIssuer.claims(USER_A).build()));
        bad.put("HS256 with the public key as secret", TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                TestIssuer.claims(USER_A).build(),
                new MACSigner(published.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8))));
        bad.put("HS256 with the public key's DER as secret", TestIssuer.sign(
                new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(published.getKeyID()).build(),
                TestIssuer.claims(USER_A).build(), new MACSigner(published.toPublicKey().getEncoded())));
        bad.put("expired", TestIssuer.sign(published, TestIssuer.claims(USER_A)
                .issueTime(Date.from(Instant.now().minus(Duration.ofMinutes(20))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofMinutes(5)))).build()));
        bad.put("another issuer", TestIssuer.sign(published, TestIssuer.claims(USER_A)
                .issuer("https://evil.example").build()));
        bad.put("no issuer", TestIssuer.sign(published, TestIssuer.claims(USER_A).issuer(null).build()));
        bad.put("unknown kid", TestIssuer.sign(TestIssuer.newKey("never-published"),
                TestIssuer.claims(USER_A).build()));
        bad.put("subject is not a user id", TestIssuer.sign(published, TestIssuer.claims(USER_A)
                .subject("admin").build()));
        bad.put("not a JWT", "not-a-jwt");
        bad.put("garbage segments", "eyJhbGciOiJFUzI1NiJ9.e30.AAAA");

        for (Map.Entry<String, String> token : bad.entrySet()) {
            for (Request request : PROTECTED) {
                EntityExchangeResult<byte[]> result = send(request, token.getValue(), QUEUE_TOKEN_A);
                JsonNode problem = assertProblem(result, 401, "ACCESS_TOKEN_INVALID", token.getKey() + " " + request);
                assertThat(problem.get("detail").asString()).isEqualTo(
                        "The access token is invalid or has expired; log in again");
                assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                        .as(token.getKey()).startsWith("Bearer ").contains("error=\"invalid_token\"");
            }
        }
        RawHttp.Response malformed = RawHttp.send(port, "GET /api/points HTTP/1.1", "Authorization: Bearer !!",
                "X-Queue-Token: " + QUEUE_TOKEN_A);
        assertThat(malformed.status()).isEqualTo(401);
        assertThat(malformed.body()).contains("\"code\":\"ACCESS_TOKEN_INVALID\"");

        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
        assertThat(QUEUE_VALIDATION.requests()).as("queue tokens checked").isZero();
    }

    @Test
    void anotherUsersQueueTokenIsNotYoursOnEveryRouteAndNothingIsForwarded() {
        for (Request request : WITH_QUEUE_TOKEN) {
            EntityExchangeResult<byte[]> result = send(request, ISSUER.token(USER_B), QUEUE_TOKEN_A);
            JsonNode problem = assertProblem(result, 403, "TOKEN_NOT_YOURS", request.toString());
            assertThat(problem.get("detail").asString()).isEqualTo("This queue token belongs to another user");
        }
        assertThat(SERVICES.requests()).as("requests that reached a service").isZero();
        assertThat(QUEUE_VALIDATION.requests()).isEqualTo(WITH_QUEUE_TOKEN.size());
    }

    @Test
    void ownQueueTokenIsForwardedAsTheAccessTokensUserWithForgedIdentityHeadersRemoved() {
        String tokenOfA = ISSUER.token(USER_A);
        for (Request request : PROTECTED) {
            RawHttp.Response response = RawHttp.send(port, request.method() + " " + request.path() + " HTTP/1.1",
                    "Authorization: Bearer " + tokenOfA, "X-Queue-Token: " + QUEUE_TOKEN_A,
                    "X-User-Id: 2", "x-user-id: 3", "X-USER-ID: 4",
                    "X-Client-Address: 10.9.9.9", "x-client-address: 10.8.8.8", "Content-Length: 0");
            assertThat(response.status()).as(request.toString()).isEqualTo(200);
            JsonNode received = json.readTree(response.body());
            assertThat(values(received, "x-user-id")).as(request.toString()).containsExactly("1");
            assertThat(values(received, "x-client-address")).as(request.toString()).containsExactly("127.0.0.1");
            assertThat(received.get("path").asString()).isEqualTo(request.path());
        }
        assertThat(SERVICES.requests()).isEqualTo(PROTECTED.size());
    }

    @Test
    void publicRoutesNeedNoAccessTokenIgnoreAStaleOneAndCarryNoUser() {
        String expired = TestIssuer.sign(ISSUER.signingKey(), TestIssuer.claims(USER_A)
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build());
        for (Request request : PUBLIC) {
            for (String accessToken : new String[] {null, expired}) {
                List<String> lines = new java.util.ArrayList<>(List.of("X-User-Id: 7", "X-Client-Address: 10.0.0.1",
                        "Content-Length: 0"));
                if (accessToken != null) {
                    lines.add("Authorization: Bearer " + accessToken);
                }
                RawHttp.Response response = RawHttp.send(port, request.method() + " " + request.path()
                        + " HTTP/1.1", lines.toArray(String[]::new));
                assertThat(response.status()).as(request.toString()).isEqualTo(200);
                JsonNode received = json.readTree(response.body());
                assertThat(received.get("path").asString()).isEqualTo(request.path());
                assertThat(received.get("headers").has("x-user-id")).as(request.toString()).isFalse();
                assertThat(values(received, "x-client-address")).containsExactly("127.0.0.1");
            }
        }
        for (String path : List.of("/", "/index.html", "/swagger-ui.html", "/v3/api-docs/gateway/swagger-config",
                "/actuator/info", "/actuator/prometheus")) {
            http.get().uri(path).exchange().expectStatus().value(status -> assertThat(status).as(path)
                    .isIn(200, 302));
        }
        // 503 while a Redis drill runs on this machine: public either way
        http.get().uri("/actuator/health").exchange().expectStatus().value(status -> assertThat(status)
                .isIn(200, 503));
    }

    @Test
    void aBurstOfRequestsDoesNotFetchTheKeysPerRequest() {
        String tokenOfA = ISSUER.token(USER_A);
        send(WITH_QUEUE_TOKEN.getFirst(), tokenOfA, QUEUE_TOKEN_A);
        int fetchesBefore = ISSUER.jwksRequests();
        HttpClient client = HttpClient.newHttpClient();

        List<Race.Outcome<Integer>> outcomes = Race.run(100, i -> () -> client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/points"))
                        .header("Authorization", "Bearer " + ISSUER.token(USER_A))
                        .header("X-Queue-Token", QUEUE_TOKEN_A).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.value()).isEqualTo(200));
        assertThat(ISSUER.jwksRequests() - fetchesBefore).as("JWKS fetches during 100 requests").isZero();
    }

    @Test
    void tokensWithMadeUpKeyIdsRefreshTheKeysAtMostOnceAnInterval() {
        send(WITH_QUEUE_TOKEN.getFirst(), ISSUER.token(USER_A), QUEUE_TOKEN_A);
        int fetchesBefore = ISSUER.jwksRequests();

        for (int i = 0; i < 50; i++) {
            String forged = TestIssuer.sign(TestIssuer.newKey("kid-" + UUID.randomUUID()),
                    TestIssuer.claims(USER_A).build());
            assertProblem(send(new Request(HttpMethod.GET, "/api/points"), forged, QUEUE_TOKEN_A), 401,
                    "ACCESS_TOKEN_INVALID", "made-up kid " + i);
        }

        // the minimum refresh interval is 30 s: one fetch at most, whatever the earlier tests did
        assertThat(ISSUER.jwksRequests() - fetchesBefore).as("JWKS fetches for 50 unknown kids").isLessThanOrEqualTo(1);
    }

    @Test
    void preflightAllowsTheAuthorizationHeaderAndTheChallengeIsReadable() {
        http.options().uri("/api/points")
                .header(HttpHeaders.ORIGIN, "http://localhost:5173")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "GET")
                .header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "authorization, x-queue-token")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS,
                        allowed -> assertThat(allowed.toLowerCase()).contains("authorization", "x-queue-token"));
        http.get().uri("/api/points").header(HttpHeaders.ORIGIN, "http://localhost:5173").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "http://localhost:5173")
                .expectHeader().value(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS,
                        exposed -> assertThat(exposed).contains(HttpHeaders.WWW_AUTHENTICATE));
    }

    @Test
    void statelessWithoutLoginFormsOrAGeneratedPassword() {
        assertThat(context.getBeanNamesForType(ReactiveUserDetailsService.class)).isEmpty();
        EntityExchangeResult<byte[]> refused = send(new Request(HttpMethod.GET, "/api/points"), null, null);
        EntityExchangeResult<byte[]> admitted = send(new Request(HttpMethod.GET, "/api/points"),
                ISSUER.token(USER_A), QUEUE_TOKEN_A);
        for (EntityExchangeResult<byte[]> result : List.of(refused, admitted)) {
            assertThat(result.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
        }
        http.get().uri("/login").exchange().expectStatus().isNotFound();
        // a POST without any CSRF token is not refused for CSRF (bearer API): it gets the access-token answer
        http.post().uri("/api/reservations").contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isUnauthorized();
    }

    private void assertUnauthenticated(EntityExchangeResult<byte[]> result, Request request) {
        JsonNode problem = assertProblem(result, 401, "UNAUTHENTICATED", request.toString());
        assertThat(problem.get("detail").asString()).contains("Authorization: Bearer");
        assertThat(result.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE))
                .isEqualTo("Bearer realm=\"ticketing\"");
    }

    private EntityExchangeResult<byte[]> send(Request request, String accessToken, String queueToken) {
        WebTestClient.RequestBodySpec spec = http.method(request.method()).uri(request.path());
        if (accessToken != null) {
            spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        }
        if (queueToken != null) {
            spec.header("X-Queue-Token", queueToken);
        }
        if (request.method() == HttpMethod.POST) {
            spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}");
        }
        return spec.exchange().expectBody().returnResult();
    }

    private static List<String> values(JsonNode received, String header) {
        JsonNode values = received.get("headers").get(header);
        return values == null ? List.of() : values.valueStream().map(JsonNode::asString).toList();
    }

    /** {@code alg: none}: a header and claims with an empty signature. */
    private static String unsigned(JWTClaimsSet claims) {
        return Base64URL.encode("{\"alg\":\"none\"}") + "." + Base64URL.encode(claims.toString()) + ".";
    }

    private static String swapSignature(String token, String signatureDonor) {
        return token.substring(0, token.lastIndexOf('.')) + signatureDonor.substring(signatureDonor.lastIndexOf('.'));
    }
}

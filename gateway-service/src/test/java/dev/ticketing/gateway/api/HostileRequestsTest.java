package dev.ticketing.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.gateway.BrokenHttpServer;
import dev.ticketing.gateway.BrokenHttpServer.Behaviour;
import dev.ticketing.gateway.RawHttp;
import dev.ticketing.gateway.RawHttp.Response;
import dev.ticketing.gateway.TestHttpServer;
import dev.ticketing.gateway.TestIssuer;
import dev.ticketing.testsupport.RealInfrastructure;
import dev.ticketing.testsupport.ServiceProcess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a hostile client or a dying service does to the gateway, over real sockets on both sides: a service that
 * closes or resets the connection mid-request is 502/503 with a problem body and {@code Retry-After}, never 500; a
 * chunked body over the limit is 413 {@code PAYLOAD_TOO_LARGE}; {@code TRACE}, {@code CONNECT} and unknown methods
 * are 405 problems; two {@code Host} headers are 400. concert-service is the broken server here; the other services
 * are echo servers.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "GATEWAY_TOKEN_RATE_LIMIT_ENABLED=false",
        "DOWNSTREAM_RESPONSE_TIMEOUT=3s"})
@RealInfrastructure(database = false)
class HostileRequestsTest {

    private static final TestHttpServer SERVICES = TestHttpServer.echo();
    private static final BrokenHttpServer CONCERT = new BrokenHttpServer();
    // the routes below need an access token, and a request without one is refused before its body is read
    private static final TestIssuer ISSUER = TestIssuer.start();
    private static final String BEARER = "Authorization: Bearer " + ISSUER.token(1) + "\r\n";

    @DynamicPropertySource
    static void upstreams(DynamicPropertyRegistry registry) {
        registry.add("QUEUE_URL", SERVICES::baseUrl);
        registry.add("USER_POINT_URL", SERVICES::baseUrl);
        registry.add("PAYMENT_URL", SERVICES::baseUrl);
        registry.add("CONCERT_URL", CONCERT::baseUrl);
        registry.add("AUTH_JWK_SET_URI", ISSUER::jwkSetUri);
        registry.add("AUTH_ISSUER", () -> TestIssuer.ISSUER);
        registry.add("peers.queue.base-url", () -> "http://127.0.0.1:" + ServiceProcess.freePort());
    }

    @AfterAll
    static void stopServers() {
        SERVICES.close();
        CONCERT.close();
        ISSUER.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JsonMapper json;

    @ParameterizedTest
    @EnumSource(Behaviour.class)
    void aServiceThatBreaksOffMidRequestIsABadGatewayProblemNeverA500(Behaviour behaviour) {
        CONCERT.behave(behaviour);
        int before = CONCERT.requests();

        Response response = send("GET /v3/api-docs/concert-service HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");

        assertThat(CONCERT.requests()).as("the request reached the service").isGreaterThan(before);
        JsonNode problem = problem(response, 502, "BAD_GATEWAY");
        assertThat(problem.get("detail").asString())
                .isEqualTo("concert-service closed the connection before answering; the request may or may not have"
                        + " been processed");
        assertThat(response.header("retry-after")).isEqualTo("5");
    }

    @Test
    void aChunkedBodyOverTheLimitIsPayloadTooLarge() {
        byte[] chunk = ("{\"padding\":\"" + "x".repeat(16 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        request.writeBytes(("POST /api/queue/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + BEARER
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        for (int i = 0; i < 5; i++) {
            request.writeBytes((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            request.writeBytes(chunk);
            request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        request.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        JsonNode problem = problem(send(request.toByteArray()), 413, "PAYLOAD_TOO_LARGE");

        assertThat(problem.get("detail").asString()).contains("65536 bytes");
    }

    @Test
    void aChunkedBodyWithinTheLimitIsForwarded() {
        String body = "{\"userId\":1}";
        Response response = send("POST /api/queue/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + BEARER
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                + Integer.toHexString(body.length()) + "\r\n" + body + "\r\n0\r\n\r\n");

        assertThat(response.status()).as(response.head()).isEqualTo(200);
        assertThat(json.readTree(response.body()).get("method").asString()).isEqualTo("POST");
    }

    @ParameterizedTest
    @ValueSource(strings = {"TRACE /api/concerts HTTP/1.1", "TRACE /api/queue/tokens/me HTTP/1.1",
            "TRACK /api/points HTTP/1.1", "CONNECT 127.0.0.1:443 HTTP/1.1", "CONNECT /api/concerts HTTP/1.1",
            "PROPFIND /api/points HTTP/1.1", "BREW /api/payments HTTP/1.1"})
    void aMethodThatIsNotOfThisApiIsAMethodNotAllowedProblem(String requestLine) {
        Response response = send(requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        problem(response, 405, "METHOD_NOT_ALLOWED");
        assertThat(response.header("allow")).contains("GET").contains("POST").doesNotContain("TRACE");
    }

    @Test
    void twoHostHeadersAreABadRequest() {
        for (String hosts : List.of("Host: 127.0.0.1\r\nHost: evil.example\r\n",
                "Host: 127.0.0.1\r\nhost: 127.0.0.1\r\n", "Host: 127.0.0.1, evil.example\r\n")) {
            Response response = send("GET /api/queue/tokens/me HTTP/1.1\r\n" + hosts + "Connection: close\r\n\r\n");

            JsonNode problem = problem(response, 400, "INVALID_REQUEST");
            assertThat(problem.get("detail").asString()).contains("one Host header");
        }
    }

    @Test
    void aHeaderTheFirewallRefusesIsAnInvalidRequestProblem() {
        // U+0085, a control character, as the byte it is in ISO-8859-1, which HTTP headers are read as
        byte[] request = ("GET /api/queue/tokens/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer abc\u0085def\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);

        JsonNode problem = problem(send(request), 400, "INVALID_REQUEST");

        assertThat(problem.get("detail").asString()).contains("does not accept");
    }

    @Test
    void oneHostHeaderPasses() {
        Response response = send("GET /api/queue/tokens/me HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + BEARER
                + "\r\n");

        assertThat(response.status()).as(response.head()).isEqualTo(200);
    }

    @Test
    void aLongPathOrMethodNeverMakesALargeProblem() {
        String close = " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
        Response notFound = send("GET /" + "x".repeat(4000) + close);
        problem(notFound, 404, "NOT_FOUND");
        assertThat(notFound.body().length()).isLessThan(1024);

        Response oddMethod = send("X".repeat(2000) + " /api/points" + close);
        assertThat(oddMethod.status()).isBetween(400, 499);
        assertThat(oddMethod.body().length()).isLessThan(1024);
    }

    private JsonNode problem(Response response, int status, String code) {
        assertThat(response.status()).as(response.head() + "\n" + response.body()).isEqualTo(status);
        assertThat(response.header("content-type")).isEqualTo("application/problem+json");
        assertThat(response.body().length()).isLessThan(1024);
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("code").asString()).isEqualTo(code);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("https://ticketing.dev/problems/");
        return problem;
    }

    private Response send(String request) {
        return send(request.getBytes(StandardCharsets.UTF_8));
    }

    private Response send(byte[] request) {
        return RawHttp.exchange(port, request);
    }
}

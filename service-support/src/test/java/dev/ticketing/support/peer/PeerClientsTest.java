package dev.ticketing.support.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * PeerClients against a real HTTP server on a local port (the JDK's), through the application's own auto-configured
 * registries and JSON mapper: what is retried, what the breaker counts, what reaches the caller.
 */
@SpringBootTest(classes = PeerClientsTest.App.class, properties = {
        "peers.test-peer.read-timeout=300ms",
        "resilience4j.retry.instances.test-peer.max-attempts=3",
        "resilience4j.retry.instances.test-peer.wait-duration=10ms",
        "resilience4j.circuitbreaker.instances.test-peer.sliding-window-type=COUNT_BASED",
        "resilience4j.circuitbreaker.instances.test-peer.sliding-window-size=4",
        "resilience4j.circuitbreaker.instances.test-peer.minimum-number-of-calls=4",
        "resilience4j.circuitbreaker.instances.test-peer.failure-rate-threshold=50",
        "resilience4j.circuitbreaker.instances.test-peer.wait-duration-in-open-state=1h",
        "peers.closed-peer.base-url=http://127.0.0.1:1",
        "resilience4j.retry.instances.closed-peer.max-attempts=2",
        "resilience4j.retry.instances.closed-peer.wait-duration=10ms",
        "resilience4j.circuitbreaker.instances.closed-peer.sliding-window-size=10"})
class PeerClientsTest {

    private static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
    private static final HttpServer SERVER = startServer();

    @Autowired
    PeerClients peers;

    @Autowired
    CircuitBreakerRegistry circuitBreakers;

    RestClient testPeer;
    CircuitBreaker circuit;

    @DynamicPropertySource
    static void serverAddress(DynamicPropertyRegistry registry) {
        registry.add("peers.test-peer.base-url", () -> "http://127.0.0.1:" + SERVER.getAddress().getPort());
    }

    @AfterAll
    static void stopServer() {
        SERVER.stop(0);
    }

    @BeforeEach
    void freshCircuit() {
        testPeer = peers.client("test-peer");
        circuit = circuitBreakers.circuitBreaker("test-peer");
        circuit.reset();
        HITS.clear();
    }

    @Test
    void aServerErrorIsUnavailableAndRetried() {
        assertThatThrownBy(() -> testPeer.get().uri("/fail").retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class)
                .hasMessageContaining("GET /fail answered 503")
                .extracting(failure -> ((PeerUnavailableException) failure).peer()).isEqualTo("test-peer");
        assertThat(hits("/fail")).isEqualTo(3);
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isEqualTo(3);
    }

    @Test
    void aClientErrorIsTheCallersAnswerAndNotRetried() {
        assertThatThrownBy(() -> testPeer.get().uri("/missing").retrieve().body(String.class))
                .isInstanceOf(HttpClientErrorException.NotFound.class);
        Problem problem = testPeer.get().uri("/missing").exchange((request, response) -> {
            assertThat(response.getStatusCode().value()).isEqualTo(404);
            return response.bodyTo(Problem.class);
        });
        assertThat(problem.code()).isEqualTo("NOT_HERE");
        assertThat(hits("/missing")).isEqualTo(2);
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
        assertThat(circuit.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
    }

    @Test
    void noAnswerWithinTheReadTimeoutIsUnavailable() {
        assertThatThrownBy(() -> testPeer.get().uri("/slow").retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class);
        assertThat(hits("/slow")).isEqualTo(3);
    }

    @Test
    void aBodyStillStreamingAtTheReadTimeoutIsUnavailable() {
        assertThatThrownBy(() -> testPeer.post().uri("/slow-body").retrieve().body(Answer.class))
                .isInstanceOf(PeerUnavailableException.class);
        assertThat(hits("/slow-body")).isEqualTo(1);
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void anUnreachablePeerIsUnavailable() {
        assertThatThrownBy(() -> peers.client("closed-peer").get().uri("/anything").retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class)
                .extracting(failure -> ((PeerUnavailableException) failure).peer()).isEqualTo("closed-peer");
        assertThat(circuitBreakers.circuitBreaker("closed-peer").getMetrics().getNumberOfFailedCalls()).isEqualTo(2);
    }

    @Test
    void aPostIsRetriedOnlyWhenMarkedIdempotent() {
        assertThatThrownBy(() -> testPeer.post().uri("/fail").retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class);
        assertThat(hits("/fail")).isEqualTo(1);

        circuit.reset();
        assertThatThrownBy(() -> testPeer.post().uri("/fail").attribute(PeerClients.IDEMPOTENT, true)
                .retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class);
        assertThat(hits("/fail")).isEqualTo(1 + 3);
    }

    @Test
    void theBreakerOpensAfterTheConfiguredFailuresAndThenSendsNothing() {
        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> testPeer.post().uri("/fail").retrieve().body(String.class))
                    .isInstanceOf(PeerUnavailableException.class);
        }
        assertThat(circuit.getState()).isEqualTo(CircuitBreaker.State.OPEN);

        long start = System.nanoTime();
        assertThatThrownBy(() -> testPeer.get().uri("/fail").retrieve().body(String.class))
                .isInstanceOf(PeerUnavailableException.class)
                .hasCauseInstanceOf(CallNotPermittedException.class);
        // refused at once, not tried again while open
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        assertThat(hits("/fail")).isEqualTo(4);
        assertThat(circuit.getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void answersAreReadByTheApplicationsStrictJsonMapper() {
        assertThat(testPeer.get().uri("/ok").retrieve().body(Answer.class)).isEqualTo(new Answer(7));
        // StrictJson (service-support) refuses a key given twice: the peer broke the contract, it is not unavailable
        assertThatThrownBy(() -> testPeer.get().uri("/duplicate").retrieve().body(Answer.class))
                .isInstanceOf(RestClientException.class)
                .isNotInstanceOf(PeerUnavailableException.class);
        assertThat(circuit.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aPeerWithoutItsAddressOrItsResilienceInstancesStopsTheStart() {
        ApplicationContextRunner context = new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PeerClientsAutoConfiguration.class))
                .withBean(RestClient.Builder.class, RestClient::builder)
                .withBean(CircuitBreakerRegistry.class, CircuitBreakerRegistry::ofDefaults)
                .withBean(RetryRegistry.class, RetryRegistry::ofDefaults);

        context.withPropertyValues("peers.broken.read-timeout=2s").run(started -> assertThat(started)
                .getFailure().rootCause().hasMessageContaining("base-url is required"));
        context.withPropertyValues("peers.userPoint.base-url=http://127.0.0.1:8084").run(started -> assertThat(started)
                .getFailure().rootCause().hasMessageContaining("not kebab-case"));
        context.run(started -> assertThatThrownBy(() -> started.getBean(PeerClients.class).client("nowhere"))
                .hasMessageContaining("peers.nowhere.base-url"));
        context.withPropertyValues("peers.unguarded.base-url=http://127.0.0.1:8084").run(started ->
                assertThatThrownBy(() -> started.getBean(PeerClients.class).client("unguarded"))
                        .hasMessageContaining("resilience4j.circuitbreaker.instances.unguarded"));
    }

    private static int hits(String path) {
        return HITS.getOrDefault(path, new AtomicInteger()).get();
    }

    private static HttpServer startServer() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.setExecutor(Executors.newCachedThreadPool());
            server.createContext("/", PeerClientsTest::answer);
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        HITS.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        try (exchange) {
            switch (path) {
                case "/fail" -> send(exchange, 503, "{\"code\":\"SERVICE_UNAVAILABLE\"}");
                case "/missing" -> send(exchange, 404, "{\"code\":\"NOT_HERE\"}");
                case "/ok" -> send(exchange, 200, "{\"count\":7}");
                case "/duplicate" -> send(exchange, 200, "{\"count\":7,\"count\":8}");
                case "/slow" -> {
                    pause(Duration.ofSeconds(1));
                    send(exchange, 200, "{\"count\":7}");
                }
                case "/slow-body" -> {
                    exchange.getResponseHeaders().set("Content-Type", MediaType.APPLICATION_JSON_VALUE);
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream body = exchange.getResponseBody();
                    body.write("{\"count\":".getBytes(StandardCharsets.UTF_8));
                    body.flush();
                    pause(Duration.ofSeconds(1));
                    body.write("7}".getBytes(StandardCharsets.UTF_8));
                }
                default -> send(exchange, 500, "{}");
            }
        } catch (IOException clientWentAway) {
            // the client gave up at its read timeout
        }
    }

    /** The delay is the behaviour under test: a peer slower than the read timeout. */
    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", MediaType.APPLICATION_JSON_VALUE);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    record Answer(long count) {
    }

    record Problem(String code) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
    static class App {
    }
}

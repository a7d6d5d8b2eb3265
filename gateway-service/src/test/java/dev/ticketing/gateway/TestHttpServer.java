package dev.ticketing.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server in the test JVM (the JDK's), standing behind the gateway where what is under test is the
 * gateway itself: what it forwards, and how it behaves when the server is slow or broken.
 */
public final class TestHttpServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger requests = new AtomicInteger();

    private TestHttpServer(HttpHandler handler) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        server.setExecutor(threads);
        server.start();
    }

    /**
     * Answers 200 with what it received (after 3 s when the path ends in {@code /slow}): {@code {method, path, query, headers: {lower-case name: [values]}}}. Header
     * names that differ only in letter case arrive as one name with all their values.
     */
    public static TestHttpServer echo() {
        return new TestHttpServer(exchange -> {
            if (exchange.getRequestURI().getPath().endsWith("/slow")) {
                delay(Duration.ofSeconds(3));
            }
            Map<String, Object> received = new LinkedHashMap<>();
            received.put("method", exchange.getRequestMethod());
            received.put("path", exchange.getRequestURI().getRawPath());
            received.put("query", exchange.getRequestURI().getRawQuery());
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
            received.put("headers", headers);
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, JSON.writeValueAsString(received));
        });
    }

    public static TestHttpServer answering(HttpHandler handler) {
        return new TestHttpServer(handler);
    }

    public static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A slow fake server: its delay before answering is what the test is about, so it really sleeps. */
    public static void delay(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** How many requests reached this server since it started or since {@link #resetRequests()}. */
    public int requests() {
        return requests.get();
    }

    public void resetRequests() {
        requests.set(0);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}

package dev.ticketing.payment.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server standing in for concert-service's internal {@code GET /internal/reservations/{id}}, with the
 * contract of docs/conventions.md: 200 with the reservation, 404 {@code RESERVATION_NOT_FOUND} for one it does not
 * have, and 503 for the ids a test marks as unanswerable (concert-service down or failing).
 */
public final class ConcertPeer implements AutoCloseable {

    private static final String PATH = "/internal/reservations/";

    private final HttpServer server;
    private final Map<Long, String> reservations = new ConcurrentHashMap<>();
    private final Set<Long> failing = ConcurrentHashMap.newKeySet();
    private final AtomicInteger requests = new AtomicInteger();

    private ConcertPeer(HttpServer server) {
        this.server = server;
    }

    public static ConcertPeer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            ConcertPeer peer = new ConcertPeer(server);
            server.createContext(PATH, peer::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return peer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** concert-service has this reservation, in this state. */
    public void has(long reservationId, long userId, long seatId, long price, String status, Instant holdExpiresAt) {
        reservations.put(reservationId, """
                {"reservationId":%d,"userId":%d,"concertId":1,"dateId":10,"seatId":%d,"seatNumber":7,"price":%d,\
                "status":"%s","holdExpiresAt":"%s"}""".formatted(reservationId, userId, seatId, price, status,
                holdExpiresAt));
    }

    /** concert-service cannot answer for this reservation (5xx), as when its database is away. */
    public void cannotAnswerFor(long reservationId) {
        failing.add(reservationId);
    }

    public void canAnswerFor(long reservationId) {
        failing.remove(reservationId);
    }

    public int requests() {
        return requests.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            long id = Long.parseLong(exchange.getRequestURI().getPath().substring(PATH.length()));
            if (failing.contains(id)) {
                send(exchange, 503, "application/problem+json", """
                        {"status":503,"code":"SERVICE_UNAVAILABLE","title":"Service Unavailable"}""");
            } else if (reservations.containsKey(id)) {
                send(exchange, 200, "application/json", reservations.get(id));
            } else {
                send(exchange, 404, "application/problem+json", """
                        {"status":404,"code":"RESERVATION_NOT_FOUND","title":"Not Found"}""");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

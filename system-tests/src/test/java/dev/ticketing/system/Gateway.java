package dev.ticketing.system;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The system as a frontend sees it: HTTP to the gateway, nothing else. A logged-in user sends two credentials on
 * every protected request: {@code Authorization: Bearer <access token>} (who they are) and {@code X-Queue-Token} (their
 * place in line). The tests name a request by its queue token only; this class remembers whose token it issued and
 * adds that user's access token ({@link Accounts}). A queue token it did not issue (none, garbage) goes with the
 * access token of a logged-in bystander, so a test about queue tokens sees the queue's answer and not the refusal of
 * a missing login (IdentitySystemTest covers the logins). Once a token is ACTIVE, requests named by it carry the
 * admission token its status handed out instead, as every client does, except to {@code /api/queue/**}, which takes
 * the waiting token (docs/conventions.md, "Admission tokens").
 */
final class Gateway {

    static final String URL = System.getenv().getOrDefault("GATEWAY_URL", "http://127.0.0.1:8080");
    static final JsonMapper JSON = JsonMapper.builder().build();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Long> OWNER_OF_TOKEN = new ConcurrentHashMap<>();
    private static final Map<String, String> ADMISSION_OF_TOKEN = new ConcurrentHashMap<>();
    private static volatile Long bystander;

    record Response(int status, JsonNode body, Map<String, List<String>> headers, String raw) {

        String code() {
            return body != null && body.has("code") ? body.get("code").asString() : null;
        }

        long number(String field) {
            return body.get(field).asLong();
        }

        String text(String field) {
            return body.get(field).asString();
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    private Gateway() {
    }

    static Response get(String path, String token) {
        return send(request(path, token).GET().build());
    }

    static Response post(String path, String token, String json, String... headers) {
        HttpRequest.Builder request = request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    static Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = null;
            String raw = response.body();
            if (raw != null && !raw.isBlank() && (raw.startsWith("{") || raw.startsWith("["))) {
                body = JSON.readTree(raw);
            }
            return new Response(response.statusCode(), body, response.headers().map(), raw);
        } catch (IOException e) {
            throw new IllegalStateException("Gateway unreachable at " + URL + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A request with the queue token and the access token of its owner (or of the bystander, see above). */
    static HttpRequest.Builder request(String path, String token) {
        Long owner = token == null ? null : OWNER_OF_TOKEN.get(token);
        return request(path, token, Accounts.accessToken(owner != null ? owner : bystander()));
    }

    /**
     * A request with exactly these credentials; {@code null} leaves the header out. An admitted waiting token is
     * sent as its admission token on the routes that take one.
     */
    static HttpRequest.Builder request(String path, String token, String accessToken) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(URL + path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            String admission = path.startsWith("/api/queue/") ? null : ADMISSION_OF_TOKEN.get(token);
            builder.header("X-Queue-Token", admission != null ? admission : token);
        }
        if (accessToken != null) {
            builder.header("Authorization", "Bearer " + accessToken);
        }
        return builder;
    }

    /** A request with an access token only (no queue token): the operator's routes, the room's public view. */
    static Response sendAs(String accessToken, String method, String path, String json) {
        HttpRequest.Builder request = request(path, null, accessToken);
        if (json == null) {
            return send(request.method(method, HttpRequest.BodyPublishers.noBody()).build());
        }
        return send(request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** A public endpoint (login, sign-up) or a caller who has not logged in: no credentials at all. */
    static Response postAnonymously(String path, String json) {
        return send(request(path, null, null).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** The admission token handed out for an admitted queue token this class saw ACTIVE, or {@code null}. */
    static String admissionOf(String token) {
        return ADMISSION_OF_TOKEN.get(token);
    }

    /** The owner of a queue token this class issued, or {@code null}. */
    static Long ownerOf(String token) {
        return OWNER_OF_TOKEN.get(token);
    }

    private static long bystander() {
        Long user = bystander;
        if (user == null) {
            synchronized (Gateway.class) {
                if (bystander == null) {
                    bystander = DemoUsers.next();
                }
                user = bystander;
            }
        }
        return user;
    }

    // ---- the steps of the flow, as a frontend performs them

    /**
     * The demo user logs in (or uses the access token they hold) and asks for a queue token, which is theirs: the
     * gateway takes the user from the access token, the body carries nothing. A refused login is answered as it is.
     */
    static Response issueToken(long userId) {
        return issueToken(userId, "{}");
    }

    /** The same, in concert {@code concertId}'s waiting room. */
    static Response joinRoom(long userId, long concertId) {
        return issueToken(userId, "{\"concertId\":" + concertId + "}");
    }

    private static Response issueToken(long userId, String body) {
        if (!Accounts.loggedIn(userId)) {
            Response login = Accounts.logIn(userId);
            if (login.status() != 200) {
                return login;
            }
        }
        Response issued = send(request("/api/queue/tokens", null, Accounts.accessToken(userId))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        if ((issued.status() == 200 || issued.status() == 201) && issued.body() != null && issued.body().has("token")) {
            OWNER_OF_TOKEN.put(issued.text("token"), userId);
        }
        return issued;
    }

    /** Polls the token's status (every 500 ms, as a fast frontend would) until it is ACTIVE. */
    static void awaitActive(String token, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Response status;
        do {
            status = get("/api/queue/tokens/me", token);
            if (status.status() == 200 && "ACTIVE".equals(status.text("status"))) {
                if (status.body().hasNonNull("admissionToken")) {
                    ADMISSION_OF_TOKEN.put(token, status.text("admissionToken"));
                }
                return;
            }
            sleep(500);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("Token not admitted within " + timeout + "; last status: " + status);
    }

    /** Issues a token for the user and waits until the waiting room admits it. */
    static String activeToken(long userId) {
        Response issued = issueToken(userId);
        if (issued.status() != 201 && issued.status() != 200) {
            throw new AssertionError("Token for user " + userId + " refused: " + issued);
        }
        String token = issued.text("token");
        awaitActive(token, Duration.ofSeconds(120));
        return token;
    }

    /** Pays, retrying while payment-service has not yet seen the hold (409 RESERVATION_PENDING + Retry-After). */
    static Response pay(String token, long reservationId) {
        Response response;
        int attempts = 0;
        do {
            response = post("/api/payments", token, "{\"reservationId\":" + reservationId + "}");
            if (!"RESERVATION_PENDING".equals(response.code())) {
                return response;
            }
            sleep(1000);
        } while (++attempts < 20);
        return response;
    }

    /** Available seats of the first date of any concert that still has seats; [concertId, dateId, seats...]. */
    static List<JsonNode> availableSeats(String token, long[] concertAndDate) {
        return availableSeats(token, concertAndDate, 2);
    }

    /**
     * The available seats of the first concert date that has at least {@code atLeast} of them (the other tests of the
     * run hold and sell seats of the first dates), its concert and date id written to {@code concertAndDate}.
     */
    static List<JsonNode> availableSeats(String token, long[] concertAndDate, int atLeast) {
        for (JsonNode concert : get("/api/concerts", token).body()) {
            long concertId = concert.get("id").asLong();
            for (JsonNode date : get("/api/concerts/" + concertId + "/dates", token).body()) {
                long dateId = date.get("dateId").asLong();
                if (date.get("availableSeats").asInt() < atLeast) {
                    continue;
                }
                JsonNode seats = get("/api/concerts/" + concertId + "/dates/" + dateId + "/seats", token).body();
                if (seats.size() >= atLeast) {
                    concertAndDate[0] = concertId;
                    concertAndDate[1] = dateId;
                    List<JsonNode> list = new ArrayList<>();
                    seats.forEach(list::add);
                    return list;
                }
            }
        }
        throw new AssertionError("No concert date with " + atLeast + " available seats is left: reset the demo data");
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    // ---- raw requests, for what HttpClient will not send (CONNECT, two Host headers, exact bytes); hostile-input suite

    record RawResponse(int status, String head, String body) {

        String header(String name) {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                    return line.substring(colon + 1).trim();
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    /**
     * Sends {@code request} to the gateway byte for byte (it should say {@code Connection: close}) and reads the answer
     * until the gateway closes the connection.
     */
    static RawResponse raw(String request) {
        URI gateway = URI.create(URL);
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(),
                    java.nio.charset.StandardCharsets.UTF_8);
            int split = response.indexOf("\r\n\r\n");
            String head = split < 0 ? response : response.substring(0, split);
            String body = split < 0 ? "" : response.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new RawResponse(Integer.parseInt(head.substring(9, 12)), head, body);
        } catch (IOException e) {
            throw new IllegalStateException("Gateway unreachable at " + URL + ": " + e, e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}

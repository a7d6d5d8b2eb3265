package dev.ticketing.system;

import static dev.ticketing.system.Gateway.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketing.system.Gateway.Response;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 20's hostile-input suite against the running system, through the gateway: for every public route, bodies,
 * paths, methods and headers written to break a service (huge exponents and numbers beyond long, strings, fractions,
 * padded and non-ASCII digits for numbers, duplicate keys, deep nesting, long strings under and over the 64 KiB body
 * limit, NUL bytes, wrong content types, odd methods, two Host headers). Each is answered with a 4xx problem body of
 * a few hundred bytes, never a 5xx; nothing changes (balance, history, holds, the payment of a held seat, queue
 * tokens); and every service is still healthy at the end.
 *
 * <p>Every hostile body carries valid values in its other fields, so a body that were accepted would act: charge a
 * point, hold a seat, pay the held one, issue a token. The state comparison would see it.
 */
class HostileInputSystemTest {

    private static final int MAX_PROBLEM_BYTES = 4 * 1024;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Integer> SERVICE_PORTS = Map.of("gateway-service", 8080, "queue-service", 8081,
            "concert-service", 8082, "payment-service", 8083, "user-point-service", 8084);

    private final List<String> failures = new ArrayList<>();
    private int sent;

    /** What the attacker and a bystander own; equal before and after the attack. */
    record State(long balance, long historyTotal, String holdStatus, Map<Long, String> seats, String queueStatus,
            String queueToken) {
    }

    @Test
    void hostileRequestsOnEveryRouteAreSmall4xxProblemsAndChangeNothing() {
        long attacker = DemoUsers.HOSTILE_FIRST + ThreadLocalRandom.current().nextLong(25);
        long bystander = attacker + 25;
        String token = Gateway.activeToken(attacker);
        long[] concertAndDate = new long[2];
        List<JsonNode> seats = Gateway.availableSeats(token, concertAndDate);
        long concertId = concertAndDate[0];
        long dateId = concertAndDate[1];
        JsonNode heldSeat = seats.get(0);
        long targetSeat = seats.get(1).get("seatId").asLong();
        Response held = Gateway.post("/api/reservations", token, holdBody(concertId, dateId,
                heldSeat.get("seatId").asLong()));
        assertThat(held.status()).as("%s", held).isEqualTo(201);
        long reservationId = held.number("reservationId");
        affordToPay(token, heldSeat.get("price").asLong());
        String bystanderToken = Gateway.issueToken(bystander).text("token");
        String seatsPath = "/api/concerts/" + concertId + "/dates/" + dateId + "/seats";
        State before = stateOf(token, reservationId, seatsPath);

        bodies("/api/points/charges", token, "amount", amount -> "{\"amount\":" + amount + "}", 1);
        bodies("/api/reservations", token, "seatId", seat -> "{\"concertId\":" + concertId + ",\"dateId\":"
                + dateId + ",\"seatId\":" + seat + "}", targetSeat);
        bodies("/api/reservations", token, "dateId", date -> "{\"concertId\":" + concertId + ",\"dateId\":" + date
                + ",\"seatId\":" + targetSeat + "}", dateId);
        bodies("/api/payments", token, "reservationId", id -> "{\"reservationId\":" + id + "}", reservationId);
        bodies("/api/queue/tokens", null, "userId", user -> "{\"userId\":" + user + "}", bystander);
        paths(token, concertId, dateId, reservationId);
        for (String path : List.of("/api/points", "/api/points/charges", "/api/points/history", "/api/concerts",
                "/api/concerts/" + concertId + "/dates", seatsPath, "/api/reservations",
                "/api/reservations/" + reservationId, "/api/payments", "/api/payments/1", "/api/queue/tokens",
                "/api/queue/tokens/me", "/")) {
            oddMethods(path, token);
        }
        // DELETE /api/reservations/{id} is a route of its own now (cancel, issue 17): hostile ids only, never the
        // attacker's own hold, whose cancel would be a change GroupHoldsSystemTest proves
        for (String id : List.of("1e3", "-1", "0", "99999999999999999999999", "%EF%BC%91", reservationId + ".0",
                "%2e%2e%2f" + reservationId)) {
            expectProblem("DELETE /api/reservations/" + id, send(Gateway.request("/api/reservations/" + id, token)
                    .DELETE().build()));
        }

        State after = stateOf(token, reservationId, seatsPath);
        assertThat(failures).as("hostile requests not answered with a small 4xx problem (of " + sent + ")")
                .isEmpty();
        assertThat(after).isEqualTo(before);
        Response bystanderAgain = Gateway.issueToken(bystander);
        assertThat(bystanderAgain.status()).as("no second token for the bystander: %s", bystanderAgain)
                .isEqualTo(200);
        assertThat(bystanderAgain.text("token")).isEqualTo(bystanderToken);
        everyServiceIsHealthy();
    }

    // ---- the attack

    /** {@code bodyOf} writes the route's body, valid in every field, with the attacked {@code field} set to a number. */
    private void bodies(String path, String token, String field, LongFunction<String> bodyOf, long valid) {
        String body = bodyOf.apply(valid);
        List<String> hostile = new ArrayList<>();
        for (String value : List.of("1e999999999", "-1e999999999", "1e10000000", "1E+2147483647", "1e-999999999",
                "99999999999999999999999", "-99999999999999999999999", "9223372036854775808",
                "1" + "0".repeat(500), "\"" + valid + "\"", valid + ".5", valid + ".0", valid + "e0", "1e2",
                "\" " + valid + "\"", "\"" + valid + " \"", "\"\\u0000" + valid + "\"", "\"" + valid + "\\u0000\"",
                "\"" + digits(valid, '\uff10') + "\"", "\"" + digits(valid, '\u0660') + "\"",
                "\"" + digits(valid, '\u0966') + "\"", "\"\"", "true", "null", "[" + valid + "]",
                "{\"value\":" + valid + "}", "NaN", "Infinity", "0x" + Long.toHexString(valid), "0" + valid,
                "+" + valid, "." + valid)) {
            hostile.add(replaceValue(bodyOf, valid, value));
        }
        String open = body.substring(0, body.length() - 1);
        String key = "\"" + field + "\"";
        hostile.addAll(List.of(
                open + "," + key + ":999999999}",
                open + "," + key + ":" + valid + "}",
                body + " " + body,
                body + "]",
                body + ",",
                body + "\u0000",
                open + ",\"note\":\"a\u0000b\"}",
                open + ",\"deep\":" + "[".repeat(10_000) + "]".repeat(10_000) + "}",
                open + ",\"deep\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(40) + "}",
                open + ",\"pad\":\"" + "x".repeat(20_000) + "\"}",
                open + ",\"pad\":\"" + "x".repeat(60_000) + "\"}",
                open + ",\"" + "k".repeat(1_000) + "\":1}",
                "{", "", "null", "[]", "\"" + valid + "\"", String.valueOf(valid), "{" + body + "}",
                "[" + body + "]"));
        if (path.equals("/api/queue/tokens")) {
            // the issuance body is optional and its userId is ignored (the user is the access token's): no body, a
            // JSON null and a null userId are valid requests there (IdentitySystemTest), not hostile ones
            hostile.removeAll(List.of("", "null", replaceValue(bodyOf, valid, "null")));
        }
        for (String hostileBody : hostile) {
            expectProblem(path, post(path, token, "application/json", hostileBody));
        }
        // over the gateway's 64 KiB: declared and chunked
        String megabyte = open + ",\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        expectProblem(path + " (1 MiB)", post(path, token, "application/json", megabyte));
        expectProblem(path + " (1 MiB chunked)", send(Gateway.request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() ->
                        new ByteArrayInputStream(megabyte.getBytes(StandardCharsets.UTF_8)))).build()));
        for (String type : List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=x", "text/json", "application/octet-stream")) {
            expectProblem(path + " as " + type, post(path, token, type, body));
        }
        expectProblem(path + " without a content type", send(Gateway.request(path, token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build()));
    }

    private void paths(String token, long concertId, long dateId, long reservationId) {
        String concert = "/api/concerts/";
        for (String path : List.of(
                concert + "1e999999999/dates", concert + "99999999999999999999999/dates", concert + "1.5/dates",
                concert + "%EF%BC%91/dates", concert + "%201/dates", concert + "1%00/dates", concert + "-1/dates",
                concert + concertId + "/dates/1e999999999/seats", concert + concertId + "/dates/%EF%BC%99/seats",
                concert + concertId + "/dates/" + dateId + "/seats?all=maybe",
                "/api/reservations/99999999999999999999999", "/api/reservations/" + reservationId + ".0",
                "/api/reservations/%EF%BC%91", "/api/payments/1e3", "/api/payments/-1",
                "/api/payments/99999999999999999999999",
                "/api/points/history?page=1e999999999", "/api/points/history?size=99999999999999999999999",
                "/api/points/history?page=-1", "/api/points/history?size=0", "/api/points/history?size=101",
                "/api/points/history?size=%EF%BC%91", "/api/points/history?page=1.5",
                "/api/points/%2e%2e/%2e%2e/internal/users/1", "/api/points/..%2F..%2Finternal%2Fusers%2F1",
                "/internal/points/debits", "/api/queue/tokens/me%00")) {
            expectProblem("GET " + path, get(path, token));
        }
    }

    private void oddMethods(String path, String token) {
        for (String method : List.of("TRACE", "TRACK", "PROPFIND", "BREW", "PUT", "DELETE", "PATCH")) {
            if (path.equals("/") && List.of("PUT", "DELETE", "PATCH").contains(method)
                    || path.matches("/api/reservations/\\d+") && method.equals("DELETE")) {
                continue;
            }
            expectProblem(method + " " + path, send(Gateway.request(path, token)
                    .method(method, HttpRequest.BodyPublishers.ofString("{}")).build()));
        }
        expectRawProblem("CONNECT " + path, "CONNECT " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Connection: close\r\n\r\n");
        expectRawProblem("two Host headers " + path, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Host: internal.example\r\nConnection: close\r\n\r\n");
        expectRawProblem("CONNECT authority form", "CONNECT 127.0.0.1:8084 HTTP/1.1\r\nHost: 127.0.0.1:8084\r\n"
                + "Connection: close\r\n\r\n");
    }

    // ---- what every answer must be

    private void expectProblem(String what, Response response) {
        sent++;
        String raw = response.raw() == null ? "" : response.raw();
        String type = response.header("Content-Type");
        if (response.status() < 400 || response.status() > 499
                || raw.getBytes(StandardCharsets.UTF_8).length >= MAX_PROBLEM_BYTES
                || type == null || !type.startsWith("application/problem+json") || response.code() == null) {
            failures.add(what + " → " + response.status() + " " + type + " "
                    + raw.substring(0, Math.min(200, raw.length())));
        }
    }

    private void expectRawProblem(String what, String request) {
        sent++;
        Gateway.RawResponse response = Gateway.raw(request);
        String type = response.header("Content-Type");
        if (response.status() < 400 || response.status() > 499
                || response.body().getBytes(StandardCharsets.UTF_8).length >= MAX_PROBLEM_BYTES
                || type == null || !type.startsWith("application/problem+json")
                || !response.body().contains("\"code\"")) {
            failures.add(what + " → " + response.status() + " " + type + " "
                    + response.body().substring(0, Math.min(200, response.body().length())));
        }
    }

    // ---- state and health

    private static State stateOf(String token, long reservationId, String seatsPath) {
        Response me = get("/api/queue/tokens/me", token);
        Map<Long, String> seats = new LinkedHashMap<>();
        for (JsonNode seat : get(seatsPath + "?all=true", token).body()) {
            seats.put(seat.get("seatId").asLong(), seat.get("status").asString());
        }
        return new State(get("/api/points", token).number("balance"),
                get("/api/points/history?size=1", token).number("total"),
                get("/api/reservations/" + reservationId, token).text("status"), seats, me.text("status"),
                me.text("token"));
    }

    /** A payment that slipped through would then go through too, and the balance would show it. */
    private static void affordToPay(String token, long price) {
        long balance = get("/api/points", token).number("balance");
        if (balance < price + 1) {
            Response charged = Gateway.post("/api/points/charges", token,
                    "{\"amount\":" + (price + 1 - balance) + "}");
            assertThat(charged.status()).as("%s", charged).isEqualTo(200);
        }
    }

    private static void everyServiceIsHealthy() {
        SERVICE_PORTS.forEach((service, port) -> {
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/actuator/health")).timeout(Duration.ofSeconds(10))
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).as(service + " " + health.body()).isEqualTo(200);
                assertThat(health.body()).as(service).contains("\"status\":\"UP\"");
            } catch (java.io.IOException e) {
                throw new AssertionError(service + " is not answering: " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    // ---- helpers

    private static Response post(String path, String token, String contentType, String body) {
        return send(Gateway.request(path, token).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Like Gateway.send, but a gateway that closes the connection on a refused upload is not an error here. */
    private static Response send(HttpRequest request) {
        try {
            return Gateway.send(request);
        } catch (IllegalStateException closedEarly) {
            return new Response(0, null, Map.of(), String.valueOf(closedEarly.getMessage()));
        }
    }

    private static String holdBody(long concertId, long dateId, long seatId) {
        return "{\"concertId\":" + concertId + ",\"dateId\":" + dateId + ",\"seatId\":" + seatId + "}";
    }

    /** The body with the attacked field's value (written by {@code bodyOf} as {@code valid}) replaced. */
    private static String replaceValue(LongFunction<String> bodyOf, long valid, String value) {
        String body = bodyOf.apply(valid);
        String marker = bodyOf.apply(Long.MIN_VALUE);
        int at = 0;
        while (at < body.length() && body.charAt(at) == marker.charAt(at)) {
            at++;
        }
        return body.substring(0, at) + value + body.substring(at + Long.toString(valid).length());
    }

    /** {@code number} in the decimal digits starting at {@code zero} (full-width, Arabic-Indic, Devanagari). */
    private static String digits(long number, char zero) {
        StringBuilder digits = new StringBuilder();
        Long.toString(number).chars().forEach(digit -> digits.append((char) (zero + (digit - '0'))));
        return digits.toString();
    }
}

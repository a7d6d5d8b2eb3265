package dev.ticketing.payment.support;

import dev.ticketing.support.web.IdentityHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Plain HTTP against a running service, answers kept whole (status, headers, JSON) for the test to judge. */
public final class HttpApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    public HttpApi(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String code() {
            return body.path("code").asString();
        }

        public long paymentId() {
            return body.path("paymentId").asLong();
        }

        public String field(String name) {
            return body.path(name).asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response post(String path, Long userId, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        return send(withUser(request, userId));
    }

    public Response get(String path, Long userId) {
        return send(withUser(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), userId));
    }

    public Response pay(long userId, long reservationId) {
        return post("/api/payments", userId, "{\"reservationId\":" + reservationId + "}");
    }

    /** As the gateway forwards a payment admitted to {@code room}'s waiting room. */
    public Response payAdmittedTo(String room, long userId, long reservationId) {
        return send(withUser(HttpRequest.newBuilder(URI.create(baseUrl + "/api/payments"))
                .header("Content-Type", "application/json").header(IdentityHeaders.ADMITTED_ROOM, room)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reservationId\":" + reservationId + "}")), userId));
    }

    /** With an Idempotency-Key header of exactly {@code key} (quoted or not, as given). */
    public Response pay(long userId, long reservationId, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/api/payments"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("{\"reservationId\":" + reservationId + "}"));
        return send(withUser(request, userId));
    }

    private static HttpRequest.Builder withUser(HttpRequest.Builder request, Long userId) {
        return userId == null ? request : request.header(IdentityHeaders.USER_ID, Long.toString(userId));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isBlank() ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), response.headers(), body);
        } catch (IOException e) {
            throw new IllegalStateException("HTTP call failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

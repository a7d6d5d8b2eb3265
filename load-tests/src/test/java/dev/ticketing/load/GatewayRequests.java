package dev.ticketing.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * A simulation's own calls to the gateway outside the measured run (the operator's controls, set-up and clean-up):
 * plain HTTP, not Gatling, so they are neither in the figures nor in the assertions.
 */
final class GatewayRequests {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String baseUrl;

    GatewayRequests(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** One request; {@code bearer}, {@code queueToken} and {@code body} may be null. Any answer is returned. */
    HttpResponse<String> exchange(String method, String path, String bearer, String queueToken, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(10)).header("Accept", "application/json");
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (queueToken != null) {
            request.header("X-Queue-Token", queueToken);
        }
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("Is the system running? " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The operator logs in as the crowd does: a 503/429 is asked again after 2 s, up to 30 times. */
    String operatorToken(String username, String password) {
        String credentials = "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
        HttpResponse<String> login = exchange("POST", "/api/auth/login", null, null, credentials);
        for (int attempt = 1; login.statusCode() != 200 && attempt < 30; attempt++) {
            try {
                Thread.sleep(Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            login = exchange("POST", "/api/auth/login", null, null, credentials);
        }
        if (login.statusCode() != 200) {
            throw new IllegalStateException("the operator could not log in: " + login.statusCode() + " "
                    + login.body());
        }
        return JSON.readTree(login.body()).get("accessToken").asString();
    }
}

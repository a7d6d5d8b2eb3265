package dev.ticketing.queue.infrastructure;

import dev.ticketing.queue.application.UserDirectory;
import dev.ticketing.queue.domain.DependencyUnavailableException;
import io.github.resilience4j.circuitbreaker.annotation.CircuitBreaker;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Asks user-point-service whether a user exists ({@code GET /internal/users/{id}}). Behind a circuit breaker: when
 * user-point is down or slow, token requests fail fast with 503 instead of piling up threads on timeouts.
 */
@Component
public class UserPointClient implements UserDirectory {

    static final String BREAKER = "user-point";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RestClient client;

    public UserPointClient(RestClient.Builder builder, UserPointProperties properties) {
        this.client = builder
                .baseUrl(properties.baseUrl())
                .requestFactory(ClientHttpRequestFactoryBuilder.jdk().build(HttpClientSettings.defaults()
                        .withTimeouts(properties.connectTimeout(), properties.readTimeout())))
                .build();
    }

    /** A 404 with code USER_NOT_FOUND is an answer ("no such user"), not a failure: it does not trip the breaker. */
    @Override
    @CircuitBreaker(name = BREAKER, fallbackMethod = "unavailable")
    public boolean exists(long userId) {
        return client.get()
                .uri("/internal/users/{id}", userId)
                .exchange((request, response) -> {
                    if (response.getStatusCode().is2xxSuccessful()) {
                        return true;
                    }
                    if (response.getStatusCode().value() == HttpStatus.NOT_FOUND.value()
                            && "USER_NOT_FOUND".equals(problemCode(response.getBody()))) {
                        return false;
                    }
                    // any other answer (a 404 without our code is a wrong URL or an old version) is a failure
                    throw new UserPointFailure("user-point-service answered " + response.getStatusCode());
                });
    }

    @SuppressWarnings("unused") // called by the circuit breaker for every failure, and while it is open
    private boolean unavailable(long userId, Throwable cause) {
        throw new DependencyUnavailableException("user-point-service", cause);
    }

    private static String problemCode(InputStream body) {
        try (body) {
            JsonNode code = JSON.readTree(body).get("code");
            return code == null ? null : code.asString();
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    static class UserPointFailure extends RuntimeException {

        UserPointFailure(String message) {
            super(message);
        }
    }
}

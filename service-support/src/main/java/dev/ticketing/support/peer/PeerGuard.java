package dev.ticketing.support.peer;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.retry.Retry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Puts each request of one peer's {@code RestClient} through the peer's retry (outside) and circuit breaker (inside,
 * so every try counts). This class alone decides what is a failure: a connection or I/O error (timeouts included) and
 * a 5xx become {@link PeerUnavailableException}, counted and, for an idempotent request, tried again; an answer below
 * 500 is returned as it is, a success for the breaker and never retried. The yml sets only how many, how long, how
 * often. The body is read here, inside the guard, so a read timeout while the body streams is a failure like one
 * before the headers.
 */
final class PeerGuard implements ClientHttpRequestInterceptor {

    /** RFC 9110's idempotent methods; a POST or PATCH is retried only when marked {@link PeerClients#IDEMPOTENT}. */
    private static final Set<HttpMethod> IDEMPOTENT_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD,
            HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);

    private final String peer;
    private final CircuitBreaker circuitBreaker;
    private final Retry retry;

    PeerGuard(String peer, CircuitBreaker circuitBreaker, Retry retry) {
        this.peer = peer;
        this.circuitBreaker = circuitBreaker;
        this.retry = retry;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
        try {
            return idempotent(request) ? retried(request, body, execution) : attempt(request, body, execution);
        } catch (CallNotPermittedException open) {
            throw new PeerUnavailableException(peer, "circuit breaker open, " + describe(request) + " not sent",
                    open);
        }
    }

    private static boolean idempotent(HttpRequest request) {
        return IDEMPOTENT_METHODS.contains(request.getMethod())
                || Boolean.TRUE.equals(request.getAttributes().get(PeerClients.IDEMPOTENT));
    }

    /** An open breaker's refusal is not a try's failure: it ends the call at once instead of being retried. */
    private ClientHttpResponse retried(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
        Retry.Context<ClientHttpResponse> tries = retry.context();
        while (true) {
            try {
                ClientHttpResponse response = attempt(request, body, execution);
                tries.onComplete();
                return response;
            } catch (PeerUnavailableException unavailable) {
                tries.onRuntimeError(unavailable); // waits before the next try, or throws when the tries are used up
            }
        }
    }

    private ClientHttpResponse attempt(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
        return circuitBreaker.executeSupplier(() -> send(request, body, execution));
    }

    private ClientHttpResponse send(HttpRequest request, byte[] body, ClientHttpRequestExecution execution) {
        try (ClientHttpResponse response = execution.execute(request, body)) {
            HttpStatusCode status = response.getStatusCode();
            if (status.is5xxServerError()) {
                throw new PeerUnavailableException(peer, describe(request) + " answered " + status.value(), null);
            }
            try (InputStream in = response.getBody()) {
                return new BufferedResponse(status, response.getStatusText(), response.getHeaders(),
                        in.readAllBytes());
            }
        } catch (IOException | UncheckedIOException failure) {
            throw new PeerUnavailableException(peer, describe(request) + ": " + failure, failure);
        }
    }

    private static String describe(HttpRequest request) {
        return request.getMethod() + " " + request.getURI().getRawPath();
    }

    /** The whole answer, already read: nothing is left to time out once the caller reads it. */
    private record BufferedResponse(HttpStatusCode statusCode, String statusText, HttpHeaders headers, byte[] body)
            implements ClientHttpResponse {

        @Override
        public HttpStatusCode getStatusCode() {
            return statusCode;
        }

        @Override
        public String getStatusText() {
            return statusText;
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body);
        }

        @Override
        public void close() {
        }
    }
}

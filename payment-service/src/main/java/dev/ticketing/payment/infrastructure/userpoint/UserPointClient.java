package dev.ticketing.payment.infrastructure.userpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ticketing.payment.application.PointsLedger;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.infrastructure.http.GuardedPeer;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one HTTP client to user-point-service's internal points API. Each call goes through the {@code userPoint}
 * retry (outside) and circuit breaker (inside, so every try counts) configured in application.yml, with connect and
 * read timeouts on the request factory. Retrying is safe because every debit and refund carries an idempotency key.
 *
 * <p>Only "cannot answer now" is retried and counted as a failure: timeouts, refused connections and 5xx. A 409
 * (insufficient balance) or 404 (unknown user) is an answer, returned as an {@link PointsLedger.Outcome}.
 */
@Component
public class UserPointClient implements PointsLedger {

    public static final String RESILIENCE_INSTANCE = "userPoint";
    static final String DEBITS = "/internal/points/debits";
    static final String REFUNDS = "/internal/points/refunds";
    private static final Logger log = LoggerFactory.getLogger(UserPointClient.class);

    private final GuardedPeer peer;

    public UserPointClient(RestClient.Builder builder, UserPointProperties properties,
            CircuitBreakerRegistry circuitBreakers, RetryRegistry retries) {
        this.peer = new GuardedPeer(builder, properties.baseUrl(), properties.connectTimeout(),
                properties.readTimeout(), RESILIENCE_INSTANCE, circuitBreakers, retries);
    }

    @Override
    public Outcome debit(long userId, long amount, String idempotencyKey) {
        return call(DEBITS, new PointsRequest(userId, amount, idempotencyKey));
    }

    @Override
    public Outcome refund(long userId, long amount, String idempotencyKey) {
        return call(REFUNDS, new PointsRequest(userId, amount, idempotencyKey));
    }

    private Outcome call(String path, PointsRequest request) {
        try {
            return peer.call(() -> post(path, request));
        } catch (CallNotPermittedException open) {
            log.warn("user-point-service circuit is open; {} {} not attempted", path, request.idempotencyKey());
            throw new PaymentError.PointsUnavailable();
        } catch (ResourceAccessException | UserPointServerError unavailable) {
            log.warn("user-point-service unavailable for {} {}: {}", path, request.idempotencyKey(),
                    unavailable.getMessage());
            throw new PaymentError.PointsUnavailable();
        }
    }

    private Outcome post(String path, PointsRequest request) {
        try {
            return exchange(path, request);
        } catch (RestClientException e) {
            // The read timeout can also strike while the body is being read (the JDK client then closes the stream,
            // and the IOException arrives wrapped by the JSON converter): that is the same "no answer in time" as a
            // timeout before the headers, not a broken contract.
            IOException io = ioCause(e);
            if (io != null) {
                throw new ResourceAccessException("I/O error reading the answer to " + path + ": " + io, io);
            }
            throw e;
        }
    }

    private static IOException ioCause(Throwable failure) {
        for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException io) {
                return io;
            }
        }
        return null;
    }

    private Outcome exchange(String path, PointsRequest request) {
        return peer.http().post().uri(path)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .body(request)
                .exchange((req, response) -> {
                    int status = response.getStatusCode().value();
                    if (response.getStatusCode().is2xxSuccessful()) {
                        PointsEntry entry = response.bodyTo(PointsEntry.class);
                        return new Applied(entry.transactionId(), entry.balance());
                    }
                    if (response.getStatusCode().is5xxServerError()) {
                        throw new UserPointServerError(status, path);
                    }
                    ProblemCode problem = response.bodyTo(ProblemCode.class);
                    String code = problem == null ? null : problem.code();
                    if (status == 409 && "INSUFFICIENT_BALANCE".equals(code)) {
                        return new InsufficientBalance();
                    }
                    if (status == 404 && "USER_NOT_FOUND".equals(code)) {
                        return new UnknownUser();
                    }
                    // Anything else breaks the contract in docs/conventions.md: a bug to see, not an outage to retry.
                    throw new IllegalStateException("user-point-service answered " + status + " (" + code + ") to "
                            + path + " " + request.idempotencyKey());
                });
    }

    record PointsRequest(long userId, long amount, String idempotencyKey) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PointsEntry(long transactionId, long userId, long amount, long balance) {
    }

    /** The part of an RFC 9457 answer this client acts on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProblemCode(String code) {
    }
}

package dev.ticketing.payment.infrastructure.userpoint;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ticketing.payment.application.PointsLedger;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.support.peer.PeerClients;
import dev.ticketing.support.peer.PeerUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * The one HTTP client to user-point-service's internal points API, the peer {@code user-point} of
 * {@link PeerClients} ({@code peers.user-point.*} and the resilience4j instances {@code user-point} in
 * application.yml). "Cannot answer now" (unreachable, timed out, 5xx, circuit open) is
 * {@link PaymentError.PointsUnavailable}; a 409 (insufficient balance) or 404 (unknown user) is an answer, returned as
 * an {@link PointsLedger.Outcome}.
 */
@Component
public class UserPointClient implements PointsLedger {

    public static final String PEER = "user-point";
    static final String DEBITS = "/internal/points/debits";
    static final String REFUNDS = "/internal/points/refunds";
    private static final Logger log = LoggerFactory.getLogger(UserPointClient.class);

    private final RestClient http;

    public UserPointClient(PeerClients peers) {
        this.http = peers.client(PEER);
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
            return http.post().uri(path)
                    // retried: user-point applies each debit and refund key once and replays its first answer
                    .attribute(PeerClients.IDEMPOTENT, true)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                    .body(request)
                    .exchange((req, response) -> {
                        int status = response.getStatusCode().value();
                        if (response.getStatusCode().is2xxSuccessful()) {
                            PointsEntry entry = response.bodyTo(PointsEntry.class);
                            return new Applied(entry.transactionId(), entry.balance());
                        }
                        ProblemCode problem = response.bodyTo(ProblemCode.class);
                        String code = problem == null ? null : problem.code();
                        if (status == 409 && "INSUFFICIENT_BALANCE".equals(code)) {
                            return new InsufficientBalance();
                        }
                        if (status == 404 && "USER_NOT_FOUND".equals(code)) {
                            return new UnknownUser();
                        }
                        // Anything else breaks the contract in docs/conventions.md: a bug to see, not an outage.
                        throw new IllegalStateException("user-point-service answered " + status + " (" + code
                                + ") to " + path + " " + request.idempotencyKey());
                    });
        } catch (PeerUnavailableException unavailable) {
            log.warn("user-point-service unavailable for {} {}: {}", path, request.idempotencyKey(),
                    unavailable.getMessage());
            throw new PaymentError.PointsUnavailable();
        }
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

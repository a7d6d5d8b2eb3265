package dev.ticketing.payment.infrastructure.concert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ticketing.payment.application.ReservationDirectory;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.ReservationStatus;
import dev.ticketing.payment.domain.ReservationView;
import dev.ticketing.support.peer.PeerClients;
import dev.ticketing.support.peer.PeerUnavailableException;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * The one HTTP client to concert-service's internal {@code GET /internal/reservations/{id}}, the peer {@code concert}
 * of {@link PeerClients} (a GET: retried). Only 200 and 404 {@code RESERVATION_NOT_FOUND} are answers; anything else
 * (unreachable, timeout, 5xx, an open circuit, another 4xx, a body that breaks the contract) means "cannot tell now".
 */
@Component
class ConcertReservationClient implements ReservationDirectory {

    static final String PEER = "concert";
    private static final Logger log = LoggerFactory.getLogger(ConcertReservationClient.class);

    private final RestClient http;

    ConcertReservationClient(PeerClients peers) {
        this.http = peers.client(PEER);
    }

    @Override
    public Optional<ReservationView> find(long reservationId) {
        try {
            return get(reservationId);
        } catch (PeerUnavailableException | RestClientException | IllegalStateException unavailable) {
            log.warn("concert-service could not tell about reservation {}: {}", reservationId,
                    unavailable.getMessage());
            throw new PaymentError.ReservationPending(reservationId);
        }
    }

    private Optional<ReservationView> get(long reservationId) {
        return http.get().uri("/internal/reservations/{id}", reservationId)
                .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    if (status == 200) {
                        return Optional.of(view(reservationId, response.bodyTo(InternalReservation.class)));
                    }
                    ProblemCode problem = response.bodyTo(ProblemCode.class);
                    if (status == 404 && problem != null && "RESERVATION_NOT_FOUND".equals(problem.code())) {
                        return Optional.<ReservationView>empty();
                    }
                    // A 404 without the code (a proxy, a wrong address) does not say the reservation is missing.
                    throw new IllegalStateException("concert-service answered " + status + " ("
                            + (problem == null ? null : problem.code()) + ") for reservation " + reservationId);
                });
    }

    private static ReservationView view(long reservationId, InternalReservation found) {
        if (found == null || found.reservationId() != reservationId || found.status() == null
                || found.price() == null || found.holdExpiresAt() == null) {
            throw new IllegalStateException("concert-service's answer for reservation " + reservationId
                    + " breaks the contract: " + found);
        }
        return new ReservationView(found.reservationId(), found.userId(), found.seatId(), found.price(),
                found.holdExpiresAt(), found.status());
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record InternalReservation(long reservationId, long userId, long seatId, Long price, ReservationStatus status,
            Instant holdExpiresAt) {
    }

    /** The part of an RFC 9457 answer this client acts on. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ProblemCode(String code) {
    }
}

package dev.ticketing.queue.api;

import dev.ticketing.queue.domain.QueueError;
import dev.ticketing.support.web.Problems;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The waiting room's errors as RFC 9457 bodies with the codes of docs/conventions.md. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueueProblemAdvice {

    private static final Logger log = LoggerFactory.getLogger(QueueProblemAdvice.class);

    /** Clients poll every 5 s anyway; asking them to come back then spreads the retries after an outage. */
    static final String RETRY_AFTER_SECONDS = "5";

    /** Every refusal of the waiting room, mapped here once: the switch over the sealed family is exhaustive. */
    @ExceptionHandler(QueueError.class)
    ResponseEntity<ProblemDetail> refused(QueueError e) {
        return switch (e) {
            case QueueError.TokenRejected rejected -> problem(HttpStatus.UNAUTHORIZED,
                    rejected.reason() == QueueError.TokenRejected.Reason.EXPIRED ? "TOKEN_EXPIRED" : "TOKEN_INVALID",
                    e.getMessage());
            case QueueError.TokenNotYours notYours -> problem(HttpStatus.FORBIDDEN, "TOKEN_NOT_YOURS", e.getMessage());
            case QueueError.ConcertIdRequired required -> problem(HttpStatus.BAD_REQUEST, "CONCERT_ID_REQUIRED",
                    e.getMessage());
            case QueueError.RoomChangeRefused refusal -> switch (refusal.reason()) {
                case ALREADY_OPEN -> problem(HttpStatus.CONFLICT, "ROOM_ALREADY_OPEN", e.getMessage());
                case ROOM_IN_USE -> problem(HttpStatus.CONFLICT, "ROOM_IN_USE", e.getMessage());
                case OPENS_AT_NOT_IN_FUTURE -> problem(HttpStatus.BAD_REQUEST, "OPENS_AT_NOT_IN_FUTURE",
                        e.getMessage());
            };
            case QueueError.DependencyUnavailable unavailable -> {
                log.warn("Answering 503: {} ({})", e.getMessage(),
                        e.getCause() == null ? "" : e.getCause().toString());
                yield ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                        .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                        .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                                unavailable.dependency() + " is unavailable; try again shortly"));
            }
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }
}

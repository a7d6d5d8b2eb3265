package dev.ticketing.queue.api;

import dev.ticketing.queue.domain.ConcertIdRequiredException;
import dev.ticketing.queue.domain.DependencyUnavailableException;
import dev.ticketing.queue.domain.RoomChangeRefusedException;
import dev.ticketing.queue.domain.TokenNotYoursException;
import dev.ticketing.queue.domain.TokenRejectedException;
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

    @ExceptionHandler(TokenRejectedException.class)
    ProblemDetail tokenRejected(TokenRejectedException e) {
        String code = e.reason() == TokenRejectedException.Reason.EXPIRED ? "TOKEN_EXPIRED" : "TOKEN_INVALID";
        return Problems.of(HttpStatus.UNAUTHORIZED, code, e.getMessage());
    }

    @ExceptionHandler(ConcertIdRequiredException.class)
    ProblemDetail concertIdRequired(ConcertIdRequiredException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "CONCERT_ID_REQUIRED", e.getMessage());
    }

    @ExceptionHandler(RoomChangeRefusedException.class)
    ProblemDetail roomChangeRefused(RoomChangeRefusedException e) {
        return switch (e.reason()) {
            case ALREADY_OPEN -> Problems.of(HttpStatus.CONFLICT, "ROOM_ALREADY_OPEN", e.getMessage());
            case ROOM_IN_USE -> Problems.of(HttpStatus.CONFLICT, "ROOM_IN_USE", e.getMessage());
            case OPENS_AT_NOT_IN_FUTURE -> Problems.of(HttpStatus.BAD_REQUEST, "OPENS_AT_NOT_IN_FUTURE",
                    e.getMessage());
        };
    }

    @ExceptionHandler(TokenNotYoursException.class)
    ProblemDetail tokenNotYours(TokenNotYoursException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "TOKEN_NOT_YOURS", e.getMessage());
    }

    @ExceptionHandler(InternalQueueController.UnknownTokenException.class)
    ProblemDetail unknownToken(InternalQueueController.UnknownTokenException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "TOKEN_INVALID", "The queue token is malformed or unknown");
    }

    @ExceptionHandler(DependencyUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(DependencyUnavailableException e) {
        log.warn("Answering 503: {} ({})", e.getMessage(), e.getCause() == null ? "" : e.getCause().toString());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        e.dependency() + " is unavailable; try again shortly"));
    }
}

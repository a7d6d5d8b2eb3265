package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.AmountNotChargeableException;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.UserNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The service's domain errors as problem details (codes from docs/conventions.md). Ordered before service-support's
 * MalformedRequestHandler, whose catch-all would otherwise answer them with 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PointProblems {

    static final String USER_NOT_FOUND = "USER_NOT_FOUND";
    static final String AMOUNT_NOT_CHARGEABLE = "AMOUNT_NOT_CHARGEABLE";
    static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(PointProblems.class);

    private final PointService points;

    PointProblems(PointService points) {
        this.points = points;
    }

    @ExceptionHandler(UserNotFoundException.class)
    ProblemDetail userNotFound(UserNotFoundException e) {
        return Problems.of(HttpStatus.NOT_FOUND, USER_NOT_FOUND, "User " + e.userId() + " not found");
    }

    @ExceptionHandler(AmountNotChargeableException.class)
    ProblemDetail amountNotChargeable(AmountNotChargeableException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, AMOUNT_NOT_CHARGEABLE, "Charge refused: " + e.getMessage());
    }

    /**
     * The database is unreachable or a balance row stayed locked past the lock wait timeout: nothing was applied, and
     * the same request (with the same idempotency key) may be sent again.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE,
                        "The points database is not answering in time; nothing was changed, try again"));
    }

    @ExceptionHandler(OutcomeRefusedException.class)
    ProblemDetail refused(OutcomeRefusedException e) {
        return switch (e.outcome()) {
            case PointOutcome.InsufficientBalance refused -> Problems.of(HttpStatus.CONFLICT, INSUFFICIENT_BALANCE,
                    "Insufficient balance: " + refused.amount() + " points asked, " + refused.balance()
                            + " available; nothing was debited");
            case PointOutcome.BalanceLimitExceeded refused -> Problems.of(HttpStatus.BAD_REQUEST,
                    AMOUNT_NOT_CHARGEABLE, "Charge refused: " + refused.amount() + " points would take the balance of "
                            + refused.balance() + " over the maximum of " + points.limits().maxBalance());
            case PointOutcome.Applied applied -> throw new IllegalStateException("An applied outcome is no error");
        };
    }
}

package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.application.PointService;
import dev.ticketing.userpoint.domain.AmountNotChargeableException;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.UserNotFoundException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
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

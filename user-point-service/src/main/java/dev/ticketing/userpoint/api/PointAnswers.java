package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.domain.PointOutcome;
import dev.ticketing.userpoint.domain.PointTransaction;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * A point change's outcome as its HTTP answer: the applied transaction, or the refusal as a problem. An outcome, not
 * an exception: a refused debit is an answer the caller expects (and an idempotent replay answers it again).
 */
final class PointAnswers {

    private PointAnswers() {
    }

    static ResponseEntity<?> of(PointOutcome outcome, long maxBalance, Function<PointTransaction, ?> applied) {
        return switch (outcome) {
            case PointOutcome.Applied change -> ResponseEntity.ok(applied.apply(change.transaction()));
            case PointOutcome.InsufficientBalance refused -> problem(HttpStatus.CONFLICT,
                    UserPointProblems.INSUFFICIENT_BALANCE, "Insufficient balance: " + refused.amount()
                            + " points asked, " + refused.balance() + " available; nothing was debited");
            case PointOutcome.BalanceLimitExceeded refused -> problem(HttpStatus.BAD_REQUEST,
                    UserPointProblems.AMOUNT_NOT_CHARGEABLE, "Charge refused: " + refused.amount()
                            + " points would take the balance of " + refused.balance() + " over the maximum of "
                            + maxBalance);
        };
    }

    private static ResponseEntity<?> problem(HttpStatus status, String code, String detail) {
        return ResponseEntity.status(status).body(Problems.of(status, code, detail));
    }
}

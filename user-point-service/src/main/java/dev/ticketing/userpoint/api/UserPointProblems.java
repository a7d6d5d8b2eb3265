package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.application.PasswordHashingBusyException;
import dev.ticketing.userpoint.application.SigningKeyUnavailableException;
import dev.ticketing.userpoint.domain.UserPointError;
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
 * The service's errors as problem details (codes from docs/conventions.md): the domain's refusals, mapped here once,
 * and the dependencies that cannot answer now. Ordered before service-support's MalformedRequestHandler, whose
 * catch-all would otherwise answer them with 500. A refused debit or charge is not an error: {@link PointAnswers}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class UserPointProblems {

    static final String AMOUNT_NOT_CHARGEABLE = "AMOUNT_NOT_CHARGEABLE";
    static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

    private static final Logger log = LoggerFactory.getLogger(UserPointProblems.class);

    /** The switch over the sealed family is exhaustive: a new refusal does not compile until it has its answer. */
    @ExceptionHandler(UserPointError.class)
    ProblemDetail refused(UserPointError e) {
        return switch (e) {
            case UserPointError.UserNotFound notFound -> Problems.of(HttpStatus.NOT_FOUND, "USER_NOT_FOUND",
                    "User " + notFound.userId() + " not found");
            case UserPointError.AmountNotChargeable amount -> Problems.of(HttpStatus.BAD_REQUEST,
                    AMOUNT_NOT_CHARGEABLE, "Charge refused: " + e.getMessage());
            case UserPointError.InvalidUsername invalid -> Problems.of(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
                    e.getMessage());
            case UserPointError.PasswordRejected rejected -> Problems.of(HttpStatus.BAD_REQUEST, "PASSWORD_REJECTED",
                    e.getMessage());
            case UserPointError.UsernameTaken taken -> Problems.of(HttpStatus.CONFLICT, "USERNAME_TAKEN",
                    e.getMessage());
        };
    }

    /**
     * The database is unreachable or a balance row stayed locked past the lock wait timeout: nothing was applied, and
     * the same request (with the same idempotency key) may be sent again.
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(DataAccessException e) {
        log.warn("Database unavailable: {}", e.getMessage());
        return unavailable("1", "The points database is not answering in time; nothing was changed, try again");
    }

    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> hashingBusy(PasswordHashingBusyException e) {
        return unavailable("2", e.getMessage());
    }

    @ExceptionHandler(SigningKeyUnavailableException.class)
    ResponseEntity<ProblemDetail> noSigningKey(SigningKeyUnavailableException e) {
        log.error(e.getMessage());
        return unavailable("30", "Logins are not possible right now: no signing key is configured");
    }

    private static ResponseEntity<ProblemDetail> unavailable(String retryAfterSeconds, String detail) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, detail));
    }
}

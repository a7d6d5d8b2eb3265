package dev.ticketing.userpoint.api;

import dev.ticketing.support.web.Problems;
import dev.ticketing.userpoint.application.PasswordHashingBusyException;
import dev.ticketing.userpoint.application.SigningKeyUnavailableException;
import dev.ticketing.userpoint.domain.InvalidUsernameException;
import dev.ticketing.userpoint.domain.PasswordRejectedException;
import dev.ticketing.userpoint.domain.UsernameTakenException;
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

/** Sign-up and login errors as problem details (codes from docs/conventions.md). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class IdentityProblems {

    private static final Logger log = LoggerFactory.getLogger(IdentityProblems.class);

    @ExceptionHandler(InvalidUsernameException.class)
    ProblemDetail invalidUsername(InvalidUsernameException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    @ExceptionHandler(PasswordRejectedException.class)
    ProblemDetail passwordRejected(PasswordRejectedException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "PASSWORD_REJECTED", e.getMessage());
    }

    @ExceptionHandler(UsernameTakenException.class)
    ProblemDetail usernameTaken(UsernameTakenException e) {
        return Problems.of(HttpStatus.CONFLICT, "USERNAME_TAKEN", e.getMessage());
    }

    @ExceptionHandler(PasswordHashingBusyException.class)
    ResponseEntity<ProblemDetail> hashingBusy(PasswordHashingBusyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "2")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", e.getMessage()));
    }

    @ExceptionHandler(SigningKeyUnavailableException.class)
    ResponseEntity<ProblemDetail> noSigningKey(SigningKeyUnavailableException e) {
        log.error(e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .body(Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        "Logins are not possible right now: no signing key is configured"));
    }
}

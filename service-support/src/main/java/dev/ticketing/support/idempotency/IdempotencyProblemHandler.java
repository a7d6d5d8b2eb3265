package dev.ticketing.support.idempotency;

import dev.ticketing.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The three answers of the Idempotency-Key itself, the same in every service (docs/conventions.md). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class IdempotencyProblemHandler {

    @ExceptionHandler(MalformedIdempotencyKeyException.class)
    ProblemDetail malformed(MalformedIdempotencyKeyException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyReusedException.class)
    ProblemDetail reused(IdempotencyKeyReusedException e) {
        return Problems.of(HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED", e.getMessage());
    }

    @ExceptionHandler(IdempotencyKeyInUseException.class)
    ResponseEntity<ProblemDetail> inUse(IdempotencyKeyInUseException e) {
        return ResponseEntity.status(HttpStatus.CONFLICT)
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                .body(Problems.of(HttpStatus.CONFLICT, "IDEMPOTENCY_KEY_IN_USE", e.getMessage()));
    }
}

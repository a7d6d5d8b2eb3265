package dev.ticketing.payment.api;

import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where payment errors become statuses and stable codes (docs/conventions.md). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class PaymentErrorHandler {

    @ExceptionHandler(PaymentError.class)
    ResponseEntity<ProblemDetail> paymentError(PaymentError error) {
        return switch (error) {
            case PaymentError.ReservationNotFound e -> problem(HttpStatus.NOT_FOUND, "RESERVATION_NOT_FOUND", e);
            case PaymentError.ReservationPending e -> retryAfter(1,
                    problem(HttpStatus.CONFLICT, "RESERVATION_PENDING", e));
            case PaymentError.NotYourHold e -> problem(HttpStatus.FORBIDDEN, "NOT_YOUR_HOLD", e);
            case PaymentError.HoldExpired e -> problem(HttpStatus.CONFLICT, "HOLD_EXPIRED", e);
            case PaymentError.InsufficientBalance e -> problem(HttpStatus.CONFLICT, "INSUFFICIENT_BALANCE", e);
            case PaymentError.UserNotFound e -> problem(HttpStatus.NOT_FOUND, "USER_NOT_FOUND", e);
            case PaymentError.PaymentNotFound e -> problem(HttpStatus.NOT_FOUND, "PAYMENT_NOT_FOUND", e);
            case PaymentError.PointsUnavailable e -> retryAfter(2,
                    problem(HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE", e));
        };
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String code, PaymentError error) {
        return ResponseEntity.status(status).body(Problems.of(status, code, error.getMessage()));
    }

    private static ResponseEntity<ProblemDetail> retryAfter(int seconds, ResponseEntity<ProblemDetail> response) {
        return ResponseEntity.status(response.getStatusCode())
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(seconds))
                .body(response.getBody());
    }
}

package dev.ticketing.concert.api;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** The one place where this service's refusals become statuses and problem codes (docs/conventions.md). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConcertProblemHandler {

    @ExceptionHandler(ConcertException.class)
    ProblemDetail refused(ConcertException e) {
        return switch (e) {
            case ConcertException.ConcertNotFound notFound ->
                    Problems.of(HttpStatus.NOT_FOUND, "CONCERT_NOT_FOUND", e.getMessage());
            case ConcertException.ConcertDateNotFound notFound ->
                    Problems.of(HttpStatus.NOT_FOUND, "CONCERT_DATE_NOT_FOUND", e.getMessage());
            case ConcertException.SeatNotFound notFound ->
                    Problems.of(HttpStatus.NOT_FOUND, "SEAT_NOT_FOUND", e.getMessage());
            case ConcertException.SeatNotAvailable taken -> {
                ProblemDetail problem = Problems.of(HttpStatus.CONFLICT, "SEAT_NOT_AVAILABLE", e.getMessage());
                // the request's seats that are taken (none of its seats was held); at most the request's few ids
                problem.setProperty("seatIds", taken.seatIds());
                yield problem;
            }
            case ConcertException.PurchaseLimitReached limit ->
                    Problems.of(HttpStatus.CONFLICT, "PURCHASE_LIMIT_REACHED", e.getMessage());
            case ConcertException.InvalidRequest invalid ->
                    Problems.of(HttpStatus.BAD_REQUEST, "INVALID_REQUEST", e.getMessage());
            case ConcertException.ReservationAlreadyPaid paid ->
                    Problems.of(HttpStatus.CONFLICT, "RESERVATION_ALREADY_PAID", e.getMessage());
            case ConcertException.HoldLimitReached limit ->
                    Problems.of(HttpStatus.CONFLICT, "HOLD_LIMIT_REACHED", e.getMessage());
            case ConcertException.ReservationNotFound notFound ->
                    Problems.of(HttpStatus.NOT_FOUND, "RESERVATION_NOT_FOUND", e.getMessage());
        };
    }
}

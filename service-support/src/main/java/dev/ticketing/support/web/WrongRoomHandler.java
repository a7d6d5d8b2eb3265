package dev.ticketing.support.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** 403 {@code WRONG_ROOM} for a request about another concert than its admission's room, in every service. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WrongRoomHandler {

    @ExceptionHandler(AdmittedRoom.WrongRoomException.class)
    ProblemDetail wrongRoom(AdmittedRoom.WrongRoomException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "WRONG_ROOM", e.getMessage());
    }
}

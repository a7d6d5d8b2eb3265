package dev.ticketing.support.web;

import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** 403 {@code WRONG_ROOM} for a request about another concert than its admission's room, in every service. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class WrongRoomHandler {

    @ExceptionHandler(AdmittedRoom.WrongRoomException.class)
    ProblemDetail wrongRoom(AdmittedRoom.WrongRoomException e) {
        return Problems.of(HttpStatus.FORBIDDEN, "WRONG_ROOM", e.getMessage());
    }

    @Configuration(proxyBeanMethods = false)
    static class Resolver implements WebMvcConfigurer {

        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
            resolvers.add(new AdmittedRoomResolver());
        }
    }
}

package dev.ticketing.support.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container answers on its own (a method it refuses such as {@code TRACE}, a request it cannot
 * parse, a failure outside Spring MVC) is forwarded to {@code /error}; here it gets the one problem format instead of
 * Boot's default error JSON, whatever the request asked for.
 */
@RestController
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController implements ErrorController {

    @RequestMapping(produces = {MediaType.APPLICATION_PROBLEM_JSON_VALUE, MediaType.ALL_VALUE})
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = statusOf(request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problemFor(status, request.getMethod()));
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    static ProblemDetail problemFor(HttpStatus status, String method) {
        return switch (status) {
            case NOT_FOUND -> Problems.of(status, "NOT_FOUND", "No such resource");
            case METHOD_NOT_ALLOWED -> Problems.of(status, "METHOD_NOT_ALLOWED", method + " is not allowed here");
            case CONTENT_TOO_LARGE -> Problems.of(status, "PAYLOAD_TOO_LARGE", "The request body is too large");
            case UNSUPPORTED_MEDIA_TYPE -> Problems.of(status, "UNSUPPORTED_MEDIA_TYPE", "Send application/json");
            case UNAUTHORIZED -> Problems.of(status, "UNAUTHENTICATED", "No user identity");
            case SERVICE_UNAVAILABLE -> Problems.of(status, "SERVICE_UNAVAILABLE", "Try again later");
            default -> status.is4xxClientError()
                    ? Problems.of(status, "INVALID_REQUEST", "The request is not one this API accepts")
                    : Problems.of(HttpStatus.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR",
                            "Unexpected error; it has been logged");
        };
    }
}

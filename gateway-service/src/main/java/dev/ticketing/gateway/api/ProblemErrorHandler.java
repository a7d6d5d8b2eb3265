package dev.ticketing.gateway.api;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import reactor.core.publisher.Mono;
import reactor.netty.channel.AbortedException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * Every error the gateway itself answers (no route, rate limit, a service that cannot be reached) in the one problem
 * format. Ordered before Boot's default handler, which would answer in its own JSON shape.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    /** A rate-limited client should back off at least this long (the bucket refills every second). */
    static final long RATE_LIMITED_RETRY_AFTER_SECONDS = 1;

    private final ProblemResponses problems;

    public ProblemErrorHandler(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return problems.write(exchange, problemFor(exchange, error));
    }

    private Problem problemFor(ServerWebExchange exchange, Throwable error) {
        HttpStatusCode status = statusOf(error);
        if (status != null) {
            return switch (status.value()) {
                case 400 -> Problem.of(HttpStatus.BAD_REQUEST, ErrorCodes.INVALID_REQUEST, reasonOf(error));
                case 404 -> Problem.of(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND,
                        "No such resource: " + exchange.getRequest().getPath().value());
                case 405 -> Problem.of(HttpStatus.METHOD_NOT_ALLOWED, ErrorCodes.METHOD_NOT_ALLOWED,
                        exchange.getRequest().getMethod() + " is not allowed here");
                case 429 -> Problem.of(HttpStatus.TOO_MANY_REQUESTS, ErrorCodes.RATE_LIMITED,
                                "Too many requests from this client; slow down")
                        .withRetryAfterSeconds(RATE_LIMITED_RETRY_AFTER_SECONDS);
                // the gateway's response timeout: the service may still have done the work, so the detail says so
                case 504 -> unavailable(exchange, "did not answer in time; the request may or may not have been"
                        + " processed");
                case 503 -> unavailable(exchange, "is unavailable");
                default -> status.is5xxServerError() ? unexpected(exchange, error)
                        : Problem.of(HttpStatus.valueOf(status.value()), ErrorCodes.INVALID_REQUEST, reasonOf(error));
            };
        }
        if (isUnreachable(error)) {
            return unavailable(exchange, "could not be reached");
        }
        return unexpected(exchange, error);
    }

    private static HttpStatusCode statusOf(Throwable error) {
        if (error instanceof ErrorResponse response) {
            return response.getStatusCode();
        }
        // RequestRateLimiter with throw-on-limit signals the limit this way
        if (error instanceof HttpClientErrorException clientError) {
            return clientError.getStatusCode();
        }
        return null;
    }

    private static boolean isUnreachable(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof PrematureCloseException
                    || cause instanceof TimeoutException
                    || cause instanceof io.netty.channel.ConnectTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static Problem unavailable(ServerWebExchange exchange, String what) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object service = route == null ? null : route.getMetadata().get("service");
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                        (service == null ? "The service" : service) + " " + what)
                .withRetryAfterSeconds(QueueTokenGatewayFilterFactory.UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    private static Problem unexpected(ServerWebExchange exchange, Throwable error) {
        if (!(error instanceof AbortedException)) {
            log.error("Unexpected error on {} {}", exchange.getRequest().getMethod(),
                    exchange.getRequest().getPath().value(), error);
        }
        return Problem.of(HttpStatus.INTERNAL_SERVER_ERROR, ErrorCodes.INTERNAL_ERROR,
                "Unexpected error; it has been logged");
    }

    private static String reasonOf(Throwable error) {
        if (error instanceof ErrorResponse response && response.getBody().getDetail() != null) {
            return response.getBody().getDetail();
        }
        return "Invalid request";
    }
}

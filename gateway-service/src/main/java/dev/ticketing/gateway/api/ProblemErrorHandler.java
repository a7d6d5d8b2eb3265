package dev.ticketing.gateway.api;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
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
 * Every error the gateway itself answers (no route, rate limit, a service that cannot be reached or that broke off) in
 * the one problem format. Ordered before Boot's default handler, which would answer in its own JSON shape. A service
 * that fails is never a 500 here: not reached or too slow is 503 {@code SERVICE_UNAVAILABLE}, a connection closed or
 * reset after the request went out is 502 {@code BAD_GATEWAY}, both with {@code Retry-After}.
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
                // a chunked body crossing the limit (RequestSizeLimitFilter) while it is being sent on
                case 413 -> Problem.of(HttpStatus.CONTENT_TOO_LARGE, ErrorCodes.PAYLOAD_TOO_LARGE, reasonOf(error));
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
        return switch (downstreamFailureOf(error)) {
            case NOT_REACHED -> unavailable(exchange, "could not be reached");
            case NO_ANSWER_IN_TIME -> unavailable(exchange, "did not answer in time; the request may or may not have"
                    + " been processed");
            case BROKE_OFF -> brokeOff(exchange);
            case NONE -> unexpected(exchange, error);
        };
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

    /** How a call to a service failed, from the cause chain of what the routing filter signalled. */
    enum DownstreamFailure { NOT_REACHED, NO_ANSWER_IN_TIME, BROKE_OFF, NONE }

    static DownstreamFailure downstreamFailureOf(Throwable error) {
        DownstreamFailure found = DownstreamFailure.NONE;
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // refused, unresolvable or not accepted in time: the service never saw the request
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return DownstreamFailure.NOT_REACHED;
            }
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
                found = DownstreamFailure.NO_ANSWER_IN_TIME;
            } else if (found == DownstreamFailure.NONE && (cause instanceof PrematureCloseException
                    || cause instanceof PrematureChannelClosureException || cause instanceof IOException)) {
                // closed or reset ("Connection reset by peer") after the request was sent, before a whole answer
                found = DownstreamFailure.BROKE_OFF;
            }
        }
        return found;
    }

    private static Problem unavailable(ServerWebExchange exchange, String what) {
        return Problem.of(HttpStatus.SERVICE_UNAVAILABLE, ErrorCodes.SERVICE_UNAVAILABLE,
                        serviceOf(exchange) + " " + what)
                .withRetryAfterSeconds(QueueTokenGatewayFilterFactory.UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    /**
     * The service took the request and then closed or reset the connection (it crashed, was killed, or restarted):
     * 502, and the detail says that the request may have been processed, so the client retries with its idempotency
     * key or reads the state first.
     */
    private static Problem brokeOff(ServerWebExchange exchange) {
        return Problem.of(HttpStatus.BAD_GATEWAY, ErrorCodes.BAD_GATEWAY, serviceOf(exchange)
                        + " closed the connection before answering; the request may or may not have been processed")
                .withRetryAfterSeconds(QueueTokenGatewayFilterFactory.UNAVAILABLE_RETRY_AFTER_SECONDS);
    }

    private static String serviceOf(ServerWebExchange exchange) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        Object service = route == null ? null : route.getMetadata().get("service");
        return service == null ? "The service" : service.toString();
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

package dev.ticketing.gateway.application;

/** queue-service is down, too slow, or its circuit breaker is open. */
public class TokenDirectoryUnavailable extends RuntimeException {

    public TokenDirectoryUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}

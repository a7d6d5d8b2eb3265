package dev.ticketing.payment.infrastructure.userpoint;

/** user-point-service answered 5xx: it is unwell, which the circuit breaker counts and the retry may outlast. */
public class UserPointServerError extends RuntimeException {

    public UserPointServerError(int status, String path) {
        super("user-point-service answered " + status + " to " + path, null, false, false);
    }
}

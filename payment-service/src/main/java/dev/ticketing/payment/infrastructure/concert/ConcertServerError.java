package dev.ticketing.payment.infrastructure.concert;

/** concert-service answered 5xx: it cannot answer now (retried, counted by the circuit breaker). */
public class ConcertServerError extends RuntimeException {

    public ConcertServerError(int status, long reservationId) {
        super("concert-service answered " + status + " for reservation " + reservationId, null, false, false);
    }
}

package dev.ticketing.payment.domain;

/**
 * Why a payment request was not fulfilled. Each is a type, mapped once to a status and a stable code in the api
 * layer.
 */
public abstract sealed class PaymentError extends RuntimeException {

    private PaymentError(String message) {
        super(message, null, false, false);
    }

    public static final class ReservationNotFound extends PaymentError {
        public ReservationNotFound(long reservationId) {
            super("Reservation " + reservationId + " does not exist");
        }
    }

    /** The reservation may exist but its SeatReserved has not reached this service yet: ask again in a moment. */
    public static final class ReservationPending extends PaymentError {
        public ReservationPending(long reservationId) {
            super("Reservation " + reservationId + " is not known to payments yet; retry in a moment");
        }
    }

    public static final class NotYourHold extends PaymentError {
        public NotYourHold(long reservationId) {
            super("Reservation " + reservationId + " is not your held seat");
        }
    }

    public static final class HoldExpired extends PaymentError {
        public HoldExpired(long reservationId) {
            super("The hold of reservation " + reservationId + " was released or has expired");
        }
    }

    public static final class InsufficientBalance extends PaymentError {
        public InsufficientBalance(long amount) {
            super("Your point balance does not cover " + amount + " points; charge points and pay again");
        }
    }

    public static final class UserNotFound extends PaymentError {
        public UserNotFound(long userId) {
            super("User " + userId + " does not exist");
        }
    }

    public static final class PaymentNotFound extends PaymentError {
        public PaymentNotFound(long paymentId) {
            super("Payment " + paymentId + " does not exist");
        }
    }

    /** The points could not be debited now; the payment stays PENDING and the same request later completes it. */
    public static final class PointsUnavailable extends PaymentError {
        public PointsUnavailable() {
            super("Points cannot be debited right now; nothing was charged twice, retry the same request shortly");
        }
    }
}

package dev.ticketing.concert.domain;

/** The outcome of a completed payment for a reservation. */
public sealed interface ConfirmationDecision {

    /** Sell the seat to the payer. */
    record Confirm() implements ConfirmationDecision {
    }

    /** This very payment confirmed the reservation before (a re-published event): nothing to do. */
    record AlreadyConfirmed() implements ConfirmationDecision {
    }

    /**
     * The payment cannot buy this seat, so it must be refunded. {@code reason} is one of the constants below and
     * travels in {@code ReservationConfirmationFailed.reason}.
     */
    record Reject(String reason) implements ConfirmationDecision {
        /** The hold expired and was released; the seat may already belong to someone else. */
        public static final String HOLD_RELEASED = "HOLD_RELEASED";
        /** Another payment already bought this reservation's seat. */
        public static final String ALREADY_CONFIRMED = "ALREADY_CONFIRMED";
        /** No such reservation here. */
        public static final String RESERVATION_NOT_FOUND = "RESERVATION_NOT_FOUND";
        /** The payer is not the user who holds the seat. */
        public static final String NOT_HOLDER = "NOT_HOLDER";
        /** The payment names another seat than the reservation. */
        public static final String SEAT_MISMATCH = "SEAT_MISMATCH";
        /** The amount paid is not the seat's price. */
        public static final String AMOUNT_MISMATCH = "AMOUNT_MISMATCH";
    }
}

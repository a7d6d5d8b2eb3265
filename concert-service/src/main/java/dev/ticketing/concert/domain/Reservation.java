package dev.ticketing.concert.domain;

import java.time.Instant;

/**
 * A user's hold on one seat and what became of it. The record is a snapshot read under the reservation's row lock;
 * the state change itself is written with a conditional UPDATE, so the decision here and the database agree.
 *
 * @param paymentId the payment that confirmed it; null unless CONFIRMED
 */
public record Reservation(
        long id,
        long userId,
        long concertId,
        long dateId,
        long seatId,
        int seatNumber,
        long price,
        ReservationStatus status,
        Instant holdExpiresAt,
        Long paymentId) {

    public boolean ownedBy(long userId) {
        return this.userId == userId;
    }

    /**
     * What a completed payment does to this reservation. A HELD reservation is confirmed even past its expiry: until
     * the release job has released it the seat is still this user's, and the payment already took their points.
     */
    public ConfirmationDecision decideConfirmation(long paymentId, long payerId, long seatId, long amount) {
        if (payerId != userId) {
            return new ConfirmationDecision.Reject(ConfirmationDecision.Reject.NOT_HOLDER);
        }
        if (seatId != this.seatId) {
            return new ConfirmationDecision.Reject(ConfirmationDecision.Reject.SEAT_MISMATCH);
        }
        if (amount != price) {
            return new ConfirmationDecision.Reject(ConfirmationDecision.Reject.AMOUNT_MISMATCH);
        }
        return switch (status) {
            case HELD -> new ConfirmationDecision.Confirm();
            case RELEASED -> new ConfirmationDecision.Reject(ConfirmationDecision.Reject.HOLD_RELEASED);
            case CONFIRMED -> this.paymentId != null && this.paymentId == paymentId
                    ? new ConfirmationDecision.AlreadyConfirmed()
                    : new ConfirmationDecision.Reject(ConfirmationDecision.Reject.ALREADY_CONFIRMED);
        };
    }
}

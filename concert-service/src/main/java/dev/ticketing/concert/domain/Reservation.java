package dev.ticketing.concert.domain;

import java.time.Instant;
import java.util.List;

/**
 * A user's hold on one seat and what became of it. The record is a snapshot read under the reservation's row lock;
 * the state change itself is written with a conditional UPDATE, so the decision here and the database agree.
 *
 * <p>A reservation holds one or more seats of one date, all or nothing: {@code seatId} and {@code seatNumber} are its
 * first seat (the lowest seat id), {@code price} is the total of its seats, and {@code seats} lists every one.
 *
 * @param paymentId     the payment that confirmed it; null unless CONFIRMED
 * @param seats         every seat, in seat id order
 * @param releaseReason why it was released; null unless RELEASED
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
        Long paymentId,
        List<ReservedSeat> seats,
        ReleaseReason releaseReason) {

    public Reservation {
        seats = List.copyOf(seats);
        if (seats.isEmpty()) {
            throw new IllegalArgumentException("A reservation has at least one seat");
        }
    }

    /** A single-seat reservation. */
    public Reservation(long id, long userId, long concertId, long dateId, long seatId, int seatNumber, long price,
            ReservationStatus status, Instant holdExpiresAt, Long paymentId) {
        this(id, userId, concertId, dateId, seatId, seatNumber, price, status, holdExpiresAt, paymentId,
                List.of(new ReservedSeat(seatId, seatNumber, price)),
                status == ReservationStatus.RELEASED ? ReleaseReason.EXPIRED : null);
    }

    public List<Long> seatIds() {
        return seats.stream().map(ReservedSeat::seatId).toList();
    }

    public int seatCount() {
        return seats.size();
    }

    /** The same reservation after its release for {@code reason}. */
    public Reservation released(ReleaseReason reason) {
        return new Reservation(id, userId, concertId, dateId, seatId, seatNumber, price, ReservationStatus.RELEASED,
                holdExpiresAt, paymentId, seats, reason);
    }

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

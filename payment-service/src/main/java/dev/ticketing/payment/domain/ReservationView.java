package dev.ticketing.payment.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * payment-service's own copy of a reservation, built from concert-service's events: enough to decide whether a user
 * may pay for it and how much.
 *
 * <p>Events of one reservation share a partition, so they normally arrive in order; the transitions are still written
 * so that any order gives the same end state: a release or a confirmation is final and a late {@code SeatReserved}
 * never brings a reservation back to life.
 *
 * @param price         null while only the release of the reservation is known
 * @param holdExpiresAt null while only the release of the reservation is known
 */
public record ReservationView(
        long reservationId,
        long userId,
        long seatId,
        Long price,
        Instant holdExpiresAt,
        ReservationStatus status) {

    public ReservationView {
        Objects.requireNonNull(status, "status");
    }

    public static ReservationView held(long reservationId, long userId, long seatId, long price,
            Instant holdExpiresAt) {
        return new ReservationView(reservationId, userId, seatId, price, Objects.requireNonNull(holdExpiresAt),
                ReservationStatus.HELD);
    }

    /** A release that overtook its SeatReserved: remembered, so that the late SeatReserved cannot revive the hold. */
    public static ReservationView releasedBeforeHeld(long reservationId, long userId, long seatId) {
        return new ReservationView(reservationId, userId, seatId, null, null, ReservationStatus.RELEASED);
    }

    /** A confirmation that overtook its SeatReserved (defensive: concert-service confirms only what payments paid). */
    public static ReservationView confirmedBeforeHeld(long reservationId, long userId, long seatId) {
        return new ReservationView(reservationId, userId, seatId, null, null, ReservationStatus.CONFIRMED);
    }

    /** A late or redelivered SeatReserved fills in what a release did not carry, and never changes the status. */
    public ReservationView onReserved(long reservedPrice, Instant reservedHoldExpiresAt) {
        return new ReservationView(reservationId, userId, seatId, price == null ? reservedPrice : price,
                holdExpiresAt == null ? reservedHoldExpiresAt : holdExpiresAt, status);
    }

    /** A sale is final: a release after a confirmation (which concert-service never sends) changes nothing. */
    public ReservationView onReleased() {
        return status == ReservationStatus.HELD ? withStatus(ReservationStatus.RELEASED) : this;
    }

    /** concert-service sold the seat: its word is final, whatever this view believed before. */
    public ReservationView onConfirmed() {
        return withStatus(ReservationStatus.CONFIRMED);
    }

    /**
     * Whether {@code payer} may start paying now. Ownership is checked before expiry, so nobody learns anything about
     * someone else's reservation beyond "not yours".
     */
    public void requirePayableBy(long payer, Instant now) {
        requireOwnedBy(payer);
        if (status != ReservationStatus.HELD || price == null || !now.isBefore(holdExpiresAt)) {
            throw new PaymentError.HoldExpired(reservationId);
        }
    }

    public void requireOwnedBy(long payer) {
        if (userId != payer) {
            throw new PaymentError.NotYourHold(reservationId);
        }
    }

    private ReservationView withStatus(ReservationStatus newStatus) {
        return new ReservationView(reservationId, userId, seatId, price, holdExpiresAt, newStatus);
    }
}

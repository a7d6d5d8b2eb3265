package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.SeatToHold;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Holds, releases and confirmations as the database enforces them. Every state change is a conditional UPDATE whose
 * row count says whether this caller won; callers must run inside one transaction per use case.
 */
public interface ReservationStore {

    Optional<SeatToHold> seatToHold(long seatId);

    /**
     * Creates the user's hold guard row if it is missing, committed on its own: call it outside any transaction,
     * before the hold's transaction that locks the row.
     */
    void ensureHoldGuardOf(long userId);

    /**
     * Serializes the hold requests of one user until the transaction ends (other users are not affected); the guard
     * row must exist ({@link #ensureHoldGuardOf}).
     */
    void lockHoldsOf(long userId);

    /** HELD reservations of the user whose expiry is after {@code now}. */
    int countLiveHolds(long userId, Instant now);

    /** AVAILABLE → HELD if and only if the seat is still available; false when someone else got it first. */
    boolean markSeatHeld(long seatId, long dateId);

    /** Inserts the HELD reservation and links the seat to it; returns the reservation id. */
    long insertHold(long userId, SeatToHold seat, Instant heldAt, Instant holdExpiresAt);

    Optional<Reservation> find(long reservationId);

    /** Reads the reservation with its row locked until the transaction ends. */
    Optional<Reservation> lockForUpdate(long reservationId);

    /**
     * Locks up to {@code limit} HELD reservations expired at {@code now}, skipping rows another transaction has
     * locked (another release job, or a confirmation in progress).
     */
    List<Reservation> lockExpiredHolds(Instant now, int limit);

    /** How many reservations are still HELD although their hold expired before {@code cutoff}. */
    long countHeldExpiredBefore(Instant cutoff);

    /** HELD → RELEASED and its seat back to AVAILABLE; false if the reservation was no longer HELD. */
    boolean release(Reservation reservation, Instant now);

    /** HELD → CONFIRMED and its seat to SOLD; false if the reservation was no longer HELD. */
    boolean confirm(Reservation reservation, long paymentId, Instant now);
}

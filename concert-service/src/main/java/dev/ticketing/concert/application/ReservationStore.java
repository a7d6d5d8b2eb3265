package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
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

    /** The seats of these ids that exist, in ascending seat id order. */
    List<SeatToHold> seatsToHold(List<Long> seatIds);

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

    /** Seats of the user's HELD reservations whose expiry is after {@code now}, over all dates. */
    int countLiveHeldSeats(long userId, Instant now);

    /** Seats of one date the user holds (live holds) or has bought. */
    int countHeldOrSoldSeats(long userId, long dateId, Instant now);

    /** AVAILABLE → HELD if and only if the seat is still available; false when someone else got it first. */
    boolean markSeatHeld(long seatId, long dateId);

    /** Inserts the HELD reservation and links the seat to it; returns the reservation id. */
    long insertHold(long userId, SeatToHold seat, Instant heldAt, Instant holdExpiresAt);

    /**
     * Inserts one HELD reservation of every seat (all of one date, each already marked held in this transaction, in
     * ascending seat id order) and links the seats to it; returns the reservation id.
     */
    long insertHold(long userId, List<SeatToHold> seats, Instant heldAt, Instant holdExpiresAt);

    /** One page of the user's reservations, newest first, optionally only those of one status. */
    List<ReservationListing> reservationsOf(long userId, Optional<ReservationStatus> status, int page, int size);

    long countReservationsOf(long userId, Optional<ReservationStatus> status);

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

    /** HELD → RELEASED (expired) and its seats back to AVAILABLE; false if the reservation was no longer HELD. */
    boolean release(Reservation reservation, Instant now);

    /** HELD → RELEASED for {@code reason} and its seats back to AVAILABLE; false if it was no longer HELD. */
    boolean release(Reservation reservation, Instant now, ReleaseReason reason);

    /** HELD → CONFIRMED and its seats to SOLD; false if the reservation was no longer HELD. */
    boolean confirm(Reservation reservation, long paymentId, Instant now);

    /** A reservation with what a list of the user's tickets shows besides it. */
    record ReservationListing(Reservation reservation, String concertTitle, Instant startsAt) {
    }
}

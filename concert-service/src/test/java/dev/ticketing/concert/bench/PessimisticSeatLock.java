package dev.ticketing.concert.bench;

import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.SeatToHold;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The alternative the benchmark compares with: read the seat with {@code SELECT ... FOR UPDATE}, decide in Java,
 * then update. Correct too, but every request (also the refused ones) queues on the seat's row lock until its
 * transaction ends. Everything else is the production store, so only the seat-locking step differs.
 */
final class PessimisticSeatLock implements ReservationStore {

    private final ReservationStore production;
    private final JdbcClient jdbc;

    PessimisticSeatLock(ReservationStore production, JdbcClient jdbc) {
        this.production = production;
        this.jdbc = jdbc;
    }

    @Override
    public boolean markSeatHeld(long seatId, long dateId) {
        Optional<String> status = jdbc.sql("SELECT status FROM seat WHERE id = ? AND concert_date_id = ? FOR UPDATE")
                .params(seatId, dateId)
                .query(String.class)
                .optional();
        if (!status.equals(Optional.of("AVAILABLE"))) {
            return false;
        }
        jdbc.sql("UPDATE seat SET status = 'HELD' WHERE id = ?").param(seatId).update();
        return true;
    }

    @Override
    public Optional<SeatToHold> seatToHold(long seatId) {
        return production.seatToHold(seatId);
    }

    @Override
    public void ensureHoldGuardOf(long userId) {
        production.ensureHoldGuardOf(userId);
    }

    @Override
    public void lockHoldsOf(long userId) {
        production.lockHoldsOf(userId);
    }

    @Override
    public int countLiveHolds(long userId, Instant now) {
        return production.countLiveHolds(userId, now);
    }

    @Override
    public long insertHold(long userId, SeatToHold seat, Instant heldAt, Instant holdExpiresAt) {
        return production.insertHold(userId, seat, heldAt, holdExpiresAt);
    }

    @Override
    public Optional<Reservation> find(long reservationId) {
        return production.find(reservationId);
    }

    @Override
    public Optional<Reservation> lockForUpdate(long reservationId) {
        return production.lockForUpdate(reservationId);
    }

    @Override
    public List<Reservation> lockExpiredHolds(Instant now, int limit) {
        return production.lockExpiredHolds(now, limit);
    }

    @Override
    public long countHeldExpiredBefore(Instant cutoff) {
        return production.countHeldExpiredBefore(cutoff);
    }

    @Override
    public boolean release(Reservation reservation, Instant now) {
        return production.release(reservation, now);
    }

    @Override
    public boolean confirm(Reservation reservation, long paymentId, Instant now) {
        return production.confirm(reservation, paymentId, now);
    }

    @Override
    public List<SeatToHold> seatsToHold(List<Long> seatIds) {
        return production.seatsToHold(seatIds);
    }

    @Override
    public int countLiveHeldSeats(long userId, Instant now) {
        return production.countLiveHeldSeats(userId, now);
    }

    @Override
    public int countHeldOrSoldSeats(long userId, long dateId, Instant now) {
        return production.countHeldOrSoldSeats(userId, dateId, now);
    }

    @Override
    public long insertHold(long userId, List<SeatToHold> seats, Instant heldAt, Instant holdExpiresAt) {
        return production.insertHold(userId, seats, heldAt, holdExpiresAt);
    }

    @Override
    public List<ReservationListing> reservationsOf(long userId, Optional<ReservationStatus> status, int page,
            int size) {
        return production.reservationsOf(userId, status, page, size);
    }

    @Override
    public long countReservationsOf(long userId, Optional<ReservationStatus> status) {
        return production.countReservationsOf(userId, status);
    }

    @Override
    public boolean release(Reservation reservation, Instant now, ReleaseReason reason) {
        return production.release(reservation, now, reason);
    }
}

package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.application.ReservationStore;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.domain.SeatToHold;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

@Component
class JpaReservationStore implements ReservationStore {

    private final ReservationRepository reservations;
    private final SeatRepository seats;
    private final UserHoldGuardRepository guards;

    JpaReservationStore(ReservationRepository reservations, SeatRepository seats, UserHoldGuardRepository guards) {
        this.reservations = reservations;
        this.seats = seats;
        this.guards = guards;
    }

    @Override
    public Optional<SeatToHold> seatToHold(long seatId) {
        return seats.toHold(seatId);
    }

    @Override
    public List<SeatToHold> seatsToHold(List<Long> seatIds) {
        return seats.toHold(seatIds);
    }

    @Override
    public void ensureHoldGuardOf(long userId) {
        Assert.state(!TransactionSynchronizationManager.isActualTransactionActive(),
                "the hold guard row must be committed before the hold's transaction starts");
        if (!guards.existsById(userId)) {
            guards.create(userId);
        }
    }

    @Override
    public void lockHoldsOf(long userId) {
        if (guards.lock(userId).size() != 1) {
            throw new IllegalStateException("No hold guard row for user " + userId + ": ensureHoldGuardOf first");
        }
    }

    @Override
    public int countLiveHolds(long userId, Instant now) {
        return Math.toIntExact(reservations.liveHolds(userId, now));
    }

    @Override
    public int countLiveHeldSeats(long userId, Instant now) {
        return Math.toIntExact(reservations.liveHeldSeats(userId, now));
    }

    @Override
    public int countHeldOrSoldSeats(long userId, long dateId, Instant now) {
        return Math.toIntExact(reservations.heldOrSoldSeats(userId, dateId, now));
    }

    @Override
    public boolean markSeatHeld(long seatId, long dateId) {
        return seats.markHeld(seatId, dateId) == 1;
    }

    @Override
    public long insertHold(long userId, SeatToHold seat, Instant heldAt, Instant holdExpiresAt) {
        return insertHold(userId, List.of(seat), heldAt, holdExpiresAt);
    }

    @Override
    public long insertHold(long userId, List<SeatToHold> seatsToHold, Instant heldAt, Instant holdExpiresAt) {
        long reservationId = reservations.save(ReservationEntity.hold(userId, seatsToHold, heldAt, holdExpiresAt))
                .id();
        List<Long> seatIds = seatsToHold.stream().map(SeatToHold::seatId).toList();
        if (seats.linkTo(reservationId, seatIds) != seatsToHold.size()) {
            throw new IllegalStateException("Seats " + seatIds + " are not all held by this transaction");
        }
        return reservationId;
    }

    @Override
    public List<ReservationListing> reservationsOf(long userId, Optional<ReservationStatus> status, int page,
            int size) {
        PageRequest request = PageRequest.of(page, size);
        List<ReservationListingRow> rows = status.isPresent()
                ? reservations.listingOf(userId, status.get(), request)
                : reservations.listingOf(userId, request);
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<ReservedSeat>> seatsByReservation = reservations.seatsOf(
                        rows.stream().map(row -> row.reservation().id()).toList()).stream()
                .collect(Collectors.groupingBy(ReservationSeatRow::reservationId,
                        Collectors.mapping(ReservationSeatRow::toDomain, Collectors.toList())));
        return rows.stream()
                .map(row -> new ReservationListing(
                        row.reservation().toDomain(seatsByReservation.get(row.reservation().id())),
                        row.concertTitle(), row.startsAt()))
                .toList();
    }

    @Override
    public long countReservationsOf(long userId, Optional<ReservationStatus> status) {
        return status.isPresent()
                ? reservations.countByUserIdAndStatus(userId, status.get())
                : reservations.countByUserId(userId);
    }

    @Override
    public Optional<Reservation> find(long reservationId) {
        return reservations.findWithSeats(reservationId).map(ReservationEntity::toDomain);
    }

    @Override
    public Optional<Reservation> lockForUpdate(long reservationId) {
        return reservations.lockById(reservationId).map(ReservationEntity::toDomain);
    }

    @Override
    public List<Reservation> lockExpiredHolds(Instant now, int limit) {
        return reservations.lockExpiredHolds(now, limit).stream().map(ReservationEntity::toDomain).toList();
    }

    @Override
    public long countHeldExpiredBefore(Instant cutoff) {
        return reservations.heldExpiredBefore(cutoff);
    }

    @Override
    public boolean release(Reservation reservation, Instant now) {
        return release(reservation, now, ReleaseReason.EXPIRED);
    }

    @Override
    public boolean release(Reservation reservation, Instant now, ReleaseReason reason) {
        if (reservations.release(reservation.id(), now, reason.name()) == 0) {
            return false;
        }
        requireEverySeat(seats.releaseHeldBy(reservation.id()), reservation, "release");
        return true;
    }

    @Override
    public boolean confirm(Reservation reservation, long paymentId, Instant now) {
        if (reservations.confirm(reservation.id(), paymentId, now) == 0) {
            return false;
        }
        requireEverySeat(seats.sellHeldBy(reservation.id()), reservation, "sell");
        return true;
    }

    /** A HELD reservation whose seats are not all held by it would be a broken invariant: roll everything back. */
    private static void requireEverySeat(int updated, Reservation reservation, String action) {
        if (updated != reservation.seatCount()) {
            throw new IllegalStateException("Cannot " + action + " seats " + reservation.seatIds() + ": " + updated
                    + " of them are held by reservation " + reservation.id());
        }
    }
}

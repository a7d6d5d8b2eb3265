package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.HoldPolicy;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.ReservedSeat;
import dev.ticketing.concert.domain.SeatToHold;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.support.idempotency.IdempotentRequests;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds one or several seats of a date for a user, in one reservation: the seat rows, the reservation row and the
 * SeatReserved event commit together or not at all (one seat taken: none held).
 *
 * <p>Why a seat is never held twice: {@code UPDATE seat ... WHERE status = 'AVAILABLE'} takes the seat's row lock and
 * re-checks the status on the latest committed row, so of any number of concurrent requests (on any number of
 * instances) exactly one sees AVAILABLE and changes it; the others wait for that lock and then match nothing.
 *
 * <p>Why a user never exceeds the limits (live held seats over all dates; held and sold seats of one date): the
 * user's guard row is locked before counting, so two holds of one user are
 * counted and created one after the other (READ COMMITTED, so the count sees the other's commit). The guard row is
 * created and committed before the hold's transaction, so that transaction only locks an existing row by primary key:
 * creating it inside (an upsert) let ten concurrent holds of one user deadlock on the row's shared-to-exclusive lock
 * upgrade and answer 500.
 */
@Service
public class HoldSeat {

    private final ReservationStore store;
    private final CatalogReader catalog;
    private final EventOutbox outbox;
    private final HoldPolicy policy;
    private final Clock clock;
    private final TransactionTemplate transaction;
    private final IdempotentRequests idempotentRequests;

    public HoldSeat(ReservationStore store, CatalogReader catalog, EventOutbox outbox, ConcertProperties properties,
            Clock clock, PlatformTransactionManager transactions, IdempotentRequests idempotentRequests) {
        this.store = store;
        this.catalog = catalog;
        this.outbox = outbox;
        this.policy = properties.holdPolicy();
        this.clock = clock;
        this.transaction = new TransactionTemplate(transactions);
        this.idempotentRequests = idempotentRequests;
    }

    /** @param seatIds one or more seats of the date, no duplicates */
    public record Command(long userId, long concertId, long dateId, List<Long> seatIds) {
        public Command {
            seatIds = List.copyOf(seatIds);
        }

        public Command(long userId, long concertId, long dateId, long seatId) {
            this(userId, concertId, dateId, List.of(seatId));
        }
    }

    /** Runs its own transaction: the caller must not be inside one (the guard row commits first). */
    public Reservation hold(Command command) {
        requireASeatSelection(command.seatIds());
        List<SeatToHold> seats = seatsOf(command);
        refuseSeatsThatCannotBeHeld(seats, clock.instant());
        store.ensureHoldGuardOf(command.userId());
        return transaction.execute(status -> holdInTransaction(command, seats));
    }

    /** The most seats one request may name; more is refused before anything is read. */
    public int maxSeatsPerRequest() {
        return policy.maxSeatsPerRequest();
    }

    private void requireASeatSelection(List<Long> seatIds) {
        if (seatIds.isEmpty()) {
            throw new ConcertException.InvalidRequest("seatIds must name at least one seat");
        }
        if (new HashSet<>(seatIds).size() != seatIds.size()) {
            throw new ConcertException.InvalidRequest("seatIds must not name a seat twice");
        }
        if (seatIds.size() > policy.maxSeatsPerRequest()) {
            throw new ConcertException.InvalidRequest("seatIds may name at most " + policy.maxSeatsPerRequest()
                    + " seats, the most one user may hold of a date");
        }
    }

    /**
     * A seat of a date that has started, then a seat already held or sold, is refused at once, from the plain read of
     * the seats: in a stampede on one seat all but the first would otherwise queue one by one for their guard rows
     * and the seat's row lock, only to match nothing (1,000 holds of one seat took 8 s to answer). It refuses only
     * what the locked update would refuse; who gets a seat is still decided there alone.
     */
    private static void refuseSeatsThatCannotBeHeld(List<SeatToHold> seats, Instant now) {
        for (SeatToHold seat : seats) {
            if (!seat.bookableAt(now)) {
                throw new ConcertException.SeatNotAvailable(seat.seatId(), "the concert date has already started");
            }
        }
        List<Long> taken = seats.stream().filter(SeatToHold::takenWhenRead).map(SeatToHold::seatId).toList();
        if (!taken.isEmpty()) {
            throw seatsTaken(taken);
        }
    }

    private static ConcertException seatsTaken(List<Long> taken) {
        return new ConcertException.SeatNotAvailable(taken, taken.size() == 1
                ? "it is held by someone else or sold"
                : "they are held by someone else or sold");
    }

    /**
     * {@code seats}: the command's seats as read before the transaction; only their catalogue facts are used here
     * (date, price, number), never their status: the locked update decides.
     */
    private Reservation holdInTransaction(Command command, List<SeatToHold> seats) {
        Instant now = clock.instant();

        // One lock per user covers both limits: only a hold raises either count, and every hold of this user
        // queues here, so the counts below cannot be overtaken by the user's own concurrent requests.
        store.lockHoldsOf(command.userId());
        int requested = seats.size();
        policy.checkRoomForMoreHeldSeats(command.userId(), store.countLiveHeldSeats(command.userId(), now),
                requested);
        policy.checkPurchaseLimit(command.dateId(),
                store.countHeldOrSoldSeats(command.userId(), command.dateId(), now), requested);

        // Ascending seat id (seatsOf's order): two groups sharing seats take those rows' locks in the same order, so
        // neither can wait for a seat the other holds while holding one it wants (no deadlock).
        List<Long> taken = new ArrayList<>();
        for (SeatToHold seat : seats) {
            if (!store.markSeatHeld(seat.seatId(), seat.dateId())) {
                taken.add(seat.seatId());
            }
        }
        if (!taken.isEmpty()) {
            // thrown out of the transaction: the seats this request did mark roll back with it (all or nothing)
            throw seatsTaken(taken);
        }
        Instant expiresAt = policy.expiryOfHoldMadeAt(now);
        long reservationId = store.insertHold(command.userId(), seats, now, expiresAt);
        SeatToHold first = seats.getFirst();
        long total = seats.stream().mapToLong(SeatToHold::price).sum();
        // SeatReserved 1.0 names the first seat and the reservation's price: the total, what payment-service charges
        outbox.add(SeatReserved.of(clock, reservationId, command.userId(), first.concertId(), first.dateId(),
                first.seatId(), first.seatNumber(), total, expiresAt));
        Reservation held = new Reservation(reservationId, command.userId(), first.concertId(), first.dateId(),
                first.seatId(), first.seatNumber(), total, ReservationStatus.HELD, expiresAt, null,
                seats.stream().map(seat -> new ReservedSeat(seat.seatId(), seat.seatNumber(), seat.price())).toList(),
                null);
        // The answer of an Idempotency-Key commits with the hold: a crash before the answer still replays it.
        idempotentRequests.completeWithinTransaction(held);
        return held;
    }

    /** Every requested seat, in ascending seat id order; a seat missing or of another date is not found. */
    private List<SeatToHold> seatsOf(Command command) {
        List<SeatToHold> found = command.seatIds().size() == 1
                ? store.seatToHold(command.seatIds().getFirst()).stream().toList()
                : store.seatsToHold(command.seatIds());
        Map<Long, SeatToHold> byId = new HashMap<>();
        found.forEach(seat -> byId.put(seat.seatId(), seat));
        for (long seatId : command.seatIds().stream().sorted().toList()) {
            SeatToHold seat = byId.get(seatId);
            if (seat == null || !seat.belongsTo(command.concertId(), command.dateId())) {
                throw notFound(command, seatId);
            }
        }
        return found.stream().sorted(Comparator.comparingLong(SeatToHold::seatId)).toList();
    }

    /** Only on the error path: find out which of concert, date or seat the client got wrong. */
    private ConcertException notFound(Command command, long seatId) {
        try {
            ConcertCatalog.requireDateOf(catalog, command.concertId(), command.dateId());
        } catch (ConcertException wrongConcertOrDate) {
            return wrongConcertOrDate;
        }
        return new ConcertException.SeatNotFound(command.dateId(), seatId);
    }
}

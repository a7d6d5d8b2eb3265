package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.HoldPolicy;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.concert.domain.ReservationStatus;
import dev.ticketing.concert.domain.SeatToHold;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.outbox.EventOutbox;
import dev.ticketing.support.idempotency.IdempotentRequests;
import java.time.Clock;
import java.time.Instant;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Holds a seat for a user: the seat row, the reservation row and the SeatReserved event commit together or not at
 * all.
 *
 * <p>Why a seat is never held twice: {@code UPDATE seat ... WHERE status = 'AVAILABLE'} takes the seat's row lock and
 * re-checks the status on the latest committed row, so of any number of concurrent requests (on any number of
 * instances) exactly one sees AVAILABLE and changes it; the others wait for that lock and then match nothing.
 *
 * <p>Why a user never exceeds the limit: the user's guard row is locked before counting, so two holds of one user are
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

    public record Command(long userId, long concertId, long dateId, long seatId) {
    }

    /** Runs its own transaction: the caller must not be inside one (the guard row commits first). */
    public Reservation hold(Command command) {
        store.ensureHoldGuardOf(command.userId());
        return transaction.execute(status -> holdInTransaction(command));
    }

    private Reservation holdInTransaction(Command command) {
        Instant now = clock.instant();
        SeatToHold seat = store.seatToHold(command.seatId())
                .filter(found -> found.belongsTo(command.concertId(), command.dateId()))
                .orElseThrow(() -> notFound(command));
        if (!seat.bookableAt(now)) {
            throw new ConcertException.SeatNotAvailable(seat.seatId(), "the concert date has already started");
        }

        store.lockHoldsOf(command.userId());
        policy.checkRoomForOneMoreHold(command.userId(), store.countLiveHolds(command.userId(), now));

        if (!store.markSeatHeld(seat.seatId(), seat.dateId())) {
            throw new ConcertException.SeatNotAvailable(seat.seatId(), "it is held by someone else or sold");
        }
        Instant expiresAt = policy.expiryOfHoldMadeAt(now);
        long reservationId = store.insertHold(command.userId(), seat, now, expiresAt);
        outbox.add(SeatReserved.of(clock, reservationId, command.userId(), seat.concertId(), seat.dateId(),
                seat.seatId(), seat.seatNumber(), seat.price(), expiresAt));
        Reservation held = new Reservation(reservationId, command.userId(), seat.concertId(), seat.dateId(),
                seat.seatId(), seat.seatNumber(), seat.price(), ReservationStatus.HELD, expiresAt, null);
        // The answer of an Idempotency-Key commits with the hold: a crash before the answer still replays it.
        idempotentRequests.completeWithinTransaction(held);
        return held;
    }

    /** Only on the error path: find out which of concert, date or seat the client got wrong. */
    private ConcertException notFound(Command command) {
        try {
            ConcertCatalog.requireDateOf(catalog, command.concertId(), command.dateId());
        } catch (ConcertException wrongConcertOrDate) {
            return wrongConcertOrDate;
        }
        return new ConcertException.SeatNotFound(command.dateId(), command.seatId());
    }
}

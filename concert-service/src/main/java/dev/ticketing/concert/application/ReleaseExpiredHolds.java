package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Gives the seats of expired holds back. Safe on any number of instances at once: each batch locks its reservations
 * with {@code FOR UPDATE SKIP LOCKED}, so two jobs take disjoint rows, and the release itself is conditional on the
 * reservation still being HELD, so a confirmation that committed first wins and the job leaves it alone.
 */
@Service
public class ReleaseExpiredHolds {

    private final ReservationStore store;
    private final EventOutbox outbox;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Clock clock;

    public ReleaseExpiredHolds(ReservationStore store, EventOutbox outbox, PlatformTransactionManager transactions,
            ConcertProperties properties, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactions);
        this.batchSize = properties.release().batchSize();
        this.clock = clock;
    }

    /** Releases every hold expired by now, one bounded batch per transaction; returns how many it released. */
    public int releaseAllExpired() {
        Instant now = clock.instant();
        int total = 0;
        int released;
        do {
            released = releaseBatch(now);
            total += released;
        } while (released == batchSize);
        return total;
    }

    /** One batch in one transaction: the released rows and their SeatReleased events commit together. */
    public int releaseBatch(Instant now) {
        Integer released = transaction.execute(status -> {
            List<Reservation> expired = store.lockExpiredHolds(now, batchSize);
            int count = 0;
            for (Reservation reservation : expired) {
                if (store.release(reservation, now)) {
                    outbox.add(SeatReleased.of(clock, reservation.id(), reservation.userId(), reservation.dateId(),
                            reservation.seatId(), SeatReleased.Reason.EXPIRED));
                    count++;
                }
            }
            return count;
        });
        return released == null ? 0 : released;
    }
}

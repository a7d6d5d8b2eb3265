package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ConcertException;
import dev.ticketing.concert.domain.ReleaseReason;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.outbox.EventOutbox;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A user gives their hold back: its seats are available again at once and payment-service learns it through
 * SeatReleased (reason CANCELLED), in the same transaction.
 *
 * <p>Mutually exclusive with the release job and with a confirmation: all three take the reservation's row lock first
 * (the job with SKIP LOCKED) and change it with a conditional UPDATE ... WHERE status = 'HELD', so exactly one of
 * them ends the hold and only that one publishes an event.
 */
@Service
public class CancelReservation {

    private static final Logger log = LoggerFactory.getLogger(CancelReservation.class);

    private final ReservationStore store;
    private final EventOutbox outbox;
    private final Clock clock;

    public CancelReservation(ReservationStore store, EventOutbox outbox, Clock clock) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * The reservation as it is after the cancel: RELEASED. Cancelling a released reservation again changes nothing
     * and answers the same; someone else's is not found, a paid one is refused.
     */
    @Transactional
    public Reservation cancel(long userId, long reservationId) {
        Reservation reservation = store.lockForUpdate(reservationId)
                .filter(found -> found.ownedBy(userId))
                .orElseThrow(() -> new ConcertException.ReservationNotFound(reservationId));
        return switch (reservation.status()) {
            case RELEASED -> reservation;
            case CONFIRMED -> throw new ConcertException.ReservationAlreadyPaid(reservationId);
            case HELD -> {
                Instant now = clock.instant();
                if (!store.release(reservation, now, ReleaseReason.CANCELLED)) {
                    throw new IllegalStateException("Reservation " + reservationId + " changed under its row lock");
                }
                outbox.add(SeatReleased.of(clock, reservation.id(), reservation.userId(), reservation.dateId(),
                        reservation.seatId(), SeatReleased.Reason.CANCELLED));
                log.info("Reservation {} cancelled by its holder; seats {} available again", reservationId,
                        reservation.seatIds());
                yield reservation.released(ReleaseReason.CANCELLED);
            }
        };
    }
}

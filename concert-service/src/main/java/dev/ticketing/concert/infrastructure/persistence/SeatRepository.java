package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.SeatToHold;
import dev.ticketing.concert.domain.SeatView;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;

/**
 * Seats are read as projections and changed only by the conditional UPDATEs below, each in the use case's
 * transaction; the row count says whether this caller won.
 */
interface SeatRepository extends Repository<SeatEntity, Long> {

    String SEAT_VIEWS = """
            select new dev.ticketing.concert.domain.SeatView(s.id, s.seatNumber, s.price, s.status)
            from Seat s
            where s.dateId = :dateId""";

    String SEATS_TO_HOLD = """
            select new dev.ticketing.concert.domain.SeatToHold(
                s.id, s.dateId, d.concertId, s.seatNumber, s.price, d.startsAt, s.status)
            from Seat s join ConcertDate d on d.id = s.dateId""";

    @Query(SEAT_VIEWS + " and s.status = dev.ticketing.concert.domain.SeatStatus.AVAILABLE order by s.seatNumber")
    List<SeatView> availableOf(long dateId);

    @Query(SEAT_VIEWS + " order by s.seatNumber")
    List<SeatView> allOf(long dateId);

    @Query(SEATS_TO_HOLD + " where s.id = :seatId")
    Optional<SeatToHold> toHold(long seatId);

    @Query(SEATS_TO_HOLD + " where s.id in :seatIds order by s.id")
    List<SeatToHold> toHold(Collection<Long> seatIds);

    // Takes the seat's row lock and re-checks the status on the latest commit: of concurrent holds (any instance)
    // exactly one sees AVAILABLE; the others wait for the lock, then match nothing.
    @Modifying
    @Query(value = """
            UPDATE seat SET status = 'HELD'
            WHERE id = :seatId AND concert_date_id = :dateId AND status = 'AVAILABLE'""", nativeQuery = true)
    int markHeld(long seatId, long dateId);

    // The seat rows are already locked by markHeld in this transaction: linking them cannot race.
    @Modifying
    @Query(value = "UPDATE seat SET reservation_id = :reservationId WHERE id IN (:seatIds) AND status = 'HELD'",
            nativeQuery = true)
    int linkTo(long reservationId, Collection<Long> seatIds);

    // Only seats still HELD by this reservation go back; the caller holds the reservation's row lock.
    @Modifying
    @Query(value = """
            UPDATE seat SET status = 'AVAILABLE', reservation_id = NULL
            WHERE reservation_id = :reservationId AND status = 'HELD'""", nativeQuery = true)
    int releaseHeldBy(long reservationId);

    // Only seats still HELD by this reservation are sold; the caller holds the reservation's row lock.
    @Modifying
    @Query(value = "UPDATE seat SET status = 'SOLD' WHERE reservation_id = :reservationId AND status = 'HELD'",
            nativeQuery = true)
    int sellHeldBy(long reservationId);
}

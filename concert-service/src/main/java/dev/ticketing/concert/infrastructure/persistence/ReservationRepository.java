package dev.ticketing.concert.infrastructure.persistence;

import dev.ticketing.concert.domain.ReservationStatus;
import jakarta.persistence.QueryHint;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.hibernate.jpa.HibernateHints;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.QueryHints;
import org.springframework.data.repository.Repository;

/**
 * Reservations are inserted once ({@link #save}: the id is generated, so it persists, never merges) and change state
 * only by the conditional UPDATEs below, under the row lock of {@link #lockById} or {@link #lockExpiredHolds}. What
 * is read is read-only: no snapshot to keep, and no dirty check of a release batch before each of its UPDATEs.
 */
interface ReservationRepository extends Repository<ReservationEntity, Long> {

    ReservationEntity save(ReservationEntity reservation);

    /** The reservation and its seats in one query, with no transaction needed to read the seats afterwards. */
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query("select r from Reservation r left join fetch r.seats where r.id = :reservationId")
    Optional<ReservationEntity> findWithSeats(long reservationId);

    // The row lock every state change of one reservation queues on (cancel, confirmation, release job); the seats
    // are read after it, in the same transaction.
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query(value = "SELECT * FROM reservation WHERE id = :reservationId FOR UPDATE", nativeQuery = true)
    Optional<ReservationEntity> lockById(long reservationId);

    // SKIP LOCKED: two release jobs take disjoint batches, and a reservation a confirmation or cancel has locked is
    // passed by (that one decides it; the next run finds it CONFIRMED or RELEASED).
    @QueryHints(@QueryHint(name = HibernateHints.HINT_READ_ONLY, value = "true"))
    @Query(value = """
            SELECT * FROM reservation
            WHERE status = 'HELD' AND hold_expires_at <= :now
            ORDER BY hold_expires_at
            LIMIT :limit
            FOR UPDATE SKIP LOCKED""", nativeQuery = true)
    List<ReservationEntity> lockExpiredHolds(Instant now, int limit);

    @Query("""
            select coalesce(sum(r.seatCount), 0) from Reservation r
            where r.userId = :userId and r.status = dev.ticketing.concert.domain.ReservationStatus.HELD
              and r.holdExpiresAt > :now""")
    long liveHeldSeats(long userId, Instant now);

    @Query("""
            select count(r) from Reservation r
            where r.userId = :userId and r.status = dev.ticketing.concert.domain.ReservationStatus.HELD
              and r.holdExpiresAt > :now""")
    long liveHolds(long userId, Instant now);

    @Query("""
            select coalesce(sum(r.seatCount), 0) from Reservation r
            where r.userId = :userId and r.dateId = :dateId
              and (r.status = dev.ticketing.concert.domain.ReservationStatus.CONFIRMED
                   or (r.status = dev.ticketing.concert.domain.ReservationStatus.HELD and r.holdExpiresAt > :now))""")
    long heldOrSoldSeats(long userId, long dateId, Instant now);

    /** A range on ix_reservation_status_expiry: cheap enough for every metrics scrape. */
    @Query("""
            select count(r) from Reservation r
            where r.status = dev.ticketing.concert.domain.ReservationStatus.HELD and r.holdExpiresAt < :cutoff""")
    long heldExpiredBefore(Instant cutoff);

    String LISTING = """
            select new dev.ticketing.concert.infrastructure.persistence.ReservationListingRow(r, c.title, d.startsAt)
            from Reservation r
            join Concert c on c.id = r.concertId
            join ConcertDate d on d.id = r.dateId
            where r.userId = :userId""";

    @Query(LISTING + " order by r.id desc")
    List<ReservationListingRow> listingOf(long userId, Pageable page);

    @Query(LISTING + " and r.status = :status order by r.id desc")
    List<ReservationListingRow> listingOf(long userId, ReservationStatus status, Pageable page);

    /** The seats of a page of reservations, read in one query. */
    @Query("""
            select new dev.ticketing.concert.infrastructure.persistence.ReservationSeatRow(
                r.id, s.seatId, s.seatNumber, s.price)
            from Reservation r join r.seats s
            where r.id in :reservationIds
            order by r.id, s.seatId""")
    List<ReservationSeatRow> seatsOf(Collection<Long> reservationIds);

    long countByUserId(long userId);

    long countByUserIdAndStatus(long userId, ReservationStatus status);

    // Conditional on HELD: of a release, a cancel and a confirmation, exactly one ends the hold.
    @Modifying
    @Query(value = """
            UPDATE reservation SET status = 'RELEASED', released_at = :now, release_reason = :reason
            WHERE id = :reservationId AND status = 'HELD'""", nativeQuery = true)
    int release(long reservationId, Instant now, String reason);

    // Conditional on HELD: of a release, a cancel and a confirmation, exactly one ends the hold.
    @Modifying
    @Query(value = """
            UPDATE reservation SET status = 'CONFIRMED', payment_id = :paymentId, confirmed_at = :now
            WHERE id = :reservationId AND status = 'HELD'""", nativeQuery = true)
    int confirm(long reservationId, long paymentId, Instant now);
}

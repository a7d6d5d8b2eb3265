package dev.ticketing.payment.infrastructure.persistence;

import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface ReservationConcertEntityRepository extends Repository<ReservationConcertEntity, Long> {

    // A redelivered SeatReserved changes nothing: a reservation's concert never changes.
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT IGNORE INTO reservation_concert (reservation_id, concert_id) VALUES (:reservationId, :concertId)""")
    void record(long reservationId, long concertId);

    @Query("select c.concertId from ReservationConcertEntity c where c.reservationId = :reservationId")
    Optional<Long> concertOf(long reservationId);
}

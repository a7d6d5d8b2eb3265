package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

interface ReservationViewEntityRepository extends Repository<ReservationViewEntity, Long> {

    @Query("""
            select new dev.ticketing.payment.domain.ReservationView(v.reservationId, v.userId, v.seatId, v.price,
                v.holdExpiresAt, v.status)
            from ReservationViewEntity v where v.reservationId = :reservationId""")
    Optional<ReservationView> findView(long reservationId);

    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO reservation_view (reservation_id, user_id, seat_id, price, hold_expires_at, status, updated_at)
            VALUES (:reservationId, :userId, :seatId, :price, :holdExpiresAt, :status, :now)
            ON DUPLICATE KEY UPDATE price = VALUES(price), hold_expires_at = VALUES(hold_expires_at),
                                    status = VALUES(status), updated_at = VALUES(updated_at)""")
    void save(long reservationId, long userId, long seatId, Long price, Instant holdExpiresAt, String status,
            Instant now);

    // INSERT IGNORE on the primary key: a row an event wrote first (before or after this read) is never replaced.
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT IGNORE INTO reservation_view (reservation_id, user_id, seat_id, price, hold_expires_at, status,
                                                 updated_at)
            VALUES (:reservationId, :userId, :seatId, :price, :holdExpiresAt, :status, :now)""")
    void saveIfAbsent(long reservationId, long userId, long seatId, Long price, Instant holdExpiresAt, String status,
            Instant now);
}

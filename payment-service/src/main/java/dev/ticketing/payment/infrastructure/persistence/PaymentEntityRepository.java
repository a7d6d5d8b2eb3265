package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.domain.Payment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Payments. Every transition is one conditional UPDATE that names the state (and attempt) it starts from: of
 * concurrent writers exactly one changes the row, the others see 0 rows and learn they lost.
 */
interface PaymentEntityRepository extends Repository<PaymentEntity, Long> {

    String SELECT_PAYMENT = """
            select new dev.ticketing.payment.domain.Payment(p.id, p.reservationId, p.userId, p.seatId, p.amount,
                p.status, p.attempt, p.createdAt, p.attemptedAt, p.completedAt, p.refundedAt)
            from PaymentEntity p""";

    @Query(SELECT_PAYMENT + " where p.id = :id")
    Optional<Payment> findPayment(long id);

    @Query(SELECT_PAYMENT + " where p.reservationId = :reservationId")
    Optional<Payment> findPaymentOfReservation(long reservationId);

    @Query(SELECT_PAYMENT + """
             where p.status = dev.ticketing.payment.domain.PaymentStatus.PENDING and p.attemptedAt < :before
            order by p.attemptedAt limit :limit""")
    List<Payment> findPendingAttemptedBefore(Instant before, int limit);

    // The unique key on reservation_id is what makes concurrent first requests create one payment.
    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            INSERT INTO payment (reservation_id, user_id, seat_id, amount, status, attempt, created_at, attempted_at)
            VALUES (:reservationId, :userId, :seatId, :amount, 'PENDING', 1, :now, :now)""")
    void insertPending(long reservationId, long userId, long seatId, long amount, Instant now);

    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            UPDATE payment SET status = 'PENDING', attempt = attempt + 1, attempted_at = :now
            WHERE id = :id AND status = 'FAILED' AND attempt = :attempt""")
    int startNextAttempt(long id, int attempt, Instant now);

    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            UPDATE payment SET status = 'COMPLETED', completed_at = :now
            WHERE id = :id AND status IN ('PENDING', 'FAILED') AND attempt = :attempt""")
    int complete(long id, int attempt, Instant now);

    @Modifying
    @Transactional
    @Query(nativeQuery = true,
            value = "UPDATE payment SET status = 'FAILED' WHERE id = :id AND status = 'PENDING' AND attempt = :attempt")
    int fail(long id, int attempt);

    @Modifying
    @Transactional
    @Query(nativeQuery = true,
            value = "UPDATE payment SET status = 'REFUND_PENDING' WHERE id = :id AND status = 'COMPLETED'")
    int startRefund(long id);

    @Modifying
    @Transactional
    @Query(nativeQuery = true, value = """
            UPDATE payment SET status = 'REFUNDED', refunded_at = :now WHERE id = :id AND status = 'REFUND_PENDING'""")
    int markRefunded(long id, Instant now);
}

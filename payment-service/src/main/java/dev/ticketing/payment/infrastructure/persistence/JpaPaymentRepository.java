package dev.ticketing.payment.infrastructure.persistence;

import dev.ticketing.payment.application.PaymentRepository;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Repository;

@Repository
class JpaPaymentRepository implements PaymentRepository {

    private final PaymentEntityRepository payments;

    JpaPaymentRepository(PaymentEntityRepository payments) {
        this.payments = payments;
    }

    @Override
    public Optional<Payment> findById(long paymentId) {
        return payments.findPayment(paymentId);
    }

    @Override
    public Optional<Payment> findByReservationId(long reservationId) {
        return payments.findPaymentOfReservation(reservationId);
    }

    @Override
    public Optional<Payment> insertPending(ReservationView reservation, Instant now) {
        try {
            payments.insertPending(reservation.reservationId(), reservation.userId(), reservation.seatId(),
                    reservation.price(), now);
        } catch (DuplicateKeyException alreadyExists) {
            return Optional.empty();
        }
        return findByReservationId(reservation.reservationId());
    }

    @Override
    public boolean startNextAttempt(long paymentId, int attempt, Instant now) {
        return payments.startNextAttempt(paymentId, attempt, now) == 1;
    }

    @Override
    public boolean complete(long paymentId, int attempt, Instant now) {
        return payments.complete(paymentId, attempt, now) == 1;
    }

    @Override
    public boolean fail(long paymentId, int attempt) {
        return payments.fail(paymentId, attempt) == 1;
    }

    @Override
    public boolean startRefund(long paymentId) {
        return payments.startRefund(paymentId) == 1;
    }

    @Override
    public boolean markRefunded(long paymentId, Instant now) {
        return payments.markRefunded(paymentId, now) == 1;
    }

    @Override
    public List<Payment> findPendingAttemptedBefore(Instant startedBefore, int limit) {
        return payments.findPendingAttemptedBefore(startedBefore, limit);
    }
}

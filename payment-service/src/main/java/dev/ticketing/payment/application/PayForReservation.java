package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.ReservationView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Pays for a held seat, in the steps it is: {@link FindReservation find the reservation}, check it is the payer's,
 * {@link StartPayment start (or go on with) its payment}, {@link SettleDebit settle the debit}. At most one payment
 * per reservation, at most one debit per payment attempt, and the payment is COMPLETED (with its PaymentCompleted
 * event) only after user-point-service confirmed the debit. When concert-service cannot sell the seat after all,
 * {@link CompensateUnsoldPayment} gives the points back.
 */
@Service
public class PayForReservation {

    private static final Logger log = LoggerFactory.getLogger(PayForReservation.class);

    private final FindReservation findReservation;
    private final StartPayment startPayment;
    private final SettleDebit settleDebit;

    public PayForReservation(FindReservation findReservation, StartPayment startPayment, SettleDebit settleDebit) {
        this.findReservation = findReservation;
        this.startPayment = startPayment;
        this.settleDebit = settleDebit;
    }

    /** @param alreadyPaid true when the payment was completed before this request (answered 200 instead of 201) */
    public record Result(Payment payment, boolean alreadyPaid) {
    }

    public Result pay(long userId, long reservationId) {
        ReservationView reservation = findReservation.find(reservationId);
        reservation.requireOwnedBy(userId);
        return switch (startPayment.start(userId, reservation)) {
            case StartPayment.Start.AlreadyPaid paid -> new Result(paid.payment(), true);
            case StartPayment.Start.ToSettle pending -> settleDebit.settle(pending.payment());
        };
    }

    /**
     * Settles a PENDING payment whose requester went away, with the same key the requester used. Whatever the outcome
     * (completed, refused, still unavailable), the payment's state says it; nothing is thrown.
     */
    public void settleAbandoned(Payment payment) {
        try {
            log.info("Settled abandoned payment {}: {}", payment.id(), settleDebit.settle(payment).payment().status());
        } catch (PaymentError notNow) {
            log.info("Abandoned payment {} not settled: {}", payment.id(), notNow.getMessage());
        }
    }
}

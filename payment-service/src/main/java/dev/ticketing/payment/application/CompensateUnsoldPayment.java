package dev.ticketing.payment.application;

import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.RefundReason;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The compensation of a paid reservation whose seat concert-service could not sell (ReservationConfirmationFailed):
 * the points go back to the user. Runs inside the event's transaction ({@link ApplyReservationEvent}).
 *
 * <p>It only records the refund (payment REFUND_PENDING plus a refund row); user-point-service is called after the
 * commit and by a retry job. A listener's bounded Kafka retries therefore never decide whether a user gets their
 * points back.
 */
@Service
public class CompensateUnsoldPayment {

    private static final Logger log = LoggerFactory.getLogger(CompensateUnsoldPayment.class);

    private final ReservationViewRepository views;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final RefundPoints refundPoints;
    private final Clock clock;

    public CompensateUnsoldPayment(ReservationViewRepository views, PaymentRepository payments,
            RefundRepository refunds, RefundPoints refundPoints, Clock clock) {
        this.views = views;
        this.payments = payments;
        this.refunds = refunds;
        this.refundPoints = refundPoints;
        this.clock = clock;
    }

    /** Every reason concert-service gives means the seat was not sold for this payment (docs/conventions.md). */
    void compensate(ReservationConfirmationFailed event) {
        views.find(event.reservationId()).ifPresent(view -> views.save(view.onReleased(), clock.instant()));
        Optional<Payment> found = payments.findById(event.paymentId())
                .filter(payment -> payment.reservationId() == event.reservationId());
        if (found.isEmpty()) {
            log.error("Confirmation of reservation {} failed for payment {}, which payments does not know",
                    event.reservationId(), event.paymentId());
            return;
        }
        Payment payment = found.get();
        // Only the COMPLETED → REFUND_PENDING winner records the refund: a second report of the same failure (a new
        // event id) finds the payment already refunding or refunded.
        if (!payments.startRefund(payment.id())) {
            log.info("Payment {} is {}; no refund started for failed confirmation {}", payment.id(), payment.status(),
                    event.eventId());
            return;
        }
        long refundId = refunds.add(payment.id(), payment.userId(), payment.amount(),
                RefundReason.RESERVATION_NOT_CONFIRMED, payment.refundKey(), clock.instant());
        log.info("Refunding payment {} of reservation {}: confirmation failed with {}", payment.id(),
                payment.reservationId(), event.reason());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                refundPoints.tryInBackground(refundId);
            }
        });
    }
}

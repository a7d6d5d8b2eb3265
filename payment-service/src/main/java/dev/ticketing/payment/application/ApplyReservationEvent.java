package dev.ticketing.payment.application;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.inbox.EventInbox;
import dev.ticketing.payment.domain.Payment;
import dev.ticketing.payment.domain.RefundReason;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Applies concert-service's reservation events: keeps the view of payable reservations and starts the compensation
 * of a payment whose seat could not be sold. Each event is applied once, in one transaction with its inbox row.
 *
 * <p>The compensation only records the refund (payment REFUND_PENDING plus a refund row) here; user-point-service is
 * called after the commit and by a retry job. A listener's bounded Kafka retries therefore never decide whether a
 * user gets their points back.
 */
@Service
public class ApplyReservationEvent {

    static final String CONSUMER = "payment-service.reservation-events";
    private static final Logger log = LoggerFactory.getLogger(ApplyReservationEvent.class);

    private final EventInbox inbox;
    private final ReservationViewRepository views;
    private final PaymentRepository payments;
    private final RefundRepository refunds;
    private final RefundPoints refundPoints;
    private final ReservationConcerts concerts;
    private final Clock clock;

    public ApplyReservationEvent(EventInbox inbox, ReservationViewRepository views, PaymentRepository payments,
            RefundRepository refunds, RefundPoints refundPoints, ReservationConcerts concerts, Clock clock) {
        this.inbox = inbox;
        this.concerts = concerts;
        this.views = views;
        this.payments = payments;
        this.refunds = refunds;
        this.refundPoints = refundPoints;
        this.clock = clock;
    }

    @Transactional
    public void apply(DomainEvent event) {
        if (!inbox.firstDelivery(CONSUMER, event.eventId())) {
            log.debug("Skipping redelivered {} {}", event.eventType(), event.eventId());
            return;
        }
        switch (event) {
            case SeatReserved e -> {
                views.save(views.find(e.reservationId())
                        .map(view -> view.onReserved(e.price(), e.holdExpiresAt()))
                        .orElseGet(() -> ReservationView.held(e.reservationId(), e.userId(), e.seatId(), e.price(),
                                e.holdExpiresAt())), clock.instant());
                concerts.record(e.reservationId(), e.concertId());
            }
            case SeatReleased e -> views.save(views.find(e.reservationId())
                    .map(ReservationView::onReleased)
                    .orElseGet(() -> ReservationView.releasedBeforeHeld(e.reservationId(), e.userId(), e.seatId())),
                    clock.instant());
            case ReservationConfirmed e -> views.save(views.find(e.reservationId())
                    .map(ReservationView::onConfirmed)
                    .orElseGet(() -> ReservationView.confirmedBeforeHeld(e.reservationId(), e.userId(), e.seatId())),
                    clock.instant());
            case ReservationConfirmationFailed e -> compensate(e);
            case PaymentCompleted e -> log.warn("Unexpected {} on the reservation topic; ignored", e.eventType());
            case PaymentRefunded e -> log.warn("Unexpected {} on the reservation topic; ignored", e.eventType());
        }
    }

    /** Every reason concert-service gives means the seat was not sold for this payment (docs/conventions.md). */
    private void compensate(ReservationConfirmationFailed event) {
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

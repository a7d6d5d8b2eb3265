package dev.ticketing.payment.application;

import dev.ticketing.events.DomainEvent;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.PaymentRefunded;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.SeatReleased;
import dev.ticketing.events.SeatReserved;
import dev.ticketing.events.inbox.EventInbox;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies concert-service's reservation events: keeps the view of payable reservations and, for a payment whose seat
 * could not be sold, starts its {@link CompensateUnsoldPayment compensation}. Each event is applied once, in one
 * transaction with its inbox row.
 */
@Service
public class ApplyReservationEvent {

    static final String CONSUMER = "payment-service.reservation-events";
    private static final Logger log = LoggerFactory.getLogger(ApplyReservationEvent.class);

    private final EventInbox inbox;
    private final ReservationViewRepository views;
    private final CompensateUnsoldPayment compensateUnsold;
    private final ReservationConcerts concerts;
    private final Clock clock;

    public ApplyReservationEvent(EventInbox inbox, ReservationViewRepository views,
            CompensateUnsoldPayment compensateUnsold, ReservationConcerts concerts, Clock clock) {
        this.inbox = inbox;
        this.concerts = concerts;
        this.views = views;
        this.compensateUnsold = compensateUnsold;
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
            case ReservationConfirmationFailed e -> compensateUnsold.compensate(e);
            case PaymentCompleted e -> log.warn("Unexpected {} on the reservation topic; ignored", e.eventType());
            case PaymentRefunded e -> log.warn("Unexpected {} on the reservation topic; ignored", e.eventType());
        }
    }
}

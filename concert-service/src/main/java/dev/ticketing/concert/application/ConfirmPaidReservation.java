package dev.ticketing.concert.application;

import dev.ticketing.concert.domain.ConfirmationDecision;
import dev.ticketing.concert.domain.Reservation;
import dev.ticketing.events.PaymentCompleted;
import dev.ticketing.events.ReservationConfirmationFailed;
import dev.ticketing.events.ReservationConfirmed;
import dev.ticketing.events.inbox.EventInbox;
import dev.ticketing.events.outbox.EventOutbox;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns a completed payment into a sold seat, or into a refund request when the seat can no longer be sold: never a
 * sold seat without payment, never a payment without a seat or a refund.
 *
 * <p>Mutually exclusive with the release job: this reads the reservation under its row lock and confirms with a
 * conditional UPDATE. If the job locked it first, this waits and then reads RELEASED; if this locked it first, the
 * job's SKIP LOCKED passes it by and later finds it CONFIRMED.
 */
@Service
public class ConfirmPaidReservation {

    static final String CONSUMER = "concert-service.payment-completed";

    private static final Logger log = LoggerFactory.getLogger(ConfirmPaidReservation.class);

    private final ReservationStore store;
    private final EventInbox inbox;
    private final EventOutbox outbox;
    private final Clock clock;

    public ConfirmPaidReservation(ReservationStore store, EventInbox inbox, EventOutbox outbox, Clock clock) {
        this.store = store;
        this.inbox = inbox;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public void on(PaymentCompleted payment) {
        if (!inbox.firstDelivery(CONSUMER, payment.eventId())) {
            log.debug("PaymentCompleted {} already applied; skipped", payment.eventId());
            return;
        }
        Optional<Reservation> reservation = store.lockForUpdate(payment.reservationId());
        ConfirmationDecision decision = reservation
                .map(found -> found.decideConfirmation(payment.paymentId(), payment.userId(), payment.seatId(),
                        payment.amount()))
                .orElseGet(() -> new ConfirmationDecision.Reject(ConfirmationDecision.Reject.RESERVATION_NOT_FOUND));
        switch (decision) {
            case ConfirmationDecision.Confirm confirm -> {
                Reservation held = reservation.orElseThrow();
                if (!store.confirm(held, payment.paymentId(), clock.instant())) {
                    // Impossible while we hold the row lock; failing rolls back the inbox row so it is retried.
                    throw new IllegalStateException("Reservation " + held.id() + " changed under its row lock");
                }
                outbox.add(ReservationConfirmed.of(clock, held.id(), payment.paymentId(), held.userId(),
                        held.dateId(), held.seatId()));
                log.info("Reservation {} confirmed by payment {}; seat {} sold", held.id(), payment.paymentId(),
                        held.seatId());
            }
            case ConfirmationDecision.AlreadyConfirmed already ->
                    log.info("Reservation {} was already confirmed by payment {}", payment.reservationId(),
                            payment.paymentId());
            case ConfirmationDecision.Reject reject -> {
                outbox.add(ReservationConfirmationFailed.of(clock, payment.reservationId(), payment.paymentId(),
                        payment.userId(), reject.reason()));
                log.warn("Payment {} cannot confirm reservation {}: {}; asked for a refund", payment.paymentId(),
                        payment.reservationId(), reject.reason());
            }
        }
    }
}

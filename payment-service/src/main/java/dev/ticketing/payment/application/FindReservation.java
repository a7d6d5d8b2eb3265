package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The reservation a payment is for, as payment-service knows it: from its view of concert-service's events, or, when
 * the view lacks it, from concert-service itself, asked at once. A request thread never sleeps waiting for a late
 * {@code SeatReserved}: concert-service owns the holds and answers in milliseconds, and when it cannot answer the
 * client is told to come back ({@code RESERVATION_PENDING} with {@code Retry-After}).
 */
@Service
public class FindReservation {

    private static final Logger log = LoggerFactory.getLogger(FindReservation.class);

    private final ReservationViewRepository views;
    private final ReservationDirectory directory;
    private final Clock clock;

    public FindReservation(ReservationViewRepository views, ReservationDirectory directory, Clock clock) {
        this.views = views;
        this.directory = directory;
        this.clock = clock;
    }

    /**
     * @throws PaymentError.ReservationNotFound when concert-service does not know it either
     * @throws PaymentError.ReservationPending when concert-service cannot be asked now
     */
    public ReservationView find(long reservationId) {
        Optional<ReservationView> view = views.find(reservationId);
        if (view.isPresent()) {
            return view.get();
        }
        // Not in the view: its SeatReserved may be a few ms behind the hold, or late (a consumer rejoining its group,
        // Kafka down), so only concert-service can tell. Unreachable, it keeps the answer at RESERVATION_PENDING: a
        // hold that exists is never called not found.
        ReservationView found = directory.find(reservationId)
                .orElseThrow(() -> new PaymentError.ReservationNotFound(reservationId));
        // Only if the events have not written it meanwhile: theirs may be newer (a release) and must win, here too.
        views.saveIfAbsent(found, clock.instant());
        ReservationView known = views.find(reservationId).orElse(found);
        log.info("Reservation {} was not in the view yet; concert-service answered {}, the view has {}",
                reservationId, found.status(), known.status());
        return known;
    }
}

package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * The reservation a payment is for, as payment-service knows it: from its view of concert-service's events, or, when
 * the view lacks it, from concert-service itself.
 *
 * <p>A fresh hold's SeatReserved usually arrives within milliseconds, so the view is asked again for up to {@code
 * payment.reservation-wait} before concert-service is. The wait is measured in elapsed time, not on the business
 * clock (a test's fixed clock would never end it).
 */
@Service
public class FindReservation {

    private static final Logger log = LoggerFactory.getLogger(FindReservation.class);
    private static final Duration VIEW_POLL = Duration.ofMillis(50);

    private final ReservationViewRepository views;
    private final ReservationDirectory directory;
    private final PaymentProperties properties;
    private final Clock clock;

    public FindReservation(ReservationViewRepository views, ReservationDirectory directory,
            PaymentProperties properties, Clock clock) {
        this.views = views;
        this.directory = directory;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * @throws PaymentError.ReservationNotFound when concert-service does not know it either
     * @throws PaymentError.ReservationPending when concert-service cannot be asked now
     */
    public ReservationView find(long reservationId) {
        long deadline = System.nanoTime() + properties.reservationWait().toNanos();
        while (true) {
            Optional<ReservationView> view = views.find(reservationId);
            if (view.isPresent()) {
                return view.get();
            }
            if (System.nanoTime() >= deadline) {
                break;
            }
            sleep(VIEW_POLL);
        }
        // Not in the view: its SeatReserved may be late (a consumer rejoining its group, Kafka down), so only
        // concert-service can tell. Unreachable, it keeps the answer at RESERVATION_PENDING: a hold that exists is
        // never called not found.
        ReservationView found = directory.find(reservationId)
                .orElseThrow(() -> new PaymentError.ReservationNotFound(reservationId));
        // Only if the events have not written it meanwhile: theirs may be newer (a release) and must win.
        views.saveIfAbsent(found, clock.instant());
        log.info("Reservation {} was not in the view yet; concert-service answered {}", reservationId,
                found.status());
        return found;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the reservation", e);
        }
    }
}

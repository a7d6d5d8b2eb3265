package dev.ticketing.payment.support;

import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Waits until payment-service's view of a reservation, fed from Kafka, satisfies a condition. */
public final class ReservationViewProbe {

    private ReservationViewProbe() {
    }

    public static ReservationView await(ReservationViewRepository views, long reservationId,
            Predicate<ReservationView> condition) {
        return Awaitility.await("reservation " + reservationId + " in the expected state")
                .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                .until(() -> views.find(reservationId), view -> view.isPresent() && condition.test(view.get()))
                .orElseThrow();
    }
}

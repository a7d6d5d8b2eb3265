package dev.ticketing.payment.support;

import dev.ticketing.payment.application.ReservationViewRepository;
import dev.ticketing.payment.domain.ReservationView;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/** Waits until payment-service's view of a reservation, fed from Kafka, satisfies a condition. */
public final class ReservationViewProbe {

    private ReservationViewProbe() {
    }

    public static ReservationView await(ReservationViewRepository views, long reservationId,
            Predicate<ReservationView> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Optional<ReservationView> view = Optional.empty();
        while (System.nanoTime() < deadline) {
            view = views.find(reservationId);
            if (view.isPresent() && condition.test(view.get())) {
                return view.get();
            }
            PaymentEventsRecorder.sleep(20);
        }
        throw new AssertionError("Reservation " + reservationId + " never reached the expected state; last: " + view);
    }
}

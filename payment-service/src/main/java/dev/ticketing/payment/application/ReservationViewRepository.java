package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.Optional;

public interface ReservationViewRepository {

    Optional<ReservationView> find(long reservationId);

    void save(ReservationView view, Instant now);

    /** Saves concert-service's answer unless the events have written the reservation already (theirs wins). */
    void saveIfAbsent(ReservationView view, Instant now);
}

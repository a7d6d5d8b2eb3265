package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.ReservationView;
import java.time.Instant;
import java.util.Optional;

public interface ReservationViewRepository {

    Optional<ReservationView> find(long reservationId);

    void save(ReservationView view, Instant now);

    /**
     * When a payment for this still unknown reservation was first asked for (now, if this is the first time). It
     * separates "not arrived yet" from "does not exist": a reservation still unknown long after the first request
     * for it is not going to arrive.
     */
    Instant firstAskedAbout(long reservationId, Instant now);

    int forgetQuestionsAskedBefore(Instant cutoff);
}

package dev.ticketing.payment.application;

import dev.ticketing.payment.domain.PaymentError;
import dev.ticketing.payment.domain.ReservationView;
import java.util.Optional;

/**
 * concert-service's own answer about a reservation, for when this service's event-fed view lacks it (its
 * {@code SeatReserved} has not arrived: a consumer rejoining its group, Kafka down).
 */
public interface ReservationDirectory {

    /**
     * @return the reservation as concert-service has it; empty only when concert-service says it does not exist
     * @throws PaymentError.ReservationPending when concert-service cannot answer now (down, slow, circuit open)
     */
    Optional<ReservationView> find(long reservationId);
}

package dev.ticketing.payment.infrastructure.persistence;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code reservation_concert}: the concert of a reservation, recorded once. */
@Entity
@Table(name = "reservation_concert")
class ReservationConcertEntity {

    @Id
    private long reservationId;
    private long concertId;

    protected ReservationConcertEntity() {
    }
}

package dev.ticketing.payment.domain;

/** Where a reservation stands, as far as payment is concerned. RELEASED and CONFIRMED are final. */
public enum ReservationStatus {
    HELD, RELEASED, CONFIRMED
}

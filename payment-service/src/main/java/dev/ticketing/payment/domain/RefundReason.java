package dev.ticketing.payment.domain;

/** Why points go back to a user. */
public enum RefundReason {
    /** Saga compensation: the payment completed but concert-service could not sell the seat. */
    RESERVATION_NOT_CONFIRMED,
    /** A late debit of an attempt that another attempt of the same payment had already replaced. */
    SUPERSEDED_DEBIT
}

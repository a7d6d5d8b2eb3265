package dev.ticketing.payment.domain;

/**
 * The life of a payment. PENDING: a debit was or is being asked for, its outcome unknown; FAILED: the last attempt was
 * refused (the user may try again); COMPLETED: points debited; REFUND_PENDING: the seat could not be sold, the points
 * are being given back; REFUNDED: they were.
 */
public enum PaymentStatus {
    PENDING, FAILED, COMPLETED, REFUND_PENDING, REFUNDED;

    /** Points were taken for this payment (and, for the last two, are being or were given back). */
    public boolean isPaid() {
        return this == COMPLETED || this == REFUND_PENDING || this == REFUNDED;
    }
}

package dev.ticketing.userpoint.domain;

/** The requested amount breaks a charge rule; the message says which, in words a user can act on. */
public class AmountNotChargeableException extends RuntimeException {

    public AmountNotChargeableException(String reason) {
        super(reason);
    }
}
